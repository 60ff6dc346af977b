//! Native command for the engine.
//!
//! ```text
//! incentives evaluate PROFILE.json [--lang zh|en] [--json] [--as-of YYYY-MM-DD] [--year YYYY]
//!                                   [--data DIR]... [--plan PLAN_ID]
//! incentives validate [DATA_DIR] [--cases DIR]
//! ```
//!
//! The profile is evaluated under the plan it names (profiles before version 3: the first plan
//! shipped); `--plan` names another, and a `--year` its plan does not cover moves to the plan
//! in force that year. `--data` adds plans to the built-in ones, read at run time like the
//! build reads `data/plans/`: a data folder (a copy of `data/` being edited), a plan folder, or
//! a folder of plan folders. Plans read so are checked first; on errors nothing is evaluated.
//!
//! `--year` is the year the activity falls in (one of the plan's years); it overrides the
//! profile's own choice. Without either, the plan's default for the day applies (its last year
//! once the period has ended).
//!
//! `evaluate` prints the report as a readable list (or JSON). `validate` reads the data files
//! (default: `data/`) and prints every problem, each with its file, line and fix; errors and
//! warnings apart. Exit codes: 0 fine (warnings allowed), 1 a bad file or errors in the data,
//! 2 a usage error.

use std::path::Path;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use qinzhou_incentives::engine::case_files::check_case_dir;
use qinzhou_incentives::engine::data_files::{self, check_data, validation_report};
use qinzhou_incentives::engine::lang::Lang;
use qinzhou_incentives::engine::period::{claims_note, lead_unit_names, plan_period_notice};
use qinzhou_incentives::engine::plans::{made_under, plan_line, Plans};
use qinzhou_incentives::engine::report::{IncentiveResult, Status, TotalLine};
use qinzhou_incentives::engine::trace::render_trace;
use qinzhou_incentives::engine::validate::{validate_in, Problem};
use qinzhou_incentives::engine::{evaluate, plan_files, Date, Policy, Profile, Report};

const USAGE: &str = "\
usage:
  incentives evaluate PROFILE.json [--lang zh|en] [--json] [--as-of YYYY-MM-DD] [--year YYYY]
                                   [--data DIR]... [--plan PLAN_ID]
  incentives validate [DATA_DIR] [--cases DIR]

evaluate  which incentives of the Qinzhou plan apply to a saved profile, and how much
          (--year: the year the activity falls in, one of the plans' years;
          --data: also read the plans of DIR: a data folder, a plan folder or a folder of them;
          --plan: evaluate under this plan, not the one the profile names)
validate  check the data files (default: data/) and list every problem with its file and
          line; --cases: also run the case files (e.g. tests/cases) against the data";

struct EvaluateArgs {
    file: String,
    lang: Lang,
    json: bool,
    as_of: Option<Date>,
    year: Option<u16>,
    data: Vec<String>,
    plan: Option<String>,
}

struct ValidateArgs {
    data: String,
    cases: Option<String>,
}

enum Command {
    Evaluate(EvaluateArgs),
    Validate(ValidateArgs),
    Help,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse_args(&args) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("incentives: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Help => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Command::Validate(args) => run_validate(&args),
        Command::Evaluate(args) => match plans_with(&args.data) {
            Ok(plans) => run_evaluate(&plans, &args),
            Err(message) => {
                eprintln!("{message}");
                ExitCode::from(1)
            }
        },
    }
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let Some((command, rest)) = args.split_first() else {
        return Err("no command given".to_owned());
    };
    match command.as_str() {
        "-h" | "--help" | "help" => Ok(Command::Help),
        "validate" => parse_validate(rest).map(Command::Validate),
        "evaluate" => parse_evaluate(rest).map(Command::Evaluate),
        other => Err(format!("unknown command `{other}`")),
    }
}

fn parse_validate(args: &[String]) -> Result<ValidateArgs, String> {
    let mut data = None;
    let mut cases = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.split_once('=') {
            Some(("--cases", value)) => cases = Some(value.to_owned()),
            _ if arg == "--cases" => {
                cases = Some(args.next().cloned().ok_or("--cases needs a folder")?);
            }
            _ if arg.starts_with("--") => return Err(format!("unknown option `{arg}`")),
            _ if data.is_none() => data = Some(arg.clone()),
            _ => return Err(format!("unexpected argument `{arg}`")),
        }
    }
    Ok(ValidateArgs { data: data.unwrap_or_else(|| "data".to_owned()), cases })
}

fn parse_evaluate(args: &[String]) -> Result<EvaluateArgs, String> {
    let mut file = None;
    let mut lang = Lang::Zh;
    let mut json = false;
    let mut as_of = None;
    let mut year = None;
    let mut data = Vec::new();
    let mut plan = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| {
            inline.clone().or_else(|| args.next().cloned()).ok_or(format!("{name} needs a value"))
        };
        match flag {
            "--json" => json = true,
            "--lang" => {
                lang = match value("--lang")?.as_str() {
                    "zh" => Lang::Zh,
                    "en" => Lang::En,
                    other => return Err(format!("--lang takes zh or en, not `{other}`")),
                }
            }
            "--as-of" => {
                as_of = Some(Date::parse(&value("--as-of")?).map_err(|e| format!("--as-of: {e}"))?)
            }
            "--year" => {
                let text = value("--year")?;
                year = Some(
                    text.parse::<u16>()
                        .map_err(|_| format!("--year takes a year such as 2025, not `{text}`"))?,
                )
            }
            "--data" => data.push(value("--data")?),
            "--plan" => plan = Some(value("--plan")?),
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            path if file.is_none() => file = Some(path.to_owned()),
            extra => return Err(format!("unexpected argument `{extra}`")),
        }
    }
    let file = file.ok_or("evaluate needs a profile file")?;
    Ok(EvaluateArgs { file, lang, json, as_of, year, data, plan })
}

fn run_validate(args: &ValidateArgs) -> ExitCode {
    let dir = Path::new(&args.data);
    if !dir.is_dir() {
        eprintln!(
            "incentives: {} is not a folder (give the data folder, e.g. data)",
            dir.display()
        );
        return ExitCode::from(1);
    }
    let mut checked = check_data(dir);
    if let Some(cases) = &args.cases {
        for policy in &checked.plans {
            checked.problems.extend(check_case_dir(policy, Path::new(cases)));
        }
    }
    print!("{}", validation_report(&checked));
    if checked.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The built-in plans, and those of every `--data` folder: a data folder (with `plans/`, as
/// `validate` reads it), a plan folder, or a folder of plan folders. Every plan read so is
/// checked first: on errors, the message lists them and nothing is evaluated.
fn plans_with(folders: &[String]) -> Result<Plans, String> {
    let mut plans = Plans::embedded().map_err(|e| format!("incentives: {e}"))?.clone();
    for folder in folders {
        let path = Path::new(folder);
        if path.join("plans").is_dir() {
            let checked = check_data(path);
            let errors: Vec<Problem> =
                checked.problems.into_iter().filter(Problem::is_error).collect();
            if !errors.is_empty() {
                return Err(refusal(&errors));
            }
            checked.plans.into_iter().for_each(|policy| plans.insert(policy));
            continue;
        }
        let dirs = if path.join(plan_files::PLAN_FILE).is_file() {
            vec![path.to_path_buf()]
        } else {
            plan_files::plan_dirs(path)
        };
        if dirs.is_empty() {
            return Err(format!(
                "incentives: --data {folder}: no plan folder there (a plan folder holds plan.toml; a data folder holds plans/)"
            ));
        }
        for dir in dirs {
            let policy = Policy::from_dir(&dir).map_err(|e| format!("incentives: --data: {e}"))?;
            let errors: Vec<Problem> = validate_in(&policy, &format!("{}/", dir.display()))
                .into_iter()
                .filter(Problem::is_error)
                .collect();
            if !errors.is_empty() {
                return Err(refusal(&errors));
            }
            plans.insert(policy);
        }
    }
    Ok(plans)
}

/// Every error, then what it means: nothing was evaluated.
fn refusal(errors: &[Problem]) -> String {
    let mut message: Vec<String> = errors.iter().map(ToString::to_string).collect();
    message.push(format!(
        "incentives: {} in the plan data: nothing was evaluated. Fix {} (run `incentives validate` for the full report).",
        data_files::count(errors.len(), "error", "errors"),
        if errors.len() == 1 { "it" } else { "them" }
    ));
    message.join("\n")
}

fn run_evaluate(plans: &Plans, args: &EvaluateArgs) -> ExitCode {
    let text = match std::fs::read_to_string(&args.file) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("incentives: cannot read {}: {error}", args.file);
            return ExitCode::from(1);
        }
    };
    let mut profile = match Profile::from_json_in(plans, &text) {
        Ok(profile) => profile,
        Err(error) => {
            eprintln!("incentives: {}: {}", args.file, error.message(args.lang));
            return ExitCode::from(1);
        }
    };
    // The plan: --plan, else the plan the profile was made under, unless --year falls outside
    // it (then the plan in force that year).
    let made_under_plan = profile.plan.clone();
    let policy = match &args.plan {
        Some(id) => match plans.get(id) {
            Some(policy) => policy,
            None => {
                let ids: Vec<&str> = plans.policies().map(|p| p.meta.id.as_str()).collect();
                eprintln!(
                    "incentives: --plan {id}: no such plan (plans: {})\n\n{USAGE}",
                    ids.join(", ")
                );
                return ExitCode::from(2);
            }
        },
        None => {
            let own = profile.plan.as_deref().and_then(|id| plans.get(id));
            match (own, args.year) {
                (Some(own), Some(year)) if !own.meta.covers_year(year) => {
                    plans.for_year(year).unwrap_or(own)
                }
                (Some(own), _) => own,
                (None, year) => match args
                    .as_of
                    .or_else(today)
                    .and_then(|day| plans.for_profile(None, year, day))
                    .or_else(|| plans.newest())
                {
                    Some(policy) => policy,
                    None => {
                        eprintln!("incentives: no plan to evaluate under");
                        return ExitCode::from(1);
                    }
                },
            }
        }
    };
    if made_under_plan.as_deref() != Some(policy.meta.id.as_str()) {
        // Read again under the plan chosen: its questions are the ones that count, and a year
        // outside its period is left to --year or the plan's default.
        let mut document: serde_json::Value =
            serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap_or_default();
        if let Some(map) = document.as_object_mut() {
            let year = map.get("year").and_then(serde_json::Value::as_u64);
            if year.is_some_and(|y| !u16::try_from(y).is_ok_and(|y| policy.meta.covers_year(y))) {
                map.remove("year");
            }
        }
        profile = match Profile::from_json_with(policy, &document.to_string()) {
            Ok(mut again) => {
                again.plan = made_under_plan.clone();
                again.data_version = profile.data_version.clone();
                again
            }
            Err(error) => {
                eprintln!(
                    "incentives: {}: under {}: {}",
                    args.file,
                    policy.meta.title.get(args.lang),
                    error.message(args.lang)
                );
                return ExitCode::from(1);
            }
        };
    }
    if let Some(year) = args.year {
        let years = policy.meta.years();
        if !years.contains(&year) {
            let list: Vec<String> = plans.years().iter().map(u16::to_string).collect();
            eprintln!(
                "incentives: --year {year} is not one of the plans' years ({})\n\n{USAGE}",
                list.join(", ")
            );
            return ExitCode::from(2);
        }
        profile.year = Some(year);
    }
    let Some(as_of) = args.as_of.or_else(today) else {
        eprintln!("incentives: the system clock gives no usable date; pass --as-of YYYY-MM-DD");
        return ExitCode::from(1);
    };
    let report = evaluate(policy, &profile, as_of);
    if args.json {
        match report_json(&report, args.lang) {
            Ok(json) => println!("{json}"),
            Err(error) => {
                eprintln!("incentives: cannot write JSON: {error}");
                return ExitCode::from(1);
            }
        }
    } else {
        print!("{}", report_text(plans, policy, &profile, &report, args.lang));
    }
    ExitCode::SUCCESS
}

fn today() -> Option<Date> {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    Date::from_unix_days(i64::try_from(seconds / 86_400).ok()?)
}

/// The report as JSON, each result with its trace and hint also rendered as text.
fn report_json(report: &Report<'_>, lang: Lang) -> Result<String, serde_json::Error> {
    let mut value = serde_json::to_value(report)?;
    if let Some(results) = value.get_mut("results").and_then(|r| r.as_array_mut()) {
        for (json, result) in results.iter_mut().zip(&report.results) {
            if let Some(object) = json.as_object_mut() {
                object.insert("trace_text".into(), render_trace(&result.trace, lang).into());
                let hint = result.hint.map(|h| h.render(lang));
                object.insert("hint_text".into(), hint.into());
            }
        }
    }
    serde_json::to_string_pretty(&value)
}

fn report_text(
    plans: &Plans,
    policy: &Policy,
    profile: &Profile,
    report: &Report<'_>,
    lang: Lang,
) -> String {
    let zh = lang == Lang::Zh;
    let t = |zh_text: &'static str, en_text: &'static str| if zh { zh_text } else { en_text };
    let mut out = String::new();
    let plan = &report.plan;
    out.push_str(&format!("{}\n", plan_line(&policy.meta, lang)));
    if let Some(made) =
        made_under(plans, profile.plan.as_deref(), profile.data_version.as_deref(), &policy.meta)
    {
        let version = made.data_version.as_deref().unwrap_or("?");
        let line = match (made.same_plan, &made.title, zh) {
            (true, _, true) => format!("注意：此档案按本方案数据版本 {version} 制作，现按上面的数据版本计算。"),
            (true, _, false) => format!("Note: this profile was made under data version {version} of this plan; it is evaluated with the data version above."),
            (false, Some(title), true) => format!("注意：此档案按《{}》（数据版本 {version}）制作，现按上面的方案计算。", title.zh),
            (false, Some(title), false) => format!("Note: this profile was made under “{}” (data version {version}); it is evaluated under the plan above.", title.en),
            (false, None, true) => "注意：此档案按另一方案制作，现按上面的方案计算。".to_owned(),
            (false, None, false) => "Note: this profile was made under another plan; it is evaluated under the plan above.".to_owned(),
        };
        out.push_str(&format!("{line}\n"));
    }
    let period = match (plan.valid_from, plan.valid_to) {
        (Some(from), Some(to)) => format!("{from} – {to}"),
        _ => "?".to_owned(),
    };
    let inside = if plan.in_period {
        t("在方案期内", "inside")
    } else {
        t("不在方案期内", "OUTSIDE")
    };
    out.push_str(&format!(
        "{} {} ({} {period}: {inside})\n",
        t("评估日期", "As of"),
        report.as_of,
        t("方案期", "plan period")
    ));
    out.push_str(&format!("{}\n", plan_period_notice(&policy.meta, report.as_of, lang)));
    if let Some(year) = report.activity_year {
        let how = if report.year_chosen {
            ""
        } else {
            t("（未选择，按默认）", " (not chosen: the default)")
        };
        let line =
            if zh { format!("活动年度：{year}年") } else { format!("Activity year: {year}") };
        out.push_str(&format!("{line}{how}\n"));
    }
    let unanswered = t("未回答", "not answered");
    let applicant = report.applicant.map_or(unanswered, |a| a.label(lang));
    let county = profile
        .county
        .as_deref()
        .and_then(|id| policy.county(id))
        .map_or(unanswered, |c| c.name.get(lang));
    let industry = profile
        .industry
        .as_deref()
        .and_then(|id| policy.industry(id))
        .map_or(unanswered, |i| i.name.get(lang));
    out.push_str(&format!(
        "{}: {applicant} · {}: {county} · {}: {industry}\n\n",
        t("申请人", "Applicant"),
        t("县（区）", "County"),
        t("产业", "Industry")
    ));

    let relevant: Vec<&IncentiveResult<'_>> = report.relevant().collect();
    let rows: Vec<[String; 5]> = relevant
        .iter()
        .map(|r| {
            [
                r.clause.to_owned(),
                r.status.label(lang).to_owned(),
                r.amount.render(lang),
                r.level.label(lang).to_owned(),
                r.title.get(lang).to_owned(),
            ]
        })
        .collect();
    let header = [
        t("条款", "Clause"),
        t("状态", "Status"),
        t("金额", "Amount"),
        t("给予方", "Given by"),
        t("措施", "Incentive"),
    ]
    .map(str::to_owned);
    out.push_str(&table(&header, &rows));
    out.push('\n');

    for result in &relevant {
        out.push_str(&format!(
            "■ {} {} — {} — {}\n",
            result.clause,
            result.title.get(lang),
            result.status.label(lang),
            result.amount.render(lang)
        ));
        for c in &result.conditions {
            out.push_str(&format!(
                "    {} {} ({}) [{}]\n",
                c.outcome.mark(),
                c.label.get(lang),
                c.outcome.label(lang),
                c.clause
            ));
        }
        if !result.trace.is_empty() {
            out.push_str(&format!(
                "    {}: {}\n",
                t("计算", "Formula"),
                render_trace(&result.trace, lang)
            ));
        }
        if let Some(bound) = result.bound {
            out.push_str(&format!("    {}: {}\n", t("限制", "Bound"), bound.render(lang)));
        }
        if let Some(hint) = result.hint {
            out.push_str(&format!("    {}: {}\n", t("提示", "Hint"), hint.render(lang)));
        }
        if let Some(shared) = result.shared_cap {
            out.push_str(&format!("    {}: {}\n", t("共享上限", "Shared cap"), shared.get(lang)));
        }
        if let Some(payer) = result.payer {
            out.push_str(&format!("    {}: {}\n", t("资金来源", "Paid by"), payer.get(lang)));
        }
        if !result.missing.is_empty() {
            let missing: Vec<&str> = result
                .missing
                .iter()
                .map(|id| policy.fact(id).map_or(*id, |f| f.label.get(lang)))
                .collect();
            out.push_str(&format!("    {}: {}\n", t("待回答", "To answer"), missing.join("; ")));
        }
        for note in result.notes {
            out.push_str(&format!("    {}: {}\n", t("解读", "Note"), note.get(lang)));
        }
        if let Some(measure) = policy.measure(result.clause) {
            let units = lead_unit_names(policy, measure, lang);
            if let Some(note) = claims_note(&policy.meta, report.as_of, &units, lang) {
                out.push_str(&format!("    {}: {note}\n", t("申请", "Claims")));
            }
        }
        if let Some(error) = result.error {
            out.push_str(&format!("    {}: {error}\n", t("错误", "Error")));
        }
        out.push('\n');
    }

    let totals = &report.totals;
    out.push_str(&format!(
        "{}\n",
        t("合计（仅计符合条件的措施）", "Totals (eligible incentives only)")
    ));
    out.push_str(&total_line(
        t("市级奖补（按方案测算）", "City rewards under the plan"),
        &totals.city,
        lang,
    ));
    out.push_str(&total_line(
        t(
            "市里拟向自治区争取（不保证获得，不与市级相加）",
            "What the city would seek from the region (争取: not promised; never added to the city's)",
        ),
        &totals.region,
        lang,
    ));
    out.push_str(&format!(
        "  {}: {}\n",
        t("各县（区）自定", "Each county decides"),
        totals.county_decides
    ));

    if !report.services.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            t("其他可享受的服务和支持", "Services and support you may also get")
        ));
        for service in &report.services {
            out.push_str(&format!("  {} {}\n", service.number, service.title.get(lang)));
        }
    }
    if !report.unchecked.is_empty() {
        out.push_str(&format!("\n{}\n", t("需由主管部门核实的事项", "For an official to verify")));
        for item in &report.unchecked {
            out.push_str(&format!("  [{}] {}\n", item.clause, item.text.get(lang)));
        }
    }
    let not_applicable =
        report.results.iter().filter(|r| r.status == Status::NotApplicable).count();
    out.push_str(&format!(
        "\n{} {not_applicable}\n",
        t("不适用于此申请人类型的措施：", "Incentives not for this applicant type:")
    ));
    if plan.draft {
        out.push_str(&format!("{}\n", policy.meta.disclaimer.get(lang)));
    }
    out
}

fn total_line(label: &str, line: &TotalLine, lang: Lang) -> String {
    let range =
        qinzhou_incentives::engine::Amount::Range { min: line.range.min, max: line.range.max };
    let amount = if line.range.min == line.range.max {
        qinzhou_incentives::engine::Amount::Exact(line.range.min).render(lang)
    } else {
        range.render(lang)
    };
    let extra = match (line.without_amount, lang) {
        (0, _) => String::new(),
        (n, Lang::Zh) => format!("，另有 {n} 项未定金额"),
        (n, Lang::En) => format!(", plus {n} with no amount in this plan"),
    };
    format!("  {label}: {amount}{extra}\n")
}

/// A plain-text table, padding by display width (CJK characters count as two).
fn table(header: &[String; 5], rows: &[[String; 5]]) -> String {
    let width =
        |s: &str| s.chars().map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 }).sum::<usize>();
    let mut widths = header.clone().map(|h| width(&h));
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let line = |cells: &[String; 5]| {
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            out.push_str(cell);
            if i + 1 < cells.len() {
                out.push_str(&" ".repeat(w - width(cell) + 2));
            }
        }
        out.push('\n');
        out
    };
    let mut out = line(header);
    for row in rows {
        out.push_str(&line(row));
    }
    out
}
