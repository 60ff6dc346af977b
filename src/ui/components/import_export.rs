//! A profile as a file: export the active profile as JSON (the engine's profile document,
//! `docs/profile-format.md`), and import such a file: read it on the device, validate it with
//! `Profile::from_json_with`, preview it, then add it as a new profile, or replace a saved one
//! only after an explicit confirmation. A broken file gets the validator's message.

use leptos::prelude::*;

use crate::engine::evaluate;
use crate::engine::lang::Lang;
use crate::engine::profile::{Profile, ProfileError};
use crate::engine::report::Status;
use crate::ui::components::download::download_text;
use crate::ui::components::handoff::on_settled;
use crate::ui::components::report_table::AnswerList;
use crate::ui::i18n::use_lang;
use crate::ui::results::format::fill;
use crate::ui::results::summary::total_text;
use crate::ui::route::Route;
use crate::ui::screens::home::display_name;
use crate::ui::state::{now_ms, use_app, use_saved};
use crate::ui_strings;

/// Larger files are refused unread: a profile is a few kilobytes.
pub const MAX_IMPORT_BYTES: f64 = 1024.0 * 1024.0;

ui_strings!(FileText {
    Export => ("导出当前档案（JSON 文件）", "Export this profile (JSON file)"),
    ExportFailed => ("无法生成下载文件。", "The file could not be offered for download."),
    Exported => ("已导出。", "Exported."),
    Import => ("导入档案文件", "Import a profile file"),
    Choose => ("选择 JSON 文件…", "Choose a JSON file…"),
    ImportHint => (
        "选择之前导出的 JSON 文件。文件只在本设备上读取，不会上传。",
        "Choose a JSON file exported before. It is read on this device and never uploaded."
    ),
    TooLarge => ("文件过大（超过 1 MB），不是本应用导出的档案。", "The file is too large (over 1 MB) to be a profile exported by this app."),
    Unreadable => ("无法读取此文件。", "The file could not be read."),
    Problem => ("无法导入“{file}”：", "“{file}” cannot be imported: "),
    Preview => ("导入预览：{file}", "Import preview: {file}"),
    PreviewLead => ("{n} 个回答 · {e} 项符合条件", "{n} {n|answer|answers} · {e} eligible"),
    City => ("市级奖补（按方案）：{value}", "City rewards under the plan: {value}"),
    Add => ("添加为新档案", "Add as a new profile"),
    ReplaceWhich => ("或替换已保存的档案：", "Or replace a saved profile:"),
    Replace => ("替换所选档案…", "Replace the chosen profile…"),
    ConfirmTitle => ("确定替换“{name}”？", "Replace “{name}”?"),
    ConfirmBody => (
        "该档案的所有回答将被文件中的内容覆盖。此操作无法撤销；如果不确定，请改为“添加为新档案”。",
        "All its answers will be overwritten by the file. This cannot be undone; if unsure, choose “Add as a new profile” instead."
    ),
    ConfirmYes => ("确定替换", "Yes, replace it"),
    Cancel => ("取消", "Cancel"),
    Added => ("已添加为新档案“{name}”。", "Added as a new profile, “{name}”."),
    Replaced => ("已替换档案“{name}”。", "Replaced the profile “{name}”."),
    SeeResults => ("查看结果", "See the results"),
    Files => ("档案文件", "Profile files"),
    FilesLead => (
        "把正在回答的档案导出为 JSON 文件（可在其他设备上导入），或导入之前导出的文件。",
        "Export the profile being answered as a JSON file (to import on another device), or import a file exported before."
    ),
});

/// Export and import together, as a section (the profiles screen). Not offered in fair mode.
#[component]
pub fn ProfileFiles() -> impl IntoView {
    let lang = use_lang();
    if crate::ui::fair::fair_active() {
        return ().into_any();
    }
    view! {
        <section class="profile-files" aria-labelledby="profile-files-title" data-testid="profile-files">
            <h2 id="profile-files-title">{FileText::Files.text(lang)}</h2>
            <p>{FileText::FilesLead.text(lang)}</p>
            <ExportButton/>
            <ImportProfile/>
        </section>
    }
    .into_any()
}

/// A file name for an exported profile: its name (letters, digits, CJK kept), else "profile".
pub fn export_file_name(name: &str) -> String {
    let mut stem: String = name
        .trim()
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .take(60)
        .collect();
    while stem.contains("--") {
        stem = stem.replace("--", "-");
    }
    let stem = stem.trim_matches('-');
    let stem = if stem.is_empty() { "profile" } else { stem };
    format!("qinzhou-{stem}.json")
}

/// Exports the profile being answered.
#[component]
pub fn ExportButton() -> impl IntoView {
    let lang = use_lang();
    let t = move |key: FileText| key.get(lang.get());
    let Some(app) = use_app() else { return ().into_any() };
    let outcome = RwSignal::new(None::<bool>);
    let export = move |_| {
        let (json, name) = app
            .profile
            .with_untracked(|p| (p.to_json(), display_name(app.policy, p, lang.get_untracked())));
        outcome.set(Some(download_text(&json, &export_file_name(&name)).is_ok()));
    };
    view! {
        <p class="actions">
            <button type="button" class="secondary" data-testid="export-profile" on:click=export>
                {FileText::Export.text(lang)}
            </button>
            <span role="status" data-testid="export-status">
                {move || outcome.get().map(|ok| if ok { t(FileText::Exported) } else { t(FileText::ExportFailed) })}
            </span>
        </p>
    }
    .into_any()
}

/// Why a file was not taken.
#[derive(Clone, Debug, PartialEq)]
enum Refusal {
    TooLarge,
    Unreadable,
    Invalid(ProfileError),
}

impl Refusal {
    fn message(&self, lang: Lang) -> String {
        match self {
            Refusal::TooLarge => FileText::TooLarge.get(lang).to_owned(),
            Refusal::Unreadable => FileText::Unreadable.get(lang).to_owned(),
            Refusal::Invalid(e) => e.message(lang),
        }
    }
}

/// Reads a chosen file's text, then calls `done` with it (or the refusal).
fn read_file(
    input: &web_sys::HtmlInputElement,
    done: impl Fn(String, Result<String, Refusal>) + 'static,
) {
    use leptos::wasm_bindgen::JsCast;
    let file = js_sys::Reflect::get(input, &"files".into())
        .ok()
        .and_then(|files| js_sys::Reflect::get(&files, &0.into()).ok())
        .filter(|f| !f.is_undefined() && !f.is_null());
    let Some(file) = file else { return };
    let name = js_sys::Reflect::get(&file, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    let size =
        js_sys::Reflect::get(&file, &"size".into()).ok().and_then(|s| s.as_f64()).unwrap_or(0.0);
    if size > MAX_IMPORT_BYTES {
        done(name, Err(Refusal::TooLarge));
        return;
    }
    // The bytes, decoded as the native tools do (UTF-8, invalid sequences replaced): the
    // browser's own text() would also decode UTF-16, which the profile format does not allow.
    let promise = js_sys::Reflect::get(&file, &"arrayBuffer".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|read| read.call0(&file).ok());
    let Some(promise) = promise else {
        done(name, Err(Refusal::Unreadable));
        return;
    };
    let done = std::rc::Rc::new(done);
    let (again, name2) = (done.clone(), name.clone());
    on_settled(
        &promise,
        move |buffer| {
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            done(name, Ok(String::from_utf8_lossy(&bytes).into_owned()));
        },
        move |_| again(name2, Err(Refusal::Unreadable)),
    );
}

/// What is being imported.
#[derive(Clone, Debug, PartialEq)]
struct Pending {
    file: String,
    profile: Profile,
}

/// The import control: choose, preview, add or (confirmed) replace.
#[component]
pub fn ImportProfile() -> impl IntoView {
    let lang = use_lang();
    let t = move |key: FileText| key.get(lang.get());
    let (Some(app), Some(saved)) = (use_app(), use_saved()) else { return ().into_any() };
    let policy = app.policy;
    let input = NodeRef::<leptos::html::Input>::new();
    let refused = RwSignal::new(None::<(String, Refusal)>);
    let pending = RwSignal::new(None::<Pending>);
    let target = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);
    let done = RwSignal::new(None::<(FileText, String)>);

    let chosen = move |_| {
        let Some(el) = input.get_untracked() else { return };
        refused.set(None);
        pending.set(None);
        done.set(None);
        confirming.set(false);
        read_file(&el, move |file, text| {
            match text.and_then(|text| read_profile(policy, &text).map_err(Refusal::Invalid)) {
                Ok(profile) => {
                    // Offer the saved profile of the same name first, if there is one.
                    let same = saved.store.with_untracked(|s| {
                        s.entries()
                            .iter()
                            .find(|e| e.profile.name == profile.name && !profile.name.is_empty())
                            .map(|e| e.id.clone())
                    });
                    let first =
                        saved.store.with_untracked(|s| s.entries().first().map(|e| e.id.clone()));
                    target.set(same.or(first).unwrap_or_default());
                    pending.set(Some(Pending { file, profile }));
                }
                Err(refusal) => refused.set(Some((file, refusal))),
            }
        });
    };
    let finish = move |key: FileText, name: String| {
        pending.set(None);
        confirming.set(false);
        done.set(Some((key, name)));
        if let Some(el) = input.get_untracked() {
            el.set_value("");
        }
    };
    let add = move |_| {
        let Some(Pending { profile, .. }) = pending.get_untracked() else { return };
        let name = display_name(policy, &profile, lang.get_untracked());
        saved.store.update(|s| {
            s.create(profile.clone(), now_ms());
        });
        app.profile.set(profile);
        finish(FileText::Added, name);
    };
    let replace = move |_| {
        let Some(Pending { profile, .. }) = pending.get_untracked() else { return };
        let id = target.get_untracked();
        if saved.store.with_untracked(|s| s.get(&id).is_none()) {
            return;
        }
        let name = saved.store.with_untracked(|s| {
            s.get(&id)
                .map(|e| display_name(policy, &e.profile, lang.get_untracked()))
                .unwrap_or_default()
        });
        // Open the chosen profile, then give it the file's content: the store records it there.
        saved.open(&id);
        app.profile.set(profile);
        finish(FileText::Replaced, name);
    };
    let target_name = move || {
        let id = target.get();
        saved
            .store
            .with(|s| s.get(&id).map(|e| display_name(policy, &e.profile, lang.get())))
            .unwrap_or_default()
    };

    let preview = move || {
        pending.get().map(|Pending { file, profile }| {
            let report = evaluate(policy, &profile, app.today);
            let eligible = report.results.iter().filter(|r| r.status == Status::Eligible).count();
            let answers = profile.answers.len();
            let city = report.totals.city;
            let has_saved = saved.store.with(|s| !s.entries().is_empty());
            let entries = move || {
                saved.store.with(|s| {
                    s.entries()
                        .iter()
                        .map(|e| (e.id.clone(), display_name(policy, &e.profile, lang.get())))
                        .collect::<Vec<_>>()
                })
            };
            view! {
                <section class="import-preview" aria-labelledby="import-preview-title" data-testid="import-preview">
                    <h3 id="import-preview-title">{move || fill(t(FileText::Preview), &[("file", &file)])}</h3>
                    <p data-testid="import-summary" data-eligible=eligible.to_string()>
                        {move || fill(t(FileText::PreviewLead), &[("n", &answers.to_string()), ("e", &eligible.to_string())])}
                        {move || (!city.range.max.is_zero()).then(|| format!(" · {}", fill(t(FileText::City), &[("value", &total_text(&city, lang.get()))])))}
                    </p>
                    <AnswerList policy=policy profile=profile/>
                    <p class="actions">
                        <button type="button" data-testid="import-add" on:click=add>{FileText::Add.text(lang)}</button>
                        <button type="button" class="secondary" data-testid="import-cancel" on:click=move |_| {
                            pending.set(None);
                            confirming.set(false);
                        }>{FileText::Cancel.text(lang)}</button>
                    </p>
                    {has_saved.then(|| view! {
                        <p class="actions import-replace">
                            <label for="import-target">{FileText::ReplaceWhich.text(lang)}</label>
                            <select id="import-target" data-testid="import-target"
                                on:change=move |ev| { target.set(event_target_value(&ev)); confirming.set(false); }>
                                {move || entries().into_iter().map(|(id, name)| {
                                    let is = id.clone();
                                    view! { <option value=id prop:selected=move || target.with(|t| *t == is)>{name}</option> }
                                }).collect_view()}
                            </select>
                            <button type="button" class="secondary danger" data-testid="import-replace"
                                aria-expanded=move || confirming.get().to_string()
                                on:click=move |_| confirming.set(true)>{FileText::Replace.text(lang)}</button>
                        </p>
                    })}
                    <Show when=move || confirming.get()>
                        <div class="import-confirm" role="alertdialog" aria-labelledby="import-confirm-title"
                            aria-describedby="import-confirm-body" data-testid="import-confirm">
                            <h4 id="import-confirm-title">{move || fill(t(FileText::ConfirmTitle), &[("name", &target_name())])}</h4>
                            <p id="import-confirm-body">{FileText::ConfirmBody.text(lang)}</p>
                            <p class="actions">
                                <button type="button" class="secondary danger" data-testid="import-replace-confirm" on:click=replace>
                                    {FileText::ConfirmYes.text(lang)}
                                </button>
                                <button type="button" class="secondary" data-testid="import-replace-cancel"
                                    on:click=move |_| confirming.set(false)>{FileText::Cancel.text(lang)}</button>
                            </p>
                        </div>
                    </Show>
                </section>
            }
        })
    };

    view! {
        <div class="import-profile" data-testid="import-profile">
            // The browser's own file control speaks the browser's language, not the app's ("Choose
            // File / No file chosen" beside Chinese): it is hidden but focusable, and a button-like
            // label in the app's language opens it.
            <p>
                <label for="import-file" class="import-label">{FileText::Import.text(lang)}</label>
                <input id="import-file" class="visually-hidden file-input" type="file" accept=".json,application/json"
                    data-testid="import-file" aria-describedby="import-hint" node_ref=input on:change=chosen/>
                <label for="import-file" class="button secondary file-button" aria-hidden="true" data-testid="import-choose">
                    {FileText::Choose.text(lang)}
                </label>
            </p>
            <p class="hint" id="import-hint">{FileText::ImportHint.text(lang)}</p>
            {move || refused.get().map(|(file, refusal)| view! {
                <p class="field-error" role="alert" data-testid="import-error">
                    <span class="icon" aria-hidden="true">"⚠ "</span>
                    {fill(FileText::Problem.get(lang.get()), &[("file", &file)])}
                    {refusal.message(lang.get())}
                </p>
            })}
            {preview}
            {move || done.get().map(|(key, name)| view! {
                <p role="status" data-testid="import-done">
                    {fill(key.get(lang.get()), &[("name", &name)])}" "
                    <a href=Route::Results.to_hash()>{FileText::SeeResults.get(lang.get())}</a>
                </p>
            })}
        </div>
    }
    .into_any()
}

/// An imported file is read under the plan it was made under (a plan this app does not have is
/// refused with a message, nothing changed); without the built-in list, under `policy`.
fn read_profile(
    policy: &crate::engine::policy::Policy,
    text: &str,
) -> Result<Profile, crate::engine::ProfileError> {
    match crate::engine::plans::Plans::embedded() {
        Ok(plans) => Profile::from_json_in(plans, text),
        Err(_) => Profile::from_json_with(policy, text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_file_names_are_safe_and_never_empty() {
        assert_eq!(export_file_name("Pubei chenpi, 2024"), "qinzhou-Pubei-chenpi-2024.json");
        assert_eq!(export_file_name("浦北陈皮/加工"), "qinzhou-浦北陈皮-加工.json");
        assert_eq!(export_file_name("  "), "qinzhou-profile.json");
        assert_eq!(export_file_name("../../etc"), "qinzhou-etc.json");
        assert!(export_file_name(&"x".repeat(500)).len() < 80);
    }
}
