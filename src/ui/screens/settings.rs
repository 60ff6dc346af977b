//! Settings (`#/settings`): trade-fair mode (on, with its idle time; leaving it), and the
//! profile as a file (export, import).

use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;

use crate::engine::money::parse_count;
use crate::ui::components::import_export::{ExportButton, ImportProfile};
use crate::ui::fair::idle::warn_secs;
use crate::ui::fair::{
    enter, use_fair, FairConfig, LeaveFair, DEFAULT_IDLE_SECS, MAX_IDLE_SECS, MIN_IDLE_SECS,
};
use crate::ui::i18n::use_lang;
use crate::ui::results::format::fill;
use crate::ui::route::Route;
use crate::ui_strings;

ui_strings!(SettingsText {
    Title => ("设置", "Settings"),
    Fair => ("展会模式", "Trade-fair mode"),
    FairLead => (
        "在展会上用同一块屏幕为一个又一个访客演示：全屏大按钮、一键示例、无人操作时自动清除；访客输入的内容只留在内存中，不会保存在本设备上。",
        "For demonstrating to one visitor after another on a shared screen: full-screen layout with large buttons, one-tap samples, and an automatic clear when nobody is using it. What visitors enter stays in memory and is never saved on this device."
    ),
    FairLink => (
        "也可以直接打开带 ?fair=1 的地址（例如 …/?fair=1&idle=120#/）进入展会模式。",
        "You can also open the address with ?fair=1 (for example …/?fair=1&idle=120#/) to start in fair mode."
    ),
    Idle => ("无人操作多少秒后开始倒计时", "Seconds without a touch before the countdown"),
    IdleHint => (
        "{min} 到 {max} 秒。无人触碰达到这个秒数后，才显示 {warn} 秒倒计时和“我还在”按钮；倒计时结束即清除。",
        "From {min} to {max} seconds. Only after this many seconds without a touch does a {warn}-second countdown with an “I'm still here” button start; when it ends, everything is cleared."
    ),
    IdleError => ("请输入 {min} 到 {max} 之间的整数。", "Enter a whole number from {min} to {max}."),
    Enter => ("开启展会模式", "Start fair mode"),
    EnterNote => (
        "您已保存的档案不受影响，退出展会模式后会回来。",
        "Your saved profiles are not affected; they are back when you leave fair mode."
    ),
    FairOn => ("展会模式已开启：无人触碰 {n} 秒后开始 {warn} 秒倒计时，然后清除。", "Fair mode is on: after {n} seconds without a touch a {warn}-second countdown starts, then everything is cleared."),
    Files => ("档案文件", "Profile files"),
    FilesLead => (
        "把当前档案导出为 JSON 文件，或导入之前导出的文件。",
        "Export the profile being answered as a JSON file, or import a file exported before."
    ),
    FilesFair => ("展会模式下不提供导入和导出。", "Import and export are not offered in fair mode."),
    More => ("更多", "More"),
    Compare => ("比较两个档案", "Compare two profiles"),
    Receipt => ("可打印的回执", "Printable receipt"),
    Profiles => ("管理已保存的档案", "Manage saved profiles"),
});

/// The idle time typed, if it is a whole number in range. Read as the questions' counts are
/// ("１２０" and "1,200" too), so a full-width digit is no surprise.
pub fn parse_idle(text: &str) -> Option<u32> {
    parse_count(text)
        .ok()
        .and_then(|n| n.to_u32())
        .filter(|n| (MIN_IDLE_SECS..=MAX_IDLE_SECS).contains(n))
}

#[component]
pub fn Settings() -> impl IntoView {
    let lang = use_lang();
    let t = move |key: SettingsText| key.get(lang.get());
    let fair = use_fair().and_then(|f| f.config);
    let idle_text = RwSignal::new(DEFAULT_IDLE_SECS.to_string());
    let idle = Memo::new(move |_| idle_text.with(|t| parse_idle(t)));
    let range = move |key: SettingsText| {
        let warn = idle.get().map_or(warn_secs(DEFAULT_IDLE_SECS), warn_secs);
        fill(
            t(key),
            &[
                ("min", &MIN_IDLE_SECS.to_string()),
                ("max", &MAX_IDLE_SECS.to_string()),
                ("warn", &warn.to_string()),
            ],
        )
    };
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(idle_secs) = idle.get_untracked() {
            enter(FairConfig { idle_secs });
        }
    };

    let fair_section = match fair {
        Some(config) => view! {
            <p role="status" data-testid="fair-on">
                {move || fill(t(SettingsText::FairOn), &[
                    ("n", &config.idle_secs.to_string()),
                    ("warn", &warn_secs(config.idle_secs).to_string()),
                ])}
            </p>
            <LeaveFair/>
        }
        .into_any(),
        None => view! {
            <form class="fair-form" on:submit=start>
                <p>
                    <label for="fair-idle">{SettingsText::Idle.text(lang)}</label>
                    // Text, not type="number": a number field reports "" for a half-typed "1." and
                    // the value written back then cleared what was typed ("1.5" became "51").
                    <input id="fair-idle" type="text" inputmode="numeric" autocomplete="off"
                        data-testid="fair-idle" aria-describedby="fair-idle-hint fair-idle-error"
                        aria-invalid=move || idle.get().is_none().to_string()
                        value=DEFAULT_IDLE_SECS.to_string()
                        on:input=move |ev| idle_text.set(event_target_value(&ev))/>
                </p>
                <p class="hint" id="fair-idle-hint">{move || range(SettingsText::IdleHint)}</p>
                <p class="field-error" id="fair-idle-error" role="alert" data-testid="fair-idle-error">
                    {move || idle.get().is_none().then(|| range(SettingsText::IdleError))}
                </p>
                <p class="hint">{SettingsText::EnterNote.text(lang)}</p>
                <p><button type="submit" data-testid="fair-enter">{SettingsText::Enter.text(lang)}</button></p>
            </form>
        }
        .into_any(),
    };

    view! {
        <div class="settings-screen" data-testid="settings-screen">
            <h1>{SettingsText::Title.text(lang)}</h1>
            <section aria-labelledby="settings-fair">
                <h2 id="settings-fair">{SettingsText::Fair.text(lang)}</h2>
                <p>{SettingsText::FairLead.text(lang)}</p>
                {fair_section}
                <p class="hint">{SettingsText::FairLink.text(lang)}</p>
            </section>
            <section aria-labelledby="settings-files">
                <h2 id="settings-files">{SettingsText::Files.text(lang)}</h2>
                {if fair.is_some() {
                    view! { <p>{SettingsText::FilesFair.text(lang)}</p> }.into_any()
                } else {
                    view! {
                        <p>{SettingsText::FilesLead.text(lang)}</p>
                        <ExportButton/>
                        <ImportProfile/>
                    }
                    .into_any()
                }}
            </section>
            <section aria-labelledby="settings-more">
                <h2 id="settings-more">{SettingsText::More.text(lang)}</h2>
                <ul class="link-list">
                    <li><a href=Route::Compare.to_hash()>{SettingsText::Compare.text(lang)}</a></li>
                    <li><a href=Route::Receipt.to_hash()>{SettingsText::Receipt.text(lang)}</a></li>
                    <li><a href=Route::Profiles.to_hash()>{SettingsText::Profiles.text(lang)}</a></li>
                </ul>
            </section>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_times_out_of_range_or_not_whole_are_refused() {
        assert_eq!(parse_idle("120"), Some(120));
        assert_eq!(parse_idle(" 30 "), Some(MIN_IDLE_SECS));
        assert_eq!(parse_idle(&MAX_IDLE_SECS.to_string()), Some(MAX_IDLE_SECS));
        assert_eq!(parse_idle("１２０"), Some(120));
        for bad in ["", "29", "3601", "12.5", "-40", "abc", "99999999999", "1.5万"] {
            assert_eq!(parse_idle(bad), None, "{bad}");
        }
    }
}
