//! The printable receipt of the active profile (`#/receipt`): one A4 page with the answers,
//! each incentive with its status, amount and clause, the totals by level, the data version,
//! the plan's period, the date printed and the disclaimer. The browser prints it or saves it
//! as PDF; the print rules are in `style/fair.css` (`@media print`, named page `receipt`).

use crate::ui::components::figures::figures;
use leptos::prelude::*;

use crate::engine::period::plan_period_notice;
use crate::engine::qr::qr_svg;
use crate::engine::report::{Status, TotalLine};
use crate::engine::share::encode_profile_with;
use crate::ui::components::handoff::{app_base, share_link, HandOffButton};
use crate::ui::components::period::year_line;
use crate::ui::components::plan_line::{data_version_text, tied_to, ActiveMadeUnder};
use crate::ui::components::report_table::{AnswerList, IncentiveTable, ReportCards};
use crate::ui::components::scroll_table::ScrollTable;
use crate::ui::components::unreadable::{Lead, UnreadableNotice};
use crate::ui::i18n::use_lang;
use crate::ui::results::format::fill;
use crate::ui::results::short_list::ResultsSummary;
use crate::ui::results::summary::total_text;
use crate::ui::route::Route;
use crate::ui::state::use_app;
use crate::ui_strings;

ui_strings!(ReceiptText {
    App => ("钦州“一县一业”政策计算器", "Qinzhou One County, One Industry incentives"),
    Title => ("政策适用回执", "Incentives receipt"),
    Answers => ("申请人与回答", "Applicant and answers"),
    Incentives => ("奖补项目", "Incentives"),
    Totals => ("按兑现层级汇总", "Totals by level"),
    City => ("市级奖补（按方案）", "City rewards under the plan"),
    Region => ("拟向自治区争取（不保证获得）", "To be sought from the region (not promised)"),
    County => ("由各县（区）决定", "Decided by each county"),
    CountyCount => ("{n} 项措施", "{n} {n|measure|measures}"),
    WithoutAmount => ("另有 {n} 项未规定金额", "plus {n} with no amount in the plan"),
    Apart => (
        "三项分开列示，不能相加为一个确定的总额；只计入已符合全部条件的项目。",
        "The three are kept apart and must not be added into one sure total; only incentives whose every condition is met count."
    ),
    DataVersion => ("数据版本：", "Data version: "),
    PlanPeriod => ("方案期限：", "Plan period: "),
    PeriodRange => ("{from} 至 {to}", "{from} to {to}"),
    NotStated => ("未注明", "not stated"),
    OutOfPeriod => ("（打印日期不在方案期限内）", "(the date printed is outside this period)"),
    Printed => ("打印日期：", "Date printed: "),
    Status => ("文件状态：", "Status: "),
    ScanHint => ("扫码在手机上打开此结果", "Scan to open these results on a phone"),
    QrTitle => ("打开此结果的二维码", "QR code that opens these results"),
    Print => ("打印或另存为 PDF", "Print or save as PDF"),
    Back => ("返回结果", "Back to the results"),
    EmptyTitle => ("还没有可打印的结果", "Nothing to print yet"),
    EmptyBody => ("请先选择申请人类型并回答问题。", "Choose an applicant type and answer the questions first."),
    Start => ("开始", "Start"),
    Link => ("可打印的回执", "Printable receipt"),
    ShowAnswers => ("显示或收起回答", "Show or hide the answers"),
});

/// A link to the receipt, for other screens (results).
#[component]
pub fn ReceiptLink() -> impl IntoView {
    let lang = use_lang();
    view! {
        <a href=Route::Receipt.to_hash() data-testid="receipt-link">
            {ReceiptText::Link.text(lang)}
        </a>
    }
}

#[component]
pub fn Receipt() -> impl IntoView {
    let lang = use_lang();
    let t = move |key: ReceiptText| key.get(lang.get());
    let Some(app) = use_app() else {
        return view! { <h1>{ReceiptText::Title.text(lang)}</h1> }.into_any();
    };
    let policy = app.policy;
    let meta = &policy.meta;
    let today = app.today;

    let body = move || {
        let report = app.report.get();
        let profile = app.profile.get();
        if report.applicant.is_none() {
            return view! {
                <section class="empty-state" data-testid="receipt-empty">
                    <h1>{ReceiptText::EmptyTitle.text(lang)}</h1>
                    <p>{ReceiptText::EmptyBody.text(lang)}</p>
                    <p class="actions"><a class="button" href=Route::Home.to_hash()>{ReceiptText::Start.text(lang)}</a></p>
                </section>
            }
            .into_any();
        }
        let totals = report.totals;
        let in_period = report.plan.in_period;
        let (activity_year, year_chosen) = (report.activity_year, report.year_chosen);
        let link =
            share_link(&app_base(), &encode_profile_with(&tied_to(&profile, policy), policy));
        let qr = move || qr_svg(&link, ReceiptText::QrTitle.get(lang.get())).ok();
        let line = move |key: ReceiptText, line: TotalLine, testid: &'static str| {
            view! {
                <div class="receipt-total" data-testid=testid
                    data-min=crate::ui::results::format::plain_decimal(Some(line.range.min))
                    data-max=crate::ui::results::format::plain_decimal(Some(line.range.max))>
                    <dt>{move || t(key)}</dt>
                    <dd>
                        {move || total_text(&line, lang.get())}
                        {(line.without_amount > 0).then(|| view! {
                            " · " {move || fill(t(ReceiptText::WithoutAmount), &[("n", &line.without_amount.to_string())])}
                        })}
                    </dd>
                </div>
            }
        };
        let period = move || {
            let lang = lang.get();
            let range = match (meta.valid_from, meta.valid_to) {
                (Some(from), Some(to)) => fill(
                    ReceiptText::PeriodRange.get(lang),
                    &[("from", &from.to_string()), ("to", &to.to_string())],
                ),
                _ => ReceiptText::NotStated.get(lang).to_owned(),
            };
            let outside = if in_period { "" } else { ReceiptText::OutOfPeriod.get(lang) };
            format!("{range} {outside}")
        };
        let counted = report.results.iter().filter(|r| r.status == Status::Eligible).count();
        view! {
            <article class="receipt" data-testid="receipt" data-eligible=counted.to_string()>
                <header class="receipt-head">
                    <div>
                        <p class="receipt-app">{ReceiptText::App.text(lang)}</p>
                        <h1>{ReceiptText::Title.text(lang)}</h1>
                        <p class="receipt-plan" data-testid="plan-line" data-plan-version=meta.data_version.clone()>
                            <cite>{move || figures(meta.title.get(lang.get()).to_owned())}</cite>
                            " · "{ReceiptText::Status.text(lang)}{move || meta.status_label.get(lang.get()).to_owned()}
                            " · "{move || data_version_text(&meta.data_version, lang.get())}
                        </p>
                        <ActiveMadeUnder/>
                        <p class="receipt-period period-notice" data-testid="receipt-period" role="note">
                            {move || figures(plan_period_notice(meta, today, lang.get()))}
                        </p>
                        {activity_year.map(|year| view! {
                            <p class="receipt-year" data-testid="activity-year" data-year=year.to_string()>
                                {move || year_line(year, year_chosen, lang.get())}
                            </p>
                        })}
                    </div>
                    {move || qr().map(|svg| view! {
                        <figure class="receipt-qr" data-testid="receipt-qr">
                            // Our own SVG (see components::handoff): no user text in it.
                            <div class="qr-code" inner_html=svg></div>
                            <figcaption>{ReceiptText::ScanHint.text(lang)}</figcaption>
                        </figure>
                    })}
                </header>
                <UnreadableNotice lead=Lead::Here/>
                // On a phone (style/fair.css): this summary first, the cards, the answers last.
                <div class="receipt-glance"><ResultsSummary report=report.clone()/></div>
                <section class="receipt-answers" aria-labelledby="receipt-answers">
                    <h2 id="receipt-answers">{ReceiptText::Answers.text(lang)}</h2>
                    <details open class="answers-toggle">
                        <summary>{ReceiptText::ShowAnswers.text(lang)}</summary>
                        <AnswerList policy=policy profile=profile/>
                    </details>
                </section>
                <section class="receipt-incentives" aria-labelledby="receipt-incentives">
                    <h2 id="receipt-incentives">{ReceiptText::Incentives.text(lang)}</h2>
                    // A table on paper and wide screens (exact yuan), cards on a phone.
                    {let table = report.clone(); view! { <ScrollTable><IncentiveTable report=table/></ScrollTable> }}
                    <ReportCards report=report testids=false/>
                </section>
                <section class="receipt-totals-section" aria-labelledby="receipt-totals">
                    <h2 id="receipt-totals">{ReceiptText::Totals.text(lang)}</h2>
                    <dl class="receipt-totals">
                        {line(ReceiptText::City, totals.city, "total-city")}
                        {line(ReceiptText::Region, totals.region, "total-region")}
                        <div class="receipt-total" data-testid="total-county" data-count=totals.county_decides.to_string()>
                            <dt>{ReceiptText::County.text(lang)}</dt>
                            <dd>{move || fill(t(ReceiptText::CountyCount), &[("n", &totals.county_decides.to_string())])}</dd>
                        </div>
                    </dl>
                    <p class="receipt-apart">{ReceiptText::Apart.text(lang)}</p>
                </section>
                <footer class="receipt-foot">
                    <p>
                        <span data-testid="receipt-data-version">{ReceiptText::DataVersion.text(lang)}{meta.data_version.clone()}</span>
                        " · "
                        <span data-testid="receipt-validity">{ReceiptText::PlanPeriod.text(lang)}{move || figures(period())}</span>
                        " · "
                        <span data-testid="receipt-date">{ReceiptText::Printed.text(lang)}{figures(today.to_string())}</span>
                    </p>
                    <p class="receipt-disclaimer" data-testid="receipt-disclaimer">{move || figures(meta.disclaimer.get(lang.get()).to_owned())}</p>
                </footer>
            </article>
        }
        .into_any()
    };

    // Nothing to print or hand over yet: the empty state's Start is the only action.
    let has_applicant = Memo::new(move |_| app.report.with(|r| r.applicant.is_some()));
    let actions = move || {
        has_applicant.get().then(|| {
            view! {
                <p class="receipt-actions actions">
                    <button type="button" data-testid="receipt-print" on:click=|_| {
                        if let Some(w) = web_sys::window() {
                            let _ = w.print();
                        }
                    }>{ReceiptText::Print.text(lang)}</button>
                    <a href=Route::Results.to_hash()>{ReceiptText::Back.text(lang)}</a>
                    <HandOffButton/>
                </p>
            }
        })
    };
    view! {
        <div class="receipt-screen" data-testid="receipt-screen">
            {actions}
            {body}
        </div>
    }
    .into_any()
}
