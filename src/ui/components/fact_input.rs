//! One question of the questionnaire, by kind: yes / no / not answered radios, one of a list,
//! or a number typed as people write it (`1.5亿`, `5000万`, `１２３万`, `120,000`).
//!
//! A number field keeps its raw text in a local signal. Text that parses is the answer; text
//! that does not is never used as a figure: the question is unanswered until it is corrected,
//! the text is kept as a draft (`ui::drafts`, which results, receipt, hand-off and compare read
//! to say so), and a near miss (`1.2忆`) offers its fix as one button. Clearing the field makes
//! the question unanswered.

use rust_decimal::Decimal;

use crate::engine::lang::Lang;
use crate::engine::money::{format_grouped, format_yuan, suggest, MoneyError, Quantity};
use crate::engine::policy::{Fact, FactKind};
use crate::engine::profile::Answer;
use crate::ui::components::settled_live::SettledLive;
use crate::ui::drafts::use_drafts;
use crate::ui::i18n::use_lang;
use crate::ui::mixed::mixed;
use crate::ui::state::use_app;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(FactText {
    Yes => ("是", "Yes"),
    No => ("否", "No"),
    Unanswered => ("暂不回答", "Not answered"),
    NothingKept => ("在更正之前，此问题算作未回答。", "Until you correct it, this question counts as not answered."),
    MoneyHint => (
        "以元为单位，可以使用“万”“亿”等单位（“万”也可以打 w），例如：",
        "In yuan. You can use the Chinese units wan (10,000; or type w) and yi (100 million), or k, m and b for thousand, million and billion, for example:"
    ),
    CountHint => ("请填写整数，可以使用“万”（也可以打 w），例如：", "A whole number; you can use wan (10,000; or type w), for example:"),
    WholeNumberHint => ("请填写整数，例如：", "A whole number, for example:"),
    PercentHint => ("以百分比填写（0 到 100，% 已包含），例如：", "As a percentage from 0 to 100 (the % is already there), for example:"),
    Yuan => ("元", "yuan"),
    DidYouMean => ("是不是要输入：{fix}？", "Did you mean {fix}?"),
});

/// The text a stored number is shown as in its field; it parses back to the same number.
pub fn field_text(kind: FactKind, value: Decimal) -> String {
    match kind {
        FactKind::Percent => match value.checked_mul(Decimal::ONE_HUNDRED) {
            Some(per_cent) => format!("{}%", per_cent.normalize()),
            None => value.normalize().to_string(),
        },
        _ => format_grouped(value),
    }
}

/// What the app understood, e.g. `= 150,000,000 元`, `= 15,000 人`, `= 60%`.
pub fn echo_text(fact: &Fact, value: Decimal, lang: Lang) -> String {
    match fact.kind {
        FactKind::Money => format!("= {}", format_yuan(value, lang)),
        FactKind::Percent => format!("= {}", field_text(FactKind::Percent, value)),
        _ => {
            let unit = fact.unit.as_ref().map(|u| u.get(lang)).unwrap_or("");
            let gap = if unit.is_empty() || lang == Lang::Zh { "" } else { " " };
            format!("= {}{gap}{unit}", format_grouped(value))
        }
    }
}

fn quantity(kind: FactKind) -> Quantity {
    match kind {
        FactKind::Count => Quantity::Count,
        FactKind::Percent => Quantity::Percent,
        _ => Quantity::Money,
    }
}

/// The kind's usual hint examples, for a fact whose data gives none.
fn usual_examples(kind: FactKind) -> &'static [&'static str] {
    match kind {
        FactKind::Count => &["12", "1,200", "1.5万"],
        FactKind::Percent => &["60", "12.5", "0.2"],
        _ => &["1.5亿", "5000万", "300w", "120,000"],
    }
}

/// The examples a fact's hint offers: its own from the data, else its kind's usual ones.
fn examples(fact: &Fact) -> Vec<&str> {
    if fact.examples.is_empty() {
        usual_examples(fact.kind).to_vec()
    } else {
        fact.examples.iter().map(String::as_str).collect()
    }
}

/// The hint's sentence before its examples. A count whose data gives its own examples (a number
/// of months) is not offered 万: its examples show the size of answer meant.
fn hint(fact: &Fact) -> FactText {
    match fact.kind {
        FactKind::Count if fact.examples.is_empty() => FactText::CountHint,
        FactKind::Count => FactText::WholeNumberHint,
        FactKind::Percent => FactText::PercentHint,
        _ => FactText::MoneyHint,
    }
}

/// The examples as a list of the hint's language: "1.5亿、5000万、300w、120,000" in Chinese, and in
/// English "1.5亿, 5000万, 300w or 120,000", as the error messages write them (an ideographic
/// comma reads as noise in an English sentence).
fn example_list(fact: &Fact, lang: Lang) -> String {
    let all = examples(fact);
    match (lang, all.split_last()) {
        (Lang::En, Some((last, head))) if !head.is_empty() => {
            format!("{} or {last}", head.join(", "))
        }
        _ => all.join("、"),
    }
}

/// The question as asked, naming the activity year where the plan says 本年度 / 当年 / 上年度
/// (its short label when the data gives no question). Read inside a reactive closure, so the
/// text follows the year the person chooses.
fn question(fact: &Fact, lang: Lang) -> String {
    let year = use_app().map(|app| app.activity_year.get().unwrap_or(app.today.year));
    match year {
        Some(year) => fact.question_for(lang, year),
        None => fact.label.get(lang).to_owned(),
    }
}

/// Gives focus back to a field that lost it while being typed in, with the caret where it was.
///
/// An answer can bring back questions above this one (a value that leaves it unanswered no
/// longer rules them out), and the questionnaire's keyed list then moves this row's nodes,
/// which drops focus: the next key would go nowhere. The check runs on the next frame, after
/// the list has changed and before the next key, and only when focus went nowhere (never
/// taking it from a control the person chose).
fn keep_focus(input: NodeRef<leptos::html::Input>) {
    let Some(el) = input.get_untracked() else { return };
    let (start, end) = (el.selection_start().ok().flatten(), el.selection_end().ok().flatten());
    request_animation_frame(move || {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let lost = match document.active_element() {
            None => true,
            Some(active) => document.body().is_some_and(|body| *body == active),
        };
        if lost && el.is_connected() {
            let _ = el.focus();
            if let (Some(start), Some(end)) = (start, end) {
                let _ = el.set_selection_range(start, end);
            }
        }
    });
}

/// One fact, in a `[data-testid="fact-row-<id>"]` container.
#[component]
pub fn FactRow(fact: &'static Fact) -> impl IntoView {
    let body = match fact.kind {
        FactKind::Bool => view! { <BoolFact fact=fact/> }.into_any(),
        FactKind::Choice => view! { <ChoiceFact fact=fact/> }.into_any(),
        FactKind::Money | FactKind::Count | FactKind::Percent => {
            view! { <NumberFact fact=fact/> }.into_any()
        }
        // Validation rejects unknown kinds; show nothing rather than a broken control.
        FactKind::Unknown => ().into_any(),
    };
    view! {
        <div class="fact-row" id=format!("question-{}", fact.id) data-testid=format!("fact-row-{}", fact.id)>{body}</div>
    }
}

fn help(fact: &'static Fact, id: String) -> impl IntoView {
    let lang = use_lang();
    fact.help.as_ref().filter(|h| !h.zh.trim().is_empty() || !h.en.trim().is_empty()).map(|h| {
        view! { <p class="fact-help" id=id>{move || { let lang = lang.get(); mixed(h.get(lang), lang) }}</p> }
    })
}

/// One radio with its label; `value` is the testid suffix.
fn radio(
    name: String,
    testid: String,
    label: impl Fn() -> String + Send + Sync + 'static,
    checked: impl Fn() -> bool + Send + Sync + 'static,
    on_pick: impl Fn() + 'static,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <label class="choice">
            <input
                type="radio"
                name=name
                data-testid=testid
                prop:checked=checked
                on:change=move |_| on_pick()
            />
            <span>{move || mixed(&label(), lang.get())}</span>
        </label>
    }
}

#[component]
fn BoolFact(fact: &'static Fact) -> impl IntoView {
    let lang = use_lang();
    let Some(app) = use_app() else { return ().into_any() };
    let id = fact.id.as_str();
    let answer = Memo::new(move |_| match app.profile.with(|p| p.answer(id).cloned()) {
        Some(Answer::Bool(b)) => Some(b),
        _ => None,
    });
    let set = move |value: Option<bool>| {
        app.profile.update(|p| p.set_answer(id, value.map(Answer::Bool)));
    };
    let name = format!("fact-{id}");
    let help_id = format!("fact-{id}-help");
    let options: [(Option<bool>, &str, FactText); 3] = [
        (Some(true), "yes", FactText::Yes),
        (Some(false), "no", FactText::No),
        (None, "unanswered", FactText::Unanswered),
    ];
    view! {
        <fieldset class="fact fact-bool" aria-describedby=fact.help.as_ref().map(|_| help_id.clone())>
            <legend>{move || { let lang = lang.get(); mixed(&question(fact, lang), lang) }}</legend>
            {help(fact, help_id.clone())}
            <div class="choices choices-inline">
                {options
                    .into_iter()
                    .map(|(value, suffix, text)| {
                        radio(
                            name.clone(),
                            format!("fact-{id}-{suffix}"),
                            move || text.get(lang.get()).to_owned(),
                            move || answer.get() == value,
                            move || set(value),
                        )
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
    .into_any()
}

#[component]
fn ChoiceFact(fact: &'static Fact) -> impl IntoView {
    let lang = use_lang();
    let Some(app) = use_app() else { return ().into_any() };
    let id = fact.id.as_str();
    let answer = Memo::new(move |_| match app.profile.with(|p| p.answer(id).cloned()) {
        Some(Answer::Choice(c)) => Some(c),
        _ => None,
    });
    let name = format!("fact-{id}");
    let help_id = format!("fact-{id}-help");
    let choices = fact
        .choices
        .iter()
        .map(|choice| {
            let cid = choice.id.as_str();
            radio(
                name.clone(),
                format!("fact-{id}-{cid}"),
                move || choice.label.get(lang.get()).to_owned(),
                move || answer.with(|a| a.as_deref() == Some(cid)),
                move || {
                    app.profile.update(|p| p.set_answer(id, Some(Answer::Choice(cid.to_owned()))))
                },
            )
        })
        .collect_view();
    view! {
        <fieldset class="fact fact-choice" aria-describedby=fact.help.as_ref().map(|_| help_id.clone())>
            <legend>{move || { let lang = lang.get(); mixed(&question(fact, lang), lang) }}</legend>
            {help(fact, help_id.clone())}
            <div class="choices">
                {choices}
                {radio(
                    name.clone(),
                    format!("fact-{id}-unanswered"),
                    move || FactText::Unanswered.get(lang.get()).to_owned(),
                    move || answer.with(Option::is_none),
                    move || app.profile.update(|p| p.set_answer(id, None)),
                )}
            </div>
        </fieldset>
    }
    .into_any()
}

#[component]
fn NumberFact(fact: &'static Fact) -> impl IntoView {
    let lang = use_lang();
    let Some(app) = use_app() else { return ().into_any() };
    let drafts = use_drafts();
    let id = fact.id.as_str();
    let kind = fact.kind;
    let answer = Memo::new(move |_| match app.profile.with(|p| p.answer(id).cloned()) {
        Some(Answer::Number(n)) => Some(n),
        _ => None,
    });
    // The text as typed: the draft this question has while unanswered, else its answer.
    let draft = drafts.and_then(|d| untrack(|| d.text(id)));
    let raw = RwSignal::new(draft.clone().unwrap_or_else(|| {
        answer.get_untracked().map(|v| field_text(kind, v)).unwrap_or_default()
    }));
    let parsed =
        Memo::new(move |_| {
            raw.with(|text| {
                if text.trim().is_empty() {
                    Ok(None)
                } else {
                    kind.parse_answer(text).map(Some)
                }
            })
        });
    // Errors show once the person leaves the field (or presses Enter), then follow the text;
    // a near miss at once (no further key can make it right, and its fix is one tap away).
    let show_error = RwSignal::new(draft.is_some());
    let error =
        move || parsed.get().err().filter(|e| *e == MoneyError::NearMiss || show_error.get());

    // The draft as a memo: `Drafts::text` reads the whole profile, and this effect must not
    // rerun for every key typed into another question.
    let draft_now = Memo::new(move |_| drafts.and_then(|d| d.text(id)));
    // The answer or the draft changed elsewhere (another profile opened, another tab): show
    // it. Not on the first run, which shows them already. Typing keeps text, answer and draft
    // in step, so this changes nothing then.
    Effect::new(move |first_done: Option<()>| {
        let value = answer.get();
        let draft = draft_now.get();
        if first_done.is_none() {
            return;
        }
        let in_step = match (&draft, value) {
            (Some(text), _) => raw.with_untracked(|r| r == text),
            (None, Some(_)) => parsed.get_untracked() == Ok(value),
            // Without drafts (no app around it) the field itself is the only copy of the text.
            (None, None) => parsed.get_untracked() == Ok(None) || drafts.is_none(),
        };
        if !in_step {
            show_error.set(draft.is_some());
            raw.set(
                draft.unwrap_or_else(|| value.map(|v| field_text(kind, v)).unwrap_or_default()),
            );
        }
    });

    // The profile gets what parses and nothing else: unreadable text leaves the question
    // unanswered and becomes the draft. (`try_`: browsers fire `change` when a focused field
    // is removed, after this component's signals are gone; nothing happens then.)
    let apply = move |text: String| {
        if raw.try_set(text.clone()).is_some() {
            return;
        }
        let Some(result) = parsed.try_get_untracked() else { return };
        let value = match result {
            Ok(value) => {
                if let Some(d) = drafts {
                    d.set(id, None);
                }
                value
            }
            Err(_) => {
                if let Some(d) = drafts {
                    d.set(id, Some(text));
                }
                None
            }
        };
        if answer.try_get_untracked().is_some_and(|a| a != value) {
            app.profile.update(|p| p.set_answer(id, value.map(Answer::Number)));
        }
    };
    let input = NodeRef::<leptos::html::Input>::new();
    let on_input = move |ev: leptos::ev::Event| {
        apply(event_target_value(&ev));
        keep_focus(input);
    };
    let on_change = move |_| {
        if let Some(result) = parsed.try_get_untracked() {
            let _ = show_error.try_set(result.is_err());
        }
    };
    let fix = move || {
        parsed
            .get()
            .err()
            .filter(|e| *e == MoneyError::NearMiss)
            .and_then(|_| raw.with(|text| suggest(text, quantity(kind))))
    };
    let take_fix = move |_| {
        let Some(fixed) = fix() else { return };
        apply(fixed);
        let _ = show_error.try_set(false);
        if let Some(el) = input.get_untracked() {
            let _ = el.focus();
        }
    };

    let input_id = format!("fact-{id}");
    let help_id = format!("fact-{id}-help");
    let hint_id = format!("fact-{id}-hint");
    let echo_id = format!("fact-{id}-echo");
    let error_id = format!("fact-{id}-error");
    let mut described = Vec::new();
    if fact.help.is_some() {
        described.push(help_id.clone());
    }
    described.extend([hint_id.clone(), echo_id.clone(), error_id.clone()]);
    let described = described.join(" ");

    let hint = move || hint(fact).get(lang.get());
    let suffix = move || match kind {
        FactKind::Money => FactText::Yuan.get(lang.get()).to_owned(),
        FactKind::Percent => "%".to_owned(),
        _ => fact.unit.as_ref().map(|u| u.get(lang.get()).to_owned()).unwrap_or_default(),
    };
    // What the text means now: nothing while it cannot be read (no stale value beside an error).
    let echo = move || {
        parsed.get().ok().flatten().map(|v| echo_text(fact, v, lang.get())).unwrap_or_default()
    };
    let error_text = move || {
        error().map(|e| {
            let lang = lang.get();
            (e.message_for(quantity(kind), lang), FactText::NothingKept.get(lang))
        })
    };
    // Amounts and counts open a text keyboard: on a phone a digits-only keypad
    // (inputmode="decimal") cannot type 万 or 亿, which every hint offers, nor w/k/m/b. Digits
    // are one tap away on a text keyboard; a unit picker beside a keypad would be a second
    // control to read and keep in step with units typed in the text. Percentages need no unit
    // (the % is shown beside the field), so they keep the decimal keypad, and their hint's
    // examples use only what it has.
    let inputmode = if kind == FactKind::Percent { "decimal" } else { "text" };

    let settled = move || match error_text() {
        Some((message, kept)) => format!("{message} {kept}"),
        None => echo(),
    };

    view! {
        <div class="fact fact-number" class:has-error=move || error().is_some()>
            <label class="fact-question" for=input_id.clone()>{move || { let lang = lang.get(); mixed(&question(fact, lang), lang) }}</label>
            {help(fact, help_id.clone())}
            <p class="fact-hint" id=hint_id>
                {move || {
                    let lang = lang.get();
                    match lang {
                        // English: one sentence, its Chinese units marked fragment by fragment.
                        Lang::En => mixed(&format!("{} {}", hint(), example_list(fact, lang)), lang),
                        Lang::Zh => view! { {mixed(hint(), lang)}<span lang="zh-CN">{example_list(fact, lang)}</span> }.into_any(),
                    }
                }}
            </p>
            <div class="number-input">
                <input
                    type="text"
                    inputmode=inputmode
                    autocomplete="off"
                    spellcheck="false"
                    id=input_id
                    node_ref=input
                    data-testid=format!("fact-{id}")
                    prop:value=move || raw.get()
                    aria-invalid=move || error().is_some().then_some("true")
                    aria-describedby=described
                    on:input=on_input
                    on:change=on_change
                />
                <span class="unit" aria-hidden="true">{suffix}</span>
            </div>
            // Not live: they follow every key. SettledLive says the settled outcome once.
            <p class="echo" id=echo_id data-testid=format!("fact-{id}-echo")>{echo}</p>
            <div class="error-slot" id=error_id>
                {move || error_text().map(|(message, kept)| view! {
                    <p class="field-error" data-testid=format!("fact-{id}-error")>
                        {message}" "<span class="kept">{kept}</span>
                    </p>
                })}
            </div>
            {move || fix().map(|fixed| {
                let label = fixed.clone();
                view! {
                    <p class="fix">
                        <button type="button" class="secondary fix-button" data-testid=format!("fact-{id}-fix")
                            data-fix=fixed on:click=take_fix>
                            {move || FactText::DidYouMean.get(lang.get()).replace("{fix}", &label)}
                        </button>
                    </p>
                }
            })}
            <SettledLive text=Signal::derive(settled) testid="fact-live"/>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lang::Text;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn what_people_type_is_understood_per_kind() {
        assert_eq!(FactKind::Money.parse_answer("1.5亿"), Ok(d("150000000")));
        assert_eq!(FactKind::Money.parse_answer("5000万"), Ok(d("50000000")));
        assert_eq!(FactKind::Money.parse_answer("１２３万"), Ok(d("1230000")));
        assert_eq!(FactKind::Money.parse_answer("120,000"), Ok(d("120000")));
        assert_eq!(FactKind::Count.parse_answer("1.5"), Err(MoneyError::NotWhole));
        assert_eq!(FactKind::Percent.parse_answer("60%"), Ok(d("0.6")));
        assert!(FactKind::Money.parse_answer("12万5").is_err());
        assert_eq!(FactKind::Money.parse_answer("300w"), Ok(d("3000000")));
        assert_eq!(FactKind::Count.parse_answer("1.5w"), Ok(d("15000")));
        assert_eq!(FactKind::Money.parse_answer("1.2忆"), Err(MoneyError::NearMiss));
        assert_eq!(suggest("1.2忆", quantity(FactKind::Money)).as_deref(), Some("1.2亿"));
    }

    fn of_kind(kind: FactKind) -> Fact {
        Fact { kind, ..Fact::default() }
    }

    #[test]
    fn every_usual_hint_example_is_understood() {
        for kind in [FactKind::Money, FactKind::Count, FactKind::Percent] {
            for example in usual_examples(kind) {
                assert!(kind.parse_answer(example).is_ok(), "{kind:?}: {example}");
            }
        }
    }

    #[test]
    fn the_examples_are_listed_as_each_language_writes_a_list() {
        let money = of_kind(FactKind::Money);
        assert_eq!(example_list(&money, Lang::Zh), "1.5亿、5000万、300w、120,000");
        assert_eq!(example_list(&money, Lang::En), "1.5亿, 5000万, 300w or 120,000");
        assert_eq!(example_list(&of_kind(FactKind::Count), Lang::En), "12, 1,200 or 1.5万");
        for kind in [FactKind::Money, FactKind::Count, FactKind::Percent] {
            assert!(!example_list(&of_kind(kind), Lang::En).contains('、'), "{kind:?}");
        }
    }

    #[test]
    fn a_count_with_its_own_examples_offers_them_without_wan() {
        let months = Fact {
            examples: vec!["6".into(), "18".into(), "36".into()],
            ..of_kind(FactKind::Count)
        };
        assert_eq!(example_list(&months, Lang::Zh), "6、18、36");
        assert_eq!(example_list(&months, Lang::En), "6, 18 or 36");
        assert_eq!(hint(&months), FactText::WholeNumberHint);
        assert!(!hint(&months).get(Lang::Zh).contains('万'));
        assert_eq!(hint(&of_kind(FactKind::Count)), FactText::CountHint);
    }

    #[test]
    fn a_stored_number_is_shown_as_text_that_parses_back_to_it() {
        for (kind, value) in [
            (FactKind::Money, "150000000"),
            (FactKind::Money, "1200.5"),
            (FactKind::Money, "0"),
            (FactKind::Count, "15000"),
            (FactKind::Percent, "0.6"),
            (FactKind::Percent, "0.002"),
            (FactKind::Percent, "0.12345678"),
            (FactKind::Percent, "1"),
        ] {
            let text = field_text(kind, d(value));
            assert_eq!(
                kind.parse_answer(&text),
                Ok(d(value).normalize()),
                "{kind:?} {value} -> {text}"
            );
        }
        assert_eq!(field_text(FactKind::Money, d("150000000")), "150,000,000");
        assert_eq!(field_text(FactKind::Percent, d("0.6")), "60%");
    }

    #[test]
    fn the_echo_says_what_was_understood() {
        let money = Fact { kind: FactKind::Money, ..Fact::default() };
        assert_eq!(echo_text(&money, d("150000000"), Lang::Zh), "= 150,000,000 元");
        assert_eq!(echo_text(&money, d("150000000"), Lang::En), "= ¥150,000,000");
        let count = Fact {
            kind: FactKind::Count,
            unit: Some(Text::new("人", "persons")),
            ..Fact::default()
        };
        assert_eq!(echo_text(&count, d("15000"), Lang::Zh), "= 15,000人");
        assert_eq!(echo_text(&count, d("15000"), Lang::En), "= 15,000 persons");
        let share = Fact { kind: FactKind::Percent, ..Fact::default() };
        assert_eq!(echo_text(&share, d("0.65"), Lang::En), "= 65%");
    }
}
