//! Saved profiles (`#/profiles`): every profile kept on this device, with its applicant, county
//! and last change; open, rename, duplicate, delete (with undo); and the backups of stored data
//! that could not be read, to export or remove.

use crate::engine::lang::Lang;
use crate::ui::components::download::download_text;
use crate::ui::components::figures::figures;
use crate::ui::components::import_export::ProfileFiles;
use crate::ui::components::notice::backup_file_name;
use crate::ui::components::plan_line::profile_plan_text;
use crate::ui::i18n::use_lang;
use crate::ui::profiles::Entry;
use crate::ui::results::format::fill;
use crate::ui::route::Route;
use crate::ui::screens::compare::CompareLink;
use crate::ui::screens::home::display_name;
use crate::ui::state::{use_app, use_saved, Saved};
use crate::ui::storage::{self, StorageKey};
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(ProfilesText {
    Title => ("已保存的档案", "Saved profiles"),
    Lead => (
        "档案只保存在本设备的浏览器中。您可以为不同的企业或项目分别建立档案。",
        "Profiles are kept only in this browser on this device. Keep one per company or project."
    ),
    InMemory => (
        "此浏览器不能保存数据：这些档案只在本页面打开期间有效。",
        "This browser cannot save data: these profiles last only while this page is open."
    ),
    FairMode => (
        "展会模式：不会在本设备上保存任何数据，这些档案在屏幕重置或页面关闭时清除。",
        "Fair mode: nothing is saved on this device; these profiles are cleared when the screen resets or the page closes."
    ),
    New => ("新建档案", "New profile"),
    Empty => ("还没有保存的档案。在开始页选择申请人类型后，档案会自动保存。", "No saved profiles yet. Once you choose who is applying on the start page, your profile is saved automatically."),
    Current => ("当前档案", "Current profile"),
    Modified => ("最后修改：", "Last changed: "),
    Unknown => ("未知", "unknown"),
    Answers => ("{n} 个回答", "{n} {n|answer|answers}"),
    NoApplicant => ("未选择申请人", "applicant not chosen"),
    NoCounty => ("未选择县（区）", "county not chosen"),
    Open => ("打开", "Open"),
    Rename => ("重命名", "Rename"),
    Duplicate => ("复制", "Duplicate"),
    Delete => ("删除", "Delete"),
    NameLabel => ("档案名称", "Profile name"),
    Save => ("保存", "Save"),
    Cancel => ("取消", "Cancel"),
    CopySuffix => ("（副本）", " (copy)"),
    BackupsTitle => ("无法读取的数据的备份", "Backups of data that could not be read"),
    BackupsLead => (
        "{n|这是|这些是}曾经无法读取的已保存数据的原样副本。导出后可交给技术人员查看，或在不需要时删除。",
        "{n|This is a verbatim copy|These are verbatim copies} of saved data that could not be read. Export {n|it|them} to keep or to show to someone who can help, or delete {n|it|them} when no longer needed."
    ),
    BackupRow => ("备份 {n} · {size} 个字符", "Backup {n} · {size} {size|character|characters}"),
    ExportBackup => ("导出备份 {n}", "Export backup {n}"),
    ExportFailed => ("无法导出文件。", "The file could not be exported."),
    DeleteBackup => ("删除备份 {n}", "Delete backup {n}"),
    ConfirmDelete => ("确定删除备份 {n}？此操作无法撤销。", "Delete backup {n}? This cannot be undone."),
});

/// "Last changed" in the visitor's locale.
fn modified_text(ms: u64, lang: Lang) -> String {
    if ms == 0 {
        return ProfilesText::Unknown.get(lang).to_owned();
    }
    #[allow(clippy::cast_precision_loss)] // milliseconds stay far below 2^53
    let date = js_sys::Date::new(&leptos::wasm_bindgen::JsValue::from_f64(ms as f64));
    let options = js_sys::Object::new();
    for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    // British English, day before month, as the app writes dates in sentences ("31 December 2025").
    let locale = match lang {
        Lang::Zh => lang.tag(),
        Lang::En => "en-GB",
    };
    String::from(date.to_locale_string(locale, &options))
}

fn copy_name(base: &str, lang: Lang) -> String {
    format!("{base}{}", ProfilesText::CopySuffix.get(lang))
}

#[component]
pub fn Profiles() -> impl IntoView {
    let lang = use_lang();
    let t = move |key: ProfilesText| key.get(lang.get());
    let (Some(app), Some(saved)) = (use_app(), use_saved()) else {
        return view! { <h1>{ProfilesText::Title.text(lang)}</h1> }.into_any();
    };
    let _ = app;
    let ids =
        move || saved.store.with(|s| s.entries().iter().map(|e| e.id.clone()).collect::<Vec<_>>());
    let new_profile = move |_| {
        saved.create();
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&Route::Home.to_hash());
        }
    };
    view! {
        <div class="profiles">
            <h1>{ProfilesText::Title.text(lang)}</h1>
            <p class="lead" data-testid="profiles-lead">
                {move || if storage::memory_only() {
                    t(ProfilesText::FairMode)
                } else if saved.available {
                    t(ProfilesText::Lead)
                } else {
                    t(ProfilesText::InMemory)
                }}
            </p>
            <p>
                <button type="button" data-testid="profile-new" on:click=new_profile>
                    {ProfilesText::New.text(lang)}
                </button>
            </p>
            <Show
                when=move || saved.store.with(|s| !s.entries().is_empty())
                fallback=move || view! { <p data-testid="profiles-empty">{ProfilesText::Empty.text(lang)}</p> }
            >
                <ul class="profile-list">
                    <For each=ids key=|id| id.clone() let:id>
                        <ProfileRow saved=saved id=id/>
                    </For>
                </ul>
            </Show>
            <Backups saved=saved/>
            // Export, import and compare (u5: components/import_export.rs, compare.rs).
            <ProfileFiles/>
            <p><CompareLink/></p>
        </div>
    }
    .into_any()
}

#[component]
fn ProfileRow(saved: Saved, id: String) -> impl IntoView {
    let lang = use_lang();
    let policy = saved.app.policy;
    let entry = {
        let id = id.clone();
        Memo::new(move |_| saved.store.with(|s| s.get(&id).cloned()))
    };
    let is_active = {
        let id = id.clone();
        Memo::new(move |_| saved.store.with(|s| s.active_id() == Some(id.as_str())))
    };
    let name = move || {
        entry.with(|e| {
            e.as_ref().map(|e| display_name(policy, &e.profile, lang.get())).unwrap_or_default()
        })
    };
    let plan_text = move || {
        let lang = lang.get();
        entry.with(|e| e.as_ref().map(|e| profile_plan_text(&e.profile, lang)).unwrap_or_default())
    };
    let details = move || {
        let lang = lang.get();
        entry.with(|e| {
            let Some(Entry { profile, modified, .. }) = e else { return String::new() };
            let applicant = profile
                .applicant
                .map(|a| a.label(lang).to_owned())
                .unwrap_or_else(|| ProfilesText::NoApplicant.get(lang).to_owned());
            let county = profile
                .county
                .as_deref()
                .and_then(|c| policy.county(c))
                .map(|c| c.name.get(lang).to_owned())
                .unwrap_or_else(|| ProfilesText::NoCounty.get(lang).to_owned());
            format!(
                "{applicant} · {county} · {} · {}{}",
                fill(ProfilesText::Answers.get(lang), &[("n", &profile.answers.len().to_string())]),
                ProfilesText::Modified.get(lang),
                modified_text(*modified, lang)
            )
        })
    };

    let renaming = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let input = NodeRef::<leptos::html::Input>::new();
    let rename_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if renaming.get() {
            if let Some(el) = input.get() {
                let _ = el.focus();
                el.select();
            }
        }
    });
    let finish = move |focus_back: bool| {
        renaming.set(false);
        if focus_back {
            request_animation_frame(move || {
                if let Some(Some(b)) = rename_button.try_get_untracked() {
                    let _ = b.focus();
                }
            });
        }
    };

    let open = {
        let id = id.clone();
        move |_| {
            saved.open(&id);
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_hash(&Route::Questions(None).to_hash());
            }
        }
    };
    let start_rename = move |_| {
        draft
            .set(entry.with_untracked(|e| {
                e.as_ref().map(|e| e.profile.name.clone()).unwrap_or_default()
            }));
        renaming.set(true);
    };
    let save_rename = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            saved.rename(&id, &draft.get_untracked());
            finish(true);
        }
    };
    let duplicate = {
        let id = id.clone();
        move |_| {
            let base = entry.with_untracked(|e| {
                e.as_ref()
                    .map(|e| display_name(policy, &e.profile, lang.get_untracked()))
                    .unwrap_or_default()
            });
            saved.duplicate(&id, &copy_name(&base, lang.get_untracked()));
        }
    };
    let delete = {
        let id = id.clone();
        move |_| {
            let shown = entry.with_untracked(|e| {
                e.as_ref()
                    .map(|e| display_name(policy, &e.profile, lang.get_untracked()))
                    .unwrap_or_default()
            });
            saved.delete(&id, shown);
            // The row is gone: put focus on the undo offer, so it is one key away.
            request_animation_frame(|| {
                if let Some(button) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector(".toasts [data-testid=\"undo\"]").ok().flatten())
                {
                    use leptos::wasm_bindgen::JsCast;
                    if let Ok(button) = button.dyn_into::<web_sys::HtmlElement>() {
                        let _ = button.focus();
                    }
                }
            });
        }
    };
    let heading_id = format!("profile-{id}-name");
    let input_id = format!("profile-{id}-name-input");
    let labelled_by = heading_id.clone();
    let name_id = heading_id.clone();

    view! {
        <li class="profile-row" class:active=move || is_active.get() data-testid="profile-row"
            data-profile-id=id.clone() aria-labelledby=labelled_by>
            <div class="profile-main">
                <h2 class="profile-name" id=name_id>
                    {move || figures(name())}
                    <Show when=move || is_active.get()>
                        " "<span class="badge" data-testid="profile-current">{ProfilesText::Current.text(lang)}</span>
                    </Show>
                </h2>
                <p class="profile-details">{move || figures(details())}</p>
                <p class="profile-plan" data-testid="profile-plan">{move || figures(plan_text())}</p>
            </div>
            <Show
                when=move || renaming.get()
                fallback=move || {
                    let open = open.clone();
                    let duplicate = duplicate.clone();
                    let delete = delete.clone();
                    let heading_id = heading_id.clone();
                    view! {
                        <div class="profile-actions">
                            <button type="button" data-testid="profile-open" on:click=open
                                aria-describedby=heading_id.clone()>{ProfilesText::Open.text(lang)}</button>
                            <button type="button" class="secondary" data-testid="profile-rename" node_ref=rename_button
                                on:click=start_rename aria-describedby=heading_id.clone()>{ProfilesText::Rename.text(lang)}</button>
                            <button type="button" class="secondary" data-testid="profile-duplicate" on:click=duplicate
                                aria-describedby=heading_id.clone()>{ProfilesText::Duplicate.text(lang)}</button>
                            <button type="button" class="secondary danger" data-testid="profile-delete" on:click=delete
                                aria-describedby=heading_id.clone()>{ProfilesText::Delete.text(lang)}</button>
                        </div>
                    }
                }
            >
                <form class="rename-form" on:submit=save_rename.clone()>
                    <label for=input_id.clone()>{ProfilesText::NameLabel.text(lang)}</label>
                    <input type="text" id=input_id.clone() data-testid="profile-rename-input" node_ref=input
                        maxlength="120" autocomplete="off"
                        prop:value=move || draft.get()
                        on:input=move |ev| draft.set(event_target_value(&ev))
                        on:keydown=move |ev| if ev.key() == "Escape" { finish(true) }/>
                    <button type="submit" data-testid="profile-rename-save">{ProfilesText::Save.text(lang)}</button>
                    <button type="button" class="secondary" data-testid="profile-rename-cancel"
                        on:click=move |_| finish(true)>{ProfilesText::Cancel.text(lang)}</button>
                </form>
            </Show>
        </li>
    }
}

#[component]
fn Backups(saved: Saved) -> impl IntoView {
    let lang = use_lang();
    let t = move |key: ProfilesText| key.get(lang.get());
    let export_failed = RwSignal::new(false);
    let backups = move || {
        saved.backups_changed.track();
        storage::backup_numbers()
            .unwrap_or_default()
            .into_iter()
            .map(|n| {
                let size = storage::read_raw(StorageKey::Backup(n))
                    .ok()
                    .flatten()
                    .map(|r| r.chars().count());
                (n, size.unwrap_or(0))
            })
            .collect::<Vec<_>>()
    };
    move || {
        let list = backups();
        (!list.is_empty()).then(|| {
            let count = list.len().to_string();
            let rows = list
                .into_iter()
                .map(|(n, size)| {
                    let with_n = move |key: ProfilesText| t(key).replace("{n}", &n.to_string());
                    let export = move |_| {
                        let ok = storage::read_raw(StorageKey::Backup(n))
                            .ok()
                            .flatten()
                            .is_some_and(|raw| download_text(&raw, &backup_file_name(Some(n))).is_ok());
                        export_failed.set(!ok);
                    };
                    let remove = move |_| {
                        let question = with_n(ProfilesText::ConfirmDelete);
                        let confirmed = web_sys::window()
                            .and_then(|w| w.confirm_with_message(&question).ok())
                            .unwrap_or(false);
                        if !confirmed {
                            return;
                        }
                        let _ = storage::remove(StorageKey::Backup(n));
                        saved.backups_changed.update(|v| *v = v.wrapping_add(1));
                    };
                    view! {
                        <li class="backup-row" data-testid="backup-row" data-backup=n.to_string()>
                            <span>{move || fill(&with_n(ProfilesText::BackupRow), &[("size", &size.to_string())])}</span>
                            <button type="button" class="secondary" data-testid="backup-export" on:click=export>
                                {move || with_n(ProfilesText::ExportBackup)}
                            </button>
                            <button type="button" class="secondary danger" data-testid="backup-delete" on:click=remove>
                                {move || with_n(ProfilesText::DeleteBackup)}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="backups" aria-labelledby="backups-title">
                    <h2 id="backups-title">{ProfilesText::BackupsTitle.text(lang)}</h2>
                    <p>{move || fill(t(ProfilesText::BackupsLead), &[("n", &count)])}</p>
                    <Show when=move || export_failed.get()>
                        <p class="field-error" role="alert">{ProfilesText::ExportFailed.text(lang)}</p>
                    </Show>
                    <ul>{rows}</ul>
                </section>
            }
        })
    }
}
