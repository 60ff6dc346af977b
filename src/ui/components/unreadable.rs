//! "An answer could not be read": which typed answers of a profile count as not answered
//! (their text did not parse, see `ui::drafts`), each with a link to its question. Shown by
//! the results, the receipt, the hand-off dialog and compare, so that no figure there is read
//! without knowing which answers it leaves out.

use crate::engine::lang::Lang;
use crate::engine::policy::Fact;
use crate::ui::drafts::use_drafts;
use crate::ui::i18n::use_lang;
use crate::ui::results::card::fact_href;
use crate::ui::results::format::fill;
use crate::ui::state::{use_saved, Saved};
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(UnreadableText {
    Title => ("有回答无法识别", "{n|An answer|Some answers} could not be read"),
    Lead => (
        "以下回答无法识别为数字，在更正之前按“未回答”计算，这里的结果和合计都没有用到{n|它|它们}：",
        "{n|This answer|These answers} could not be read as numbers. Until you correct {n|it|them} {n|it counts|they count} as not answered, and nothing here uses {n|it|them}:"
    ),
    LeadLink => (
        "以下回答无法识别为数字，链接里不包含{n|它|它们}（按“未回答”计算）：",
        "{n|This answer|These answers} could not be read as numbers, so the link leaves {n|it|them} out ({n|it counts|they count} as not answered):"
    ),
    LeadOf => (
        "“{name}”有回答无法识别为数字，按“未回答”计算：",
        "“{name}” has {n|an answer|answers} that could not be read as numbers; {n|it counts|they count} as not answered:"
    ),
    Typed => ("（您输入的是：", " (you typed: "),
    TypedEnd => ("）", ")"),
    Fix => ("去更正", "Correct it"),
    OpenToFix => ("打开此档案并更正", "Open this profile and correct it"),
});

/// Which text leads the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lead {
    /// Results, receipt: nothing here uses them.
    Here,
    /// The hand-off dialog: the link leaves them out.
    Link,
}

/// The notice's title and lead for `count` unreadable answers.
fn notice_texts(lead: Lead, count: usize, lang: Lang) -> (String, String) {
    let n = count.to_string();
    let lead = match lead {
        Lead::Here => UnreadableText::Lead,
        Lead::Link => UnreadableText::LeadLink,
    };
    (fill(UnreadableText::Title.get(lang), &[("n", &n)]), fill(lead.get(lang), &[("n", &n)]))
}

fn item(fact: &'static Fact, typed: String, lang: Lang) -> impl IntoView {
    view! {
        <strong>{fact.label.get(lang).to_owned()}</strong>
        {UnreadableText::Typed.get(lang)}<span class="typed">{typed}</span>{UnreadableText::TypedEnd.get(lang)}
    }
}

/// The unreadable answers of the profile being answered, with links to correct them; nothing
/// when there are none.
#[component]
pub fn UnreadableNotice(lead: Lead) -> impl IntoView {
    let lang = use_lang();
    let drafts = use_drafts();
    let policy = use_saved().map(|s| s.app.policy);
    move || {
        let (Some(drafts), Some(policy)) = (drafts, policy) else { return None };
        let list = drafts.unreadable();
        if list.is_empty() {
            return None;
        }
        let lang = lang.get();
        // (The hand-off dialog sits on the results screen: its ids and test ids differ.)
        let (title_id, testid) = match lead {
            Lead::Here => ("unreadable-title", "unreadable"),
            Lead::Link => ("unreadable-title-link", "unreadable-link"),
        };
        let (title, lead_text) = notice_texts(lead, list.len(), lang);
        Some(view! {
            <section class="unreadable-notice" data-testid=format!("{testid}-notice")
                aria-labelledby=title_id>
                <h2 id=title_id><span aria-hidden="true">"⚠ "</span>{title}</h2>
                <p>{lead_text}</p>
                <ul>
                    {list.into_iter().map(|(fact, typed)| view! {
                        <li data-testid=format!("unreadable-{}", fact.id)>
                            {item(fact, typed, lang)}" "
                            <a href=fact_href(policy, &fact.id) data-testid=format!("{testid}-fix-{}", fact.id)>
                                {UnreadableText::Fix.get(lang)}
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}

/// The unreadable answers of one side of compare: `id` is the profile's store id, `active`
/// whether it is the one being answered (its questions are a link away; another profile is
/// opened first).
pub fn unreadable_of_profile(
    saved: Saved,
    (id, name): (String, String),
    list: Vec<(&'static Fact, String)>,
    active: bool,
    lang: Lang,
) -> Option<impl IntoView> {
    if list.is_empty() {
        return None;
    }
    let policy = saved.app.policy;
    let testid = format!("unreadable-of-{id}");
    Some(view! {
        <div class="unreadable-notice" data-testid=testid>
            <p>
                <span aria-hidden="true">"⚠ "</span>
                {fill(UnreadableText::LeadOf.get(lang), &[("name", &name), ("n", &list.len().to_string())])}
            </p>
            <ul>
                {list.into_iter().map(|(fact, typed)| {
                    let href = fact_href(policy, &fact.id);
                    let fix = if active {
                        view! { <a href=href data-testid=format!("unreadable-fix-{}", fact.id)>{UnreadableText::Fix.get(lang)}</a> }.into_any()
                    } else {
                        let id = id.clone();
                        view! {
                            <button type="button" class="link-button" data-testid=format!("unreadable-open-{}", fact.id)
                                on:click=move |_| {
                                    saved.open(&id);
                                    if let Some(w) = web_sys::window() {
                                        let _ = w.location().set_hash(&href);
                                    }
                                }>
                                {UnreadableText::OpenToFix.get(lang)}
                            </button>
                        }.into_any()
                    };
                    view! { <li>{item(fact, typed, lang)}" "{fix}</li> }
                }).collect_view()}
            </ul>
        </div>
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_unreadable_answer_is_spoken_of_as_one() {
        for lead in [Lead::Here, Lead::Link] {
            let (title, text) = notice_texts(lead, 1, Lang::En);
            assert_eq!(title, "An answer could not be read");
            assert!(text.starts_with("This answer could not be read"), "{text}");
            assert!(!text.contains("them") && !text.contains("they"), "{text}");
            let (title, text) = notice_texts(lead, 2, Lang::En);
            assert_eq!(title, "Some answers could not be read");
            assert!(text.starts_with("These answers could not be read"), "{text}");
            assert!(text.contains("them") && !text.contains(" it "), "{text}");
            let (_, zh) = notice_texts(lead, 1, Lang::Zh);
            assert!(zh.contains('它') && !zh.contains("它们") && !zh.contains('{'), "{zh}");
        }
    }
}
