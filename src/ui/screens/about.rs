//! About: data version, source, validity, disclaimer, how amounts are computed, privacy, and a
//! glossary of the plan's words that change what a figure means.

use crate::engine::lang::Lang;
use crate::ui::components::figures::figures;
use crate::ui::i18n::use_lang;
use crate::ui::results::format::fill;
use crate::ui::results::PlanNotice;
use crate::ui::route::Route;
use crate::ui::state::use_app;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(AboutText {
    Title => ("关于本工具", "About this tool"),
    Lead => (
        "本工具根据钦州市“一县一业”三年行动方案，告诉企业和其他申请人哪些措施适用于自己、为什么、能得多少，每个数字都注明出处条款。",
        "This tool tells enterprises and other applicants which measures of Qinzhou's One County, One Industry plan apply to them, why, and how much, with every figure traced to its clause."
    ),
    PlanTitle => ("方案与数据", "The plan and the data"),
    Source => ("来源", "Source"),
    DataVersion => ("数据版本", "Data version"),
    Contents => ("内容", "Contents"),
    ContentsValue => (
        "{measures} 项措施、{incentives} 个可计算或可判断的奖补项目、{facts} 个问题",
        "{measures} measures, {incentives} incentives checked by the tool, {facts} questions"
    ),
    SourceFile => ("原文文件", "Source text"),
    Summary => ("方案概要", "The plan in brief"),
    Disclaimer => ("免责声明", "Disclaimer"),
    HowTitle => ("金额如何计算", "How amounts are computed"),
    HowRate => (
        "比例 × 基数：方案规定的比例（如 2‰、50%）乘以您填写的数字（如签约投资额）；方案要求先扣除的，先扣除再乘。",
        "Rate × base: a rate of the plan (such as 2‰ or 50%) times a figure you give (such as contracted investment); where the plan deducts something first, it is deducted before multiplying."
    ),
    HowCap => (
        "上限：方案写“不超过”“最高”的，金额不超过该上限；上限起作用时，结果卡片会注明。",
        "Caps: where the plan says “not more than” or “at most”, the amount stops at the cap, and the result says when the cap applied."
    ),
    HowThreshold => (
        "门槛：方案写“（含）以上”的，达到该数字即满足。",
        "Thresholds: where the plan says a figure “(inclusive) or more”, reaching the figure is enough."
    ),
    HowRange => (
        "区间：方案给出区间的（如每人 600—1000 元），结果显示为区间，不取其中某个值。",
        "Ranges: where the plan gives a range (such as 600 to 1,000 yuan per person), the result is that range; the tool does not pick a figure inside it."
    ),
    HowUpTo => (
        "“最高”金额：方案只规定最高额的，显示为“最高 X”，在汇总中按 0 至 X 计。",
        "“Up to” amounts: where the plan only sets a maximum, the result reads “up to X” and counts from 0 to X in the totals."
    ),
    HowNoAmount => (
        "未定金额：方案提到给予或争取资金、但未规定金额的，本工具如实说明，不自行估算。",
        "No amount: where the plan mentions money given or sought but sets no amount, the tool says so and never invents one."
    ),
    HowLevels => (
        "三个层级分开列示：市级奖补（按方案测算，不是确定兑现的金额）；市里拟向自治区争取（不保证获得）的金额；由各县（区）自行决定的措施数量。它们从不相加为一个确定的总额。",
        "Three levels, kept apart: the city's rewards under the plan (computed from the plan, not a pledge); what the city would seek from the autonomous region (not promised); and how many measures each county decides itself. They are never added into one sure total."
    ),
    HowTrace => (
        "计算过程：每个金额都列出计算步骤、所用数字的来源（方案数值或您的回答）和条款编号。",
        "Traces: every amount lists its calculation steps, where each number comes from (a figure of the plan or your answer) and the clause."
    ),
    HowOfficial => (
        "有些条件只有主管部门才能核实（如是否为公职人员、是否通过验收），结果页会单独列出“本工具未核实的事项”。",
        "Some conditions only an official can verify (such as whether someone is a public servant, or whether an inspection was passed); the results list them under “not checked by this tool”."
    ),
    GlossaryTitle => ("方案中改变含义的词", "Words of the plan that change the meaning"),
    GlossaryLead => (
        "以下词语直接引自方案原文：",
        "These words are quoted from the plan; what they mean for the figures:"
    ),
    WordSeek => ("市里将向自治区争取：可能获得，不保证。", "the city will seek it from the region: possible, not promised."),
    WordCap => ("上限：显示为“最高”。", "an upper bound: shown as “up to”."),
    WordInclusive => ("门槛包含该数字本身。", "the threshold includes the figure itself."),
    WordAtLeast => ("目标：不少于该数字。", "a target: this figure or more."),
    WordStrive => ("努力争取的目标，不是硬性指标。", "a stretch goal, not a firm target."),
    WordCumulative => ("多年累计的总数。", "a running total over the years."),
    WordDraft => ("征求意见稿：正式文件可能不同。", "draft for comments: the final document may differ."),
    WordLead => ("牵头单位：负责该措施、应首先联系的部门。", "lead unit: the department in charge, to contact first."),
    WordCooperating => ("配合单位。", "cooperating units."),
    WordPayer => ("由企业税收入库的同级财政承担：告诉您向哪一级申请。", "paid by the treasury at the level that receives the enterprise's taxes: tells you where to apply."),
    PrivacyTitle => ("隐私", "Privacy"),
    Privacy1 => (
        "您的回答只保存在本浏览器的本地存储中，不会上传到任何服务器。本工具没有账户、没有统计分析，也不向其他网站发出任何请求。",
        "Your answers are kept only in this browser's local storage and are never uploaded. There is no account and no analytics, and the app sends no request to any other site."
    ),
    Privacy2 => (
        "在共用电脑上（如展会现场），用完后可在“档案”页删除资料，或清除浏览器的网站数据。",
        "On a shared screen (at a trade fair, say), delete the profile on the Profiles page when you are done, or clear the browser's site data."
    ),
    ProfilesLink => ("打开档案页", "Open Profiles"),
    LibraryLink => ("浏览政策库", "Browse the policy library"),
});

/// A quoted word of the plan and what it means for the figures.
const GLOSSARY: [(&str, AboutText); 10] = [
    ("争取", AboutText::WordSeek),
    ("不超过 · 最高", AboutText::WordCap),
    ("（含）以上", AboutText::WordInclusive),
    ("以上", AboutText::WordAtLeast),
    ("力争", AboutText::WordStrive),
    ("累计", AboutText::WordCumulative),
    ("征求意见稿", AboutText::WordDraft),
    ("牵头单位", AboutText::WordLead),
    ("配合单位", AboutText::WordCooperating),
    ("由企业税收入库同级财政负担", AboutText::WordPayer),
];

#[component]
pub fn About() -> impl IntoView {
    let lang = use_lang();
    let t = move |key: AboutText| key.get(lang.get());
    let Some(app) = use_app() else {
        return view! { <h1>{AboutText::Title.text(lang)}</h1> }.into_any();
    };
    let policy = app.policy;
    let meta = &policy.meta;
    let summary = meta.summary.clone();
    let source_file = meta.source_file.clone();
    let contents = move || {
        fill(
            t(AboutText::ContentsValue),
            &[
                ("measures", &policy.measures.len().to_string()),
                ("incentives", &policy.incentives.len().to_string()),
                ("facts", &policy.facts.len().to_string()),
            ],
        )
    };
    let how = [
        AboutText::HowRate,
        AboutText::HowCap,
        AboutText::HowThreshold,
        AboutText::HowRange,
        AboutText::HowUpTo,
        AboutText::HowNoAmount,
        AboutText::HowLevels,
        AboutText::HowTrace,
        AboutText::HowOfficial,
    ];
    view! {
        <div class="about-screen" data-testid="about-screen">
            <h1>{AboutText::Title.text(lang)}</h1>
            <p class="lead">{AboutText::Lead.text(lang)}</p>
            <section aria-labelledby="about-plan">
                <h2 id="about-plan">{AboutText::PlanTitle.text(lang)}</h2>
                <dl class="about-facts">
                    <dt>{AboutText::Source.text(lang)}</dt>
                    <dd><cite>{move || figures(meta.title.get(lang.get()).to_owned())}</cite>
                        {move || (lang.get() == Lang::En).then(|| view! {
                            <br/><cite lang="zh-CN">{figures(meta.title.zh.clone())}</cite>
                        })}
                    </dd>
                    <dt>{AboutText::DataVersion.text(lang)}</dt>
                    <dd data-testid="about-version">{meta.data_version.clone()}</dd>
                    <dt>{AboutText::Contents.text(lang)}</dt>
                    <dd>{contents}</dd>
                    {source_file.map(|file| view! {
                        <dt>{AboutText::SourceFile.text(lang)}</dt>
                        <dd><code>{file}</code></dd>
                    })}
                </dl>
                <PlanNotice/>
                {summary.map(|summary| view! {
                    <h3>{AboutText::Summary.text(lang)}</h3>
                    <p>{move || summary.get(lang.get()).to_owned()}</p>
                })}
            </section>
            <section aria-labelledby="about-disclaimer" class="disclaimer">
                <h2 id="about-disclaimer">{AboutText::Disclaimer.text(lang)}</h2>
                <p data-testid="about-disclaimer">{move || figures(meta.disclaimer.get(lang.get()).to_owned())}</p>
            </section>
            <section aria-labelledby="about-how">
                <h2 id="about-how">{AboutText::HowTitle.text(lang)}</h2>
                <ul class="how-list">
                    {how.into_iter().map(|key| view! { <li>{move || t(key)}</li> }).collect_view()}
                </ul>
                <h3>{AboutText::GlossaryTitle.text(lang)}</h3>
                <p>{AboutText::GlossaryLead.text(lang)}</p>
                <dl class="glossary">
                    {GLOSSARY
                        .into_iter()
                        // 征求意见稿 explains the status of a draft: not shown once the plan is issued.
                        .filter(|(_, meaning)| policy.meta.is_draft() || !matches!(meaning, AboutText::WordDraft))
                        .map(|(word, meaning)| view! {
                            <div>
                                <dt lang="zh-CN">{word}</dt>
                                <dd>{move || t(meaning)}</dd>
                            </div>
                        })
                        .collect_view()}
                </dl>
            </section>
            <section aria-labelledby="about-privacy">
                <h2 id="about-privacy">{AboutText::PrivacyTitle.text(lang)}</h2>
                <p>{AboutText::Privacy1.text(lang)}</p>
                <p>{AboutText::Privacy2.text(lang)}</p>
                <p class="actions">
                    <a href=Route::Profiles.to_hash()>{AboutText::ProfilesLink.text(lang)}</a>
                    <a href=Route::Library(None).to_hash()>{AboutText::LibraryLink.text(lang)}</a>
                </p>
            </section>
        </div>
    }
    .into_any()
}
