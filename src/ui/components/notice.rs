//! Notices: storage messages (banners at the top of every screen) and the undo offer after a
//! delete (a toast). Each is `[data-testid="notice"]` with a `data-kind`.

use std::sync::Arc;

use crate::engine::lang::Lang;
use crate::ui::components::download::download_text;
use crate::ui::i18n::use_lang;
use crate::ui::profiles::{Deleted, LoadProblem};
use crate::ui::state::{use_app, use_saved};
use crate::ui_strings;
use leptos::prelude::*;

/// Whether unreadable stored data was copied to a backup key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupState {
    /// Kept under `qz.backup.<n>`.
    Saved(u32),
    /// Could not be copied: saving is paused so that it is not overwritten.
    Failed,
}

#[derive(Clone, Debug)]
pub enum NoticeKind {
    /// No local storage: the app works in memory.
    StorageUnavailable,
    /// The saved profiles could not be read (in full).
    LoadProblem { problem: LoadProblem, backup: BackupState, raw: Arc<str> },
    /// A save was refused.
    SaveFailed { quota: bool },
    /// A profile was deleted; it can be put back.
    Deleted { name: String, deleted: Deleted },
}

impl NoticeKind {
    /// The `data-kind` attribute.
    pub fn data_kind(&self) -> &'static str {
        match self {
            NoticeKind::StorageUnavailable => "storage-unavailable",
            NoticeKind::LoadProblem { problem, .. } => problem.kind(),
            NoticeKind::SaveFailed { .. } => "save-failed",
            NoticeKind::Deleted { .. } => "deleted",
        }
    }

    /// States replace an earlier notice of their kind; events (deletes) stack.
    pub fn replaces_same_kind(&self) -> bool {
        matches!(self, NoticeKind::StorageUnavailable | NoticeKind::SaveFailed { .. })
    }

    fn tone(&self) -> &'static str {
        match self {
            NoticeKind::StorageUnavailable | NoticeKind::Deleted { .. } => "info",
            NoticeKind::LoadProblem { .. } => "warn",
            NoticeKind::SaveFailed { .. } => "bad",
        }
    }

    fn is_toast(&self) -> bool {
        matches!(self, NoticeKind::Deleted { .. })
    }
}

#[derive(Clone, Debug)]
pub struct Notice {
    pub id: u64,
    pub kind: NoticeKind,
}

ui_strings!(NoticeText {
    Region => ("消息", "Messages"),
    Unavailable => (
        "此浏览器不允许本网站在本机保存数据（可能是隐私浏览模式或浏览器设置）。工具照常可用，但关闭或刷新页面后，您的回答将会丢失。",
        "This browser does not let this site save data on this device (private browsing or a browser setting). The tool works as usual, but your answers will be lost when you close or reload this page."
    ),
    BackupSaved => (
        "原始数据已原样保留在本机的备份中，您可以导出为文件。备份编号：",
        "The original data has been kept unchanged in a backup on this device, which you can export as a file. Backup number: "
    ),
    StartFresh => ("您可以继续使用，新的回答会照常保存。", "You can carry on; new answers are saved as usual."),
    BackupFailed => (
        "无法备份原始数据（存储空间可能已满）。为免数据丢失，在您导出或放弃原始数据之前，新的更改不会保存。",
        "The original data could not be backed up (storage may be full). So that it is not lost, new changes are not saved until you export or discard it."
    ),
    SaveFailedQuota => (
        "无法保存：本机的浏览器存储空间已满。您的回答仍保留在此页面中；请清理浏览器存储或删除不需要的档案后重试。",
        "Could not save: the browser storage on this device is full. Your answers are still here on this page; free some storage or delete profiles you no longer need, then try again."
    ),
    SaveFailedOther => (
        "无法保存：浏览器拒绝写入数据。您的回答仍保留在此页面中，但关闭页面后将会丢失。",
        "Could not save: the browser refused to store the data. Your answers are still here on this page, but will be lost when you close it."
    ),
    Stop => ("。", "."),
    DeletedBefore => ("已删除档案", "Deleted profile"),
    Undo => ("撤销", "Undo"),
    UndoLabel => ("撤销删除档案", "Undo deleting profile"),
    Export => ("导出备份", "Export backup"),
    ExportFailed => ("无法导出文件。", "The file could not be exported."),
    Discard => ("放弃原始数据并继续保存", "Discard the old data and save"),
    Retry => ("重试保存", "Try saving again"),
    Dismiss => ("关闭消息", "Dismiss message"),
});

fn message(kind: &NoticeKind, lang: Lang) -> String {
    let t = |key: NoticeText| key.get(lang);
    match kind {
        NoticeKind::StorageUnavailable => t(NoticeText::Unavailable).to_owned(),
        NoticeKind::LoadProblem { problem, backup, .. } => {
            // Chinese sentences follow one another without spaces.
            let sep = if lang == Lang::Zh { "" } else { " " };
            let kept = match backup {
                BackupState::Saved(n) => format!(
                    "{}{n}{}{sep}{}",
                    t(NoticeText::BackupSaved),
                    t(NoticeText::Stop),
                    t(NoticeText::StartFresh)
                ),
                BackupState::Failed => t(NoticeText::BackupFailed).to_owned(),
            };
            format!("{}{sep}{kept}", problem.message(lang))
        }
        NoticeKind::SaveFailed { quota: true } => t(NoticeText::SaveFailedQuota).to_owned(),
        NoticeKind::SaveFailed { quota: false } => t(NoticeText::SaveFailedOther).to_owned(),
        NoticeKind::Deleted { name, .. } => {
            let sep = if lang == Lang::Zh { "" } else { " " };
            format!("{}{sep}“{name}”{}", t(NoticeText::DeletedBefore), t(NoticeText::Stop))
        }
    }
}

/// The file name an exported backup gets.
pub fn backup_file_name(backup: Option<u32>) -> String {
    match backup {
        Some(n) => format!("qinzhou-profiles-backup-{n}.json"),
        None => "qinzhou-profiles-unreadable.json".to_owned(),
    }
}

/// Banners at the top of the screen, toasts at the bottom. Rendered once, by `App`.
#[component]
pub fn Notices() -> impl IntoView {
    let lang = use_lang();
    let Some(app) = use_app() else { return ().into_any() };
    let banners =
        move || app.notices.get().into_iter().filter(|n| !n.kind.is_toast()).collect::<Vec<_>>();
    let toasts =
        move || app.notices.get().into_iter().filter(|n| n.kind.is_toast()).collect::<Vec<_>>();
    view! {
        <div class="notices" aria-live="polite" aria-label=move || NoticeText::Region.get(lang.get()) role="region">
            <For each=banners key=|n| n.id let:notice>
                <NoticeView notice=notice/>
            </For>
        </div>
        <div class="toasts" aria-live="polite">
            <For each=toasts key=|n| n.id let:notice>
                <NoticeView notice=notice/>
            </For>
        </div>
    }
    .into_any()
}

#[component]
fn NoticeView(notice: Notice) -> impl IntoView {
    let lang = use_lang();
    let app = use_app();
    let saved = use_saved();
    let t = move |key: NoticeText| key.get(lang.get());
    let id = notice.id;
    let kind = notice.kind.clone();
    let text = {
        let kind = kind.clone();
        move || message(&kind, lang.get())
    };
    let export_failed = RwSignal::new(false);

    let actions = match &notice.kind {
        NoticeKind::Deleted { name, .. } => {
            let label = {
                let name = name.clone();
                move || format!("{} “{name}”", t(NoticeText::UndoLabel))
            };
            view! {
                <button type="button" data-testid="undo" aria-label=label
                    on:click=move |_| { if let Some(s) = saved { s.undo(id) } }>
                    {move || t(NoticeText::Undo)}
                </button>
            }
            .into_any()
        }
        NoticeKind::LoadProblem { backup, raw, .. } => {
            let raw = raw.clone();
            let number = match backup {
                BackupState::Saved(n) => Some(*n),
                BackupState::Failed => None,
            };
            let discard = (*backup == BackupState::Failed).then(|| {
                view! {
                    <button type="button" class="secondary" data-testid="discard-stored"
                        on:click=move |_| {
                            if let Some(s) = saved { s.resume_saving() }
                        }>
                        {move || t(NoticeText::Discard)}
                    </button>
                }
            });
            view! {
                <button type="button" data-testid="export-backup" on:click=move |_| {
                    let ok = download_text(&raw, &backup_file_name(number)).is_ok();
                    export_failed.set(!ok);
                }>{move || t(NoticeText::Export)}</button>
                {discard}
            }
            .into_any()
        }
        NoticeKind::SaveFailed { .. } => view! {
            <button type="button" class="secondary" data-testid="retry-save"
                on:click=move |_| { if let Some(s) = saved { s.retry() } }>
                {move || t(NoticeText::Retry)}
            </button>
        }
        .into_any(),
        NoticeKind::StorageUnavailable => ().into_any(),
    };
    let dismissable = !matches!(notice.kind, NoticeKind::StorageUnavailable);
    view! {
        <div
            class=format!("notice notice-{}", kind.tone())
            data-testid="notice"
            data-kind=kind.data_kind()
            data-notice-id=id.to_string()
        >
            <p class="notice-text">{text}</p>
            <Show when=move || export_failed.get()>
                <p class="notice-error">{move || t(NoticeText::ExportFailed)}</p>
            </Show>
            <div class="notice-actions">
                {actions}
                {dismissable.then(|| view! {
                    <button type="button" class="notice-dismiss secondary" data-testid="dismiss"
                        aria-label=move || t(NoticeText::Dismiss)
                        on:click=move |_| { if let Some(app) = app { app.dismiss(id) } }>
                        <span aria-hidden="true">"×"</span>
                    </button>
                })}
            </div>
        </div>
    }
}
