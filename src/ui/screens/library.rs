//! The policy library: all the plan's measures, searchable in both languages and filterable by county,
//! industry, beneficiary, kind and level; `#/library/<number>` opens one measure in full.
//! The search and filters live in the URL (`#/library?q=…&kind=…`), so a filtered list can be
//! shared and survives back/forward; they are written with `replaceState` (no new history
//! entry per keystroke, and no route change).

use crate::engine::policy::{Measure, Policy};
use crate::engine::profile::ApplicantType;
use crate::ui::i18n::use_lang;
use crate::ui::library::filter::{giver_id, hash_query, Field, Filters, GIVERS, KINDS};
use crate::ui::library::search::haystack;
use crate::ui::library::texts::use_measure_texts;
use crate::ui::library::{giver_label, kind_label, measure_href, text_in, MeasureDetail};
use crate::ui::results::format::fill;
use crate::ui::route::Route;
use crate::ui::state::use_app;
use crate::ui_strings;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsValue;

ui_strings!(LibraryText {
    Title => ("政策库", "Policy library"),
    Lead => (
        "方案的全部 {n} 项措施：原文、英文译文、牵头和配合单位、奖补项目的计算参数及解读说明。可用中文或英文搜索，两种语言同时检索。",
        "All {n} measures of the plan: the original text, an English translation, lead and cooperating units, the figures of each incentive and the interpretation notes. Search in Chinese or English: both languages are searched at once."
    ),
    FiltersLabel => ("搜索和筛选", "Search and filters"),
    Search => ("搜索（中文或英文）", "Search (Chinese or English)"),
    SearchHelp => (
        "检索标题、原文、译文、单位名称和说明。多个词之间用空格分隔，须全部包含。",
        "Searches titles, full text, translations, unit names and notes. Separate words with spaces; all must occur."
    ),
    County => ("县（区）", "County"),
    Industry => ("产业", "Industry"),
    Beneficiary => ("受益对象", "Who benefits"),
    Kind => ("类别", "Kind"),
    Level => ("给予方", "Level"),
    AnyCounty => ("全部县（区）", "All counties"),
    AnyIndustry => ("全部产业", "All industries"),
    AnyBeneficiary => ("全部对象", "Anyone"),
    AnyKind => ("全部类别", "All kinds"),
    AnyLevel => ("全部层级", "All levels"),
    Clear => ("清除搜索和筛选", "Clear search and filters"),
    Count => ("显示 {n} / {total} 项措施", "Showing {n} of {total} measures"),
    NoMatch => (
        "没有符合的措施。请减少关键词或清除筛选条件。",
        "No measure matches. Try fewer words, or clear the filters."
    ),
    FullText => ("原文、译文、单位和奖补参数", "Full text, translation, units and figures"),
    Open => ("单独打开第 {n} 条", "Open measure {n} on its own page"),
    Back => ("返回政策库", "Back to the policy library"),
    Loading => ("正在载入政策库……", "Loading the library…"),
    LoadingMeasure => ("正在载入这项措施的条文……", "Loading this measure's text…"),
    Breadcrumb => ("位置", "Breadcrumb"),
    Neighbours => ("上一条和下一条措施", "Previous and next measures"),
    Previous => ("上一条：", "Previous: "),
    Next => ("下一条：", "Next: "),
    NotFound => ("没有编号为“{n}”的措施", "There is no measure numbered “{n}”"),
    NotFoundBody => ("请从政策库中选择一项措施。", "Please choose a measure from the policy library."),
    AppliesEverywhere => (
        "未限定县（区）的措施适用于全部四个县（区），未限定产业的措施适用于各县（区）的特色产业，因此按这些条件筛选时也会列出。",
        "Measures that name no county apply in all four counties, and those that name no industry apply to each county's featured industry, so they stay listed under those filters."
    ),
    OptionCount => ("{name}（{n}）", "{name} ({n})"),
});

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Writes the filters into the address without a new history entry or a route change.
fn write_filters_to_url(filters: &Filters) {
    let query = filters.to_query();
    let hash = if query.is_empty() {
        Route::Library(None).to_hash()
    } else {
        format!("{}?{query}", Route::Library(None).to_hash())
    };
    if current_hash() == hash {
        return;
    }
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        // Failing to update the address only loses shareability; the list is still right.
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&hash));
    }
}

#[component]
pub fn Library(measure: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let Some(app) = use_app() else {
        return view! { <h1>{LibraryText::Title.text(lang)}</h1> }.into_any();
    };
    // The measures' texts, which the web app loads when first needed (`library::texts`): the
    // list searches them, and a measure's page shows its clause. Both wait for them, so search
    // results never change under the reader and a page never grows as its text arrives (on a
    // cold link the loading shell has fetched them alongside the code: index.html).
    let policy = app.policy;
    let texts = use_measure_texts();
    let loading = move |what: LibraryText| {
        view! { <p class="library-loading" role="status">{what.text(lang)}</p> }
    };
    (move || match (texts.settled(), measure.clone()) {
        (true, Some(number)) => untrack(move || MeasurePage(policy, number)).into_any(),
        (true, None) => untrack(|| MeasureList(policy)).into_any(),
        (false, Some(_)) => loading(LibraryText::LoadingMeasure).into_any(),
        (false, None) => view! {
            <div class="library-screen" data-testid="library-screen">
                <h1>{LibraryText::Title.text(lang)}</h1>
                {loading(LibraryText::Loading)}
            </div>
        }
        .into_any(),
    })
    .into_any()
}

/// One measure on its own page (`#/library/四.2(4)`).
#[allow(non_snake_case)]
fn MeasurePage(policy: &'static Policy, number: String) -> impl IntoView {
    let lang = use_lang();
    let t = move |key: LibraryText| key.get(lang.get());
    let Some(position) = policy.measures.iter().position(|m| m.number == number) else {
        return view! {
            <h1>{move || fill(t(LibraryText::NotFound), &[("n", &number)])}</h1>
            <p>{LibraryText::NotFoundBody.text(lang)}</p>
            <p><a href=Route::Library(None).to_hash()>{LibraryText::Back.text(lang)}</a></p>
        }
        .into_any();
    };
    let measure: &'static Measure = &policy.measures[position];
    let neighbour = move |m: Option<&'static Measure>, key: LibraryText, rel: &'static str| {
        m.map(|m| {
            view! {
                <a href=measure_href(&m.number) rel=rel>
                    {move || t(key)}
                    <span class="measure-number" lang="zh-CN">{m.number.as_str()}</span>
                    " "
                    {text_in(&m.title)}
                </a>
            }
        })
    };
    let previous = position.checked_sub(1).and_then(|i| policy.measures.get(i));
    let next = policy.measures.get(position + 1);
    view! {
        <nav class="breadcrumb" aria-label=move || t(LibraryText::Breadcrumb)>
            <a href=Route::Library(None).to_hash()>{LibraryText::Title.text(lang)}</a>
            " › "
            <span aria-current="page" lang="zh-CN">{measure.number.as_str()}</span>
        </nav>
        <article
            class="measure-page"
            data-testid=format!("measure-{}", measure.number)
            data-kind=measure.kind.id()
            data-level=giver_id(measure.giver)
            aria-labelledby="measure-title"
        >
            <h1 id="measure-title">
                <span class="measure-number" lang="zh-CN">{measure.number.as_str()}</span>
                " "
                {text_in(&measure.title)}
            </h1>
            <MeasureDetail policy=policy measure=measure level=2/>
        </article>
        <nav class="neighbours" aria-label=move || t(LibraryText::Neighbours)>
            {neighbour(previous, LibraryText::Previous, "prev")}
            {neighbour(next, LibraryText::Next, "next")}
        </nav>
    }
    .into_any()
}

/// A `<select>` of one filter. `options` are `(value, label)`; the first option is "any".
/// Each option says how many measures choosing it would show (`counts`, "any" first).
#[allow(clippy::too_many_arguments)]
fn filter_select(
    id: &'static str,
    label: LibraryText,
    any: LibraryText,
    options: Vec<(String, Box<dyn Fn() -> String + Send + Sync>)>,
    filters: RwSignal<Filters>,
    field: fn(&mut Filters) -> &mut String,
    read: fn(&Filters) -> &String,
    counts: Memo<Vec<usize>>,
) -> impl IntoView {
    let lang = use_lang();
    let current = move || filters.with(|f| read(f).clone());
    let with_count = move |name: String, index: usize| {
        let n = counts.with(|c| c.get(index).copied().unwrap_or_default());
        fill(LibraryText::OptionCount.get(lang.get()), &[("name", &name), ("n", &n.to_string())])
    };
    view! {
        <div class="filter">
            <label for=id>{move || label.get(lang.get())}</label>
            <select
                id=id
                data-testid=id
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filters.update(|f| *field(f) = value);
                }
            >
                <option value="" prop:selected=move || current().is_empty()>
                    {move || with_count(any.get(lang.get()).to_owned(), 0)}
                </option>
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(i, (value, text))| {
                        let selected = {
                            let value = value.clone();
                            move || current() == value
                        };
                        view! {
                            <option value=value prop:selected=selected>{move || with_count(text(), i + 1)}</option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The list of every measure, with search and filters.
#[allow(non_snake_case)]
fn MeasureList(policy: &'static Policy) -> impl IntoView {
    let lang = use_lang();
    let t = move |key: LibraryText| key.get(lang.get());
    let initial = Filters::from_query(hash_query(&current_hash())).sanitized(policy);
    let filters = RwSignal::new(initial);
    // Built once the measures' texts are in (see `Library`), so they are searched.
    let texts = use_measure_texts();
    let haystacks: Vec<String> =
        policy.measures.iter().map(|m| haystack(policy, m, texts.prose(&m.number))).collect();
    // The search runs once per keystroke; the filters and their counts reuse its answer.
    let query = Memo::new(move |_| filters.with(|f| f.query.clone()));
    let searched = Memo::new(move |_| {
        let probe = Filters { query: query.get(), ..Filters::default() };
        probe.searched(&haystacks)
    });
    let visible =
        Memo::new(move |_| searched.with(|s| filters.with(|f| f.apply_searched(policy, s))));
    let values = |field: Field| -> Vec<String> {
        let ids: Vec<String> = match field {
            Field::County => policy.counties.iter().map(|c| c.id.clone()).collect(),
            Field::Industry => policy.industries.iter().map(|i| i.id.clone()).collect(),
            Field::Beneficiary => ApplicantType::ALL.iter().map(|a| a.id().to_owned()).collect(),
            Field::Kind => KINDS.iter().map(|k| k.id().to_owned()).collect(),
            Field::Level => GIVERS.iter().map(|g| giver_id(*g).to_owned()).collect(),
        };
        std::iter::once(String::new()).chain(ids).collect()
    };
    let counts_of = move |field: Field| {
        let values = values(field);
        Memo::new(move |_| {
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            searched.with(|s| filters.with(|f| f.counts(policy, s, field, &values)))
        })
    };
    Effect::new(move |_| filters.with(write_filters_to_url));

    let total = policy.measures.len();
    let lang_text =
        move |text: &'static crate::engine::lang::Text| -> Box<dyn Fn() -> String + Send + Sync> {
            Box::new(move || text.get(lang.get()).to_owned())
        };
    let counties = policy.counties.iter().map(|c| (c.id.clone(), lang_text(&c.name))).collect();
    let industries = policy.industries.iter().map(|i| (i.id.clone(), lang_text(&i.name))).collect();
    let beneficiaries = ApplicantType::ALL
        .iter()
        .map(|a| {
            let a = *a;
            let text: Box<dyn Fn() -> String + Send + Sync> =
                Box::new(move || a.label(lang.get()).to_owned());
            (a.id().to_owned(), text)
        })
        .collect();
    let kinds = KINDS
        .iter()
        .map(|k| {
            let k = *k;
            let text: Box<dyn Fn() -> String + Send + Sync> =
                Box::new(move || kind_label(k).get(lang.get()).to_owned());
            (k.id().to_owned(), text)
        })
        .collect();
    let levels = GIVERS
        .iter()
        .map(|g| {
            let g = *g;
            let text: Box<dyn Fn() -> String + Send + Sync> =
                Box::new(move || giver_label(g).get(lang.get()).to_owned());
            (giver_id(g).to_owned(), text)
        })
        .collect();

    let count = move || visible.with(Vec::len);
    let cards = policy
        .measures
        .iter()
        .map(|measure| {
            let number = measure.number.as_str();
            let hidden = move || !visible.with(|v| v.contains(&number));
            let title_id = format!("measure-{}-title", position_of(policy, number));
            let labelled_by = title_id.clone();
            view! {
                <li class="measure-item" hidden=hidden>
                    <article
                        class="measure-card"
                        data-testid=format!("measure-{number}")
                        data-kind=measure.kind.id()
                        data-level=giver_id(measure.giver)
                        aria-labelledby=labelled_by
                    >
                        <header>
                            <h2 id=title_id>
                                <span class="measure-number" lang="zh-CN">{number}</span>
                                " "
                                {text_in(&measure.title)}
                            </h2>
                            <p class="chips">
                                <span class=format!("chip kind-{}", measure.kind.id())>
                                    {move || kind_label(measure.kind).get(lang.get())}
                                </span>
                                <span class=format!("chip level-{}", giver_id(measure.giver))>
                                    {move || giver_label(measure.giver).get(lang.get())}
                                </span>
                            </p>
                        </header>
                        <p class="benefit">{text_in(&measure.benefit)}</p>
                        <details class="measure-more">
                            <summary>{LibraryText::FullText.text(lang)}</summary>
                            <MeasureDetail policy=policy measure=measure level=3/>
                        </details>
                        <p class="open-link">
                            <a href=measure_href(number)>
                                {move || fill(t(LibraryText::Open), &[("n", number)])}
                            </a>
                        </p>
                    </article>
                </li>
            }
        })
        .collect_view();

    view! {
        <div class="library-screen" data-testid="library-screen">
            <h1>{LibraryText::Title.text(lang)}</h1>
            <p class="lead">{move || fill(LibraryText::Lead.get(lang.get()), &[("n", &policy.meta.measure_numbers.len().to_string())])}</p>
            <form
                class="library-filters"
                role="search"
                aria-label=move || t(LibraryText::FiltersLabel)
                on:submit=|ev| ev.prevent_default()
            >
                <div class="search-field">
                    <label for="library-search">{LibraryText::Search.text(lang)}</label>
                    <input
                        id="library-search"
                        type="search"
                        data-testid="library-search"
                        autocomplete="off"
                        aria-describedby="library-search-help"
                        prop:value=move || filters.with(|f| f.query.clone())
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            filters.update(|f| f.query = value);
                        }
                    />
                    <p id="library-search-help" class="help">{LibraryText::SearchHelp.text(lang)}</p>
                </div>
                <div class="filter-row">
                    {filter_select("filter-county", LibraryText::County, LibraryText::AnyCounty, counties, filters, |f| &mut f.county, |f| &f.county, counts_of(Field::County))}
                    {filter_select("filter-industry", LibraryText::Industry, LibraryText::AnyIndustry, industries, filters, |f| &mut f.industry, |f| &f.industry, counts_of(Field::Industry))}
                    {filter_select("filter-beneficiary", LibraryText::Beneficiary, LibraryText::AnyBeneficiary, beneficiaries, filters, |f| &mut f.beneficiary, |f| &f.beneficiary, counts_of(Field::Beneficiary))}
                    {filter_select("filter-kind", LibraryText::Kind, LibraryText::AnyKind, kinds, filters, |f| &mut f.kind, |f| &f.kind, counts_of(Field::Kind))}
                    {filter_select("filter-level", LibraryText::Level, LibraryText::AnyLevel, levels, filters, |f| &mut f.level, |f| &f.level, counts_of(Field::Level))}
                </div>
                <p class="filter-actions">
                    <button
                        type="button"
                        class="secondary"
                        data-testid="library-clear"
                        disabled=move || filters.with(Filters::is_empty)
                        on:click=move |_| filters.set(Filters::default())
                    >
                        {LibraryText::Clear.text(lang)}
                    </button>
                </p>
            </form>
            <p class="library-count" data-testid="library-count" data-count=move || count().to_string()
                role="status">
                {move || fill(t(LibraryText::Count), &[("n", &count().to_string()), ("total", &total.to_string())])}
            </p>
            <p class="filter-note" hidden=move || filters.with(|f| f.county.is_empty() && f.industry.is_empty())>
                {LibraryText::AppliesEverywhere.text(lang)}
            </p>
            <p class="no-match" hidden=move || visible.with(|v| !v.is_empty())>{LibraryText::NoMatch.text(lang)}</p>
            <ol class="measure-list">{cards}</ol>
        </div>
    }
}

/// A stable index for element ids (measure numbers contain brackets and Chinese).
fn position_of(policy: &Policy, number: &str) -> usize {
    policy.measures.iter().position(|m| m.number == number).unwrap_or_default()
}
