//! Checks the plan data and reports **every** problem at once, each naming its place, so an
//! editor fixes a whole batch per run. A native test runs it on the embedded data; the CLI's
//! `incentives validate` prints the same list.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;

use super::lang::Text;
use super::policy::{
    Calc, Fact, FactKind, Giver, Incentive, Level, MeasureKind, Param, ParamUnit, Policy, Test,
    TARGET_UNITS,
};
use super::profile::ApplicantType;

/// Whether a problem stops the app (an error) or asks a person to look (a warning).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A line and column of a data file (both from 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

/// One problem in the data: where, and what (with the fix, in plain words).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// E.g. `data/plans/qinzhou-yixianyiye-2023-2025/incentives.toml: incentive "promoter_reward", condition "size"`.
    pub place: String,
    pub message: String,
    pub severity: Severity,
    /// The file and line, when the problem was found in the files on disk
    /// (`super::data_files`); the embedded data has no lines.
    pub at: Option<Location>,
    /// The fields whose absence this problem reports (empty for any other problem). When the
    /// data reader removed such a field from the same table for a type error it already
    /// reported, this problem only repeats it, and the reader leaves it out.
    pub absent: Vec<String>,
}

impl Problem {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        match &self.at {
            None => write!(f, "{}: {}", self.place, self.message),
            Some(at) => {
                // The place without its file: what the line belongs to.
                let what = self.place.split_once(": ").map_or("", |(_, what)| what);
                if what.is_empty() {
                    write!(f, "{} line {}: {}", at.file, at.line, self.message)
                } else {
                    write!(f, "{} line {} ({what}): {}", at.file, at.line, self.message)
                }
            }
        }
    }
}

struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, place: &str, message: impl Into<String>) {
        self.push(Severity::Error, place, message.into());
    }

    fn warn(&mut self, place: &str, message: impl Into<String>) {
        self.push(Severity::Warning, place, message.into());
    }

    fn push(&mut self, severity: Severity, place: &str, message: String) {
        self.0.push(Problem {
            place: place.to_owned(),
            message,
            severity,
            at: None,
            absent: Vec::new(),
        });
    }

    /// An error that `fields` are missing (see [`Problem::absent`]).
    fn absent(&mut self, place: &str, fields: &[&str], message: impl Into<String>) {
        self.add(place, message);
        if let Some(added) = self.0.last_mut() {
            added.absent = fields.iter().map(|f| (*f).to_owned()).collect();
        }
    }

    /// Both languages present and not blank. A text is missing too when the whole field is
    /// (`title` of `title: …`; not a list's entry, `notes[2]`).
    fn text(&mut self, place: &str, field: &str, text: &Text) {
        let name: String =
            field.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if text.zh.trim().is_empty() {
            self.absent(
                place,
                &[&name, "zh"],
                format!("{field}: the Chinese text (zh) is missing"),
            );
        }
        if text.en.trim().is_empty() {
            self.absent(
                place,
                &[&name, "en"],
                format!("{field}: the English translation (en) is missing"),
            );
        }
    }

    fn texts(&mut self, place: &str, field: &str, texts: &[Text]) {
        for (i, text) in texts.iter().enumerate() {
            self.text(place, &format!("{field}[{}]", i + 1), text);
        }
    }

    fn unique<'a>(&mut self, place: &str, what: &str, ids: impl Iterator<Item = &'a str>) {
        let mut seen = HashSet::new();
        for id in ids {
            if id.trim().is_empty() {
                self.add(place, format!("a {what} has an empty id"));
            } else if !seen.insert(id) {
                self.add(place, format!("{what} \"{id}\" is defined twice"));
            }
        }
    }
}

const STATUSES: &str = "data/statuses.toml";
/// The plan's folder in the places below; [`validate_in`] names the folder the plan was read
/// from before it returns.
const PLAN_DIR: &str = "data/plans/<plan>/";
const PLAN: &str = "data/plans/<plan>/plan.toml";
const MEASURES: &str = "data/plans/<plan>/measures/*.toml";
const INCENTIVES: &str = "data/plans/<plan>/incentives.toml";

/// Every problem of the data, in file order. Empty means the data is sound.
pub fn validate(policy: &Policy) -> Vec<Problem> {
    validate_in(policy, &format!("data/plans/{}/", policy.meta.id))
}

/// [`validate`], naming `folder` (ending in `/`) as the plan's folder in every place: for a
/// plan read from somewhere other than `data/plans/<plan id>/` (`incentives evaluate --data`).
pub fn validate_in(policy: &Policy, folder: &str) -> Vec<Problem> {
    let mut p = Problems(Vec::new());
    meta(policy, &mut p);
    places(policy, &mut p);
    goals(policy, &mut p);
    measures(policy, &mut p);
    facts(policy, &mut p);
    incentives(policy, &mut p);
    for warning in super::validate_prose::warnings(policy) {
        p.warn(&warning.place, warning.message);
    }
    for problem in &mut p.0 {
        problem.place = problem.place.replace(PLAN_DIR, folder);
        problem.message = problem.message.replace(PLAN_DIR, folder);
    }
    p.0
}

fn meta(policy: &Policy, p: &mut Problems) {
    let place = format!("{PLAN}: [meta]");
    let meta = &policy.meta;
    if meta.id.trim().is_empty() {
        p.absent(&place, &["id"], "id is missing");
    }
    p.text(&place, "title", &meta.title);
    p.text(&place, "disclaimer", &meta.disclaimer);
    let known: Vec<&str> = policy.statuses.iter().map(|s| s.id.as_str()).collect();
    if policy.statuses.is_empty() {
        p.add(STATUSES, "there are no [[statuses]]");
    }
    for status in &policy.statuses {
        let place = format!("{STATUSES}: status \"{}\"", status.id);
        p.text(&place, "label", &status.label);
        p.text(&place, "meaning", &status.meaning);
    }
    p.unique(STATUSES, "status", policy.statuses.iter().map(|s| s.id.as_str()));
    if meta.status.trim().is_empty() {
        p.add(&place, format!("status is missing: write one of {}", quoted(&known)));
    } else if policy.status().is_none() {
        // An officer may write the label they know (正式印发) for the id.
        let written = meta.status.trim();
        let labelled = policy
            .statuses
            .iter()
            .find(|s| s.label.zh == written || s.label.en.eq_ignore_ascii_case(written));
        p.add(
            &place,
            match labelled {
                Some(status) => format!(
                    "status \"{}\" is the label of the status \"{}\": write status = \"{}\" (the label comes from {STATUSES})",
                    meta.status, status.id, status.id
                ),
                None => format!(
                    "status \"{}\" is not a known status: write one of {} (the statuses are listed in {STATUSES})",
                    meta.status,
                    quoted(&known)
                ),
            },
        );
    }
    if let Some(status) = policy.status() {
        if meta.status_label != status.label {
            p.warn(
                &place,
                format!("status_label differs from the label of \"{}\" in {STATUSES}: remove status_label (the label comes from {STATUSES})", status.id),
            );
        }
    }
    if meta.measure_numbers.is_empty() {
        p.add(&place, "measure_numbers is missing: list the plan's measure numbers, e.g. measure_numbers = [\"一.1\", \"四.2(4)\"]");
    }
    p.unique(&place, "measure number", meta.measure_numbers.iter().map(String::as_str));
    for number in &meta.measure_numbers {
        full_width(p, &place, "measure_numbers", number);
    }
    match (meta.valid_from, meta.valid_to) {
        (Some(from), Some(to)) if from > to => p.add(
            &place,
            format!("valid_from ({from}) is after valid_to ({to}): the plan's period runs from valid_from to valid_to"),
        ),
        (Some(_), Some(_)) => {}
        _ => p.absent(
            &place,
            &["valid_from", "valid_to"],
            "valid_from and valid_to (YYYY-MM-DD) are both needed",
        ),
    }
    if meta.data_version.trim().is_empty() {
        p.absent(&place, &["data_version"], "data_version is missing");
    }
}

/// `"a", "b"`: ids for a message.
fn quoted(ids: &[&str]) -> String {
    ids.iter().map(|id| format!("\"{id}\"")).collect::<Vec<_>>().join(", ")
}

/// A clause reference written with full-width brackets (四.2（4）): the data writes them
/// half-width, as the routes and links do.
fn full_width(p: &mut Problems, place: &str, field: &str, clause: &str) {
    if clause.contains(['（', '）']) {
        let half = clause.replace('（', "(").replace('）', ")");
        p.add(place, format!("{field} \"{clause}\" has full-width brackets: write \"{half}\""));
    }
}

fn places(policy: &Policy, p: &mut Problems) {
    p.unique(PLAN, "county", policy.counties.iter().map(|c| c.id.as_str()));
    p.unique(PLAN, "industry", policy.industries.iter().map(|i| i.id.as_str()));
    p.unique(PLAN, "unit", policy.units.iter().map(|u| u.zh.as_str()));
    if policy.counties.is_empty() {
        p.add(PLAN, "there are no [[counties]]");
    }
    for county in &policy.counties {
        let place = format!("{PLAN}: county \"{}\"", county.id);
        p.text(&place, "name", &county.name);
        p.texts(&place, "parks", &county.parks);
        if county.featured_industries().next().is_none() {
            p.add(&place, "names no featured industry");
        }
        for industry in county.featured_industries() {
            if policy.industry(industry).is_none() {
                p.add(&place, format!("industry \"{industry}\" is not in [[industries]]"));
            }
        }
    }
    for industry in &policy.industries {
        let place = format!("{PLAN}: industry \"{}\"", industry.id);
        p.text(&place, "name", &industry.name);
        if let Some(county) = &industry.county {
            if policy.county(county).is_none() {
                p.add(&place, format!("county \"{county}\" is not in [[counties]]"));
            }
        }
    }
    for unit in &policy.units {
        p.text(&format!("{PLAN}: unit \"{}\"", unit.zh), "name", unit);
    }
}

fn goals(policy: &Policy, p: &mut Problems) {
    if policy.goals.city.is_empty() {
        p.add(PLAN, "section 二: there are no [[goals.city]]");
    }
    for goal in &policy.goals.city {
        let place = format!("{PLAN}: goals.city \"{}\"", goal.id);
        p.text(&place, "label", &goal.label);
        target_unit(p, &place, &goal.unit);
        if goal.value.is_none() {
            p.absent(&place, &["value"], "value is missing");
        }
    }
    for county in &policy.counties {
        if !policy.goals.counties.iter().any(|t| t.county == county.id) {
            p.add(PLAN, format!("section 二: county \"{}\" has no target rows", county.id));
        }
    }
    for target in &policy.goals.counties {
        let place = format!("{PLAN}: goals.counties \"{}\" / \"{}\"", target.county, target.metric);
        p.text(&place, "label", &target.label);
        target_unit(p, &place, &target.unit);
        if policy.county(&target.county).is_none() {
            p.add(&place, format!("county \"{}\" is not in [[counties]]", target.county));
        }
        if target.values.is_empty() {
            p.add(&place, "has no yearly values");
        }
        for value in &target.values {
            if value.value.is_none() {
                p.absent(&place, &["value"], format!("{}: value is missing", value.year));
            }
            if let Some(note) = &value.note {
                p.text(&place, &format!("{}: note", value.year), note);
            }
        }
    }
}

/// A goal's unit must be one the app has words for: another would show as its id.
fn target_unit(p: &mut Problems, place: &str, unit: &str) {
    if !TARGET_UNITS.contains(&unit) {
        p.add(place, format!("unit \"{unit}\" is not one of {}", TARGET_UNITS.join(" | ")));
    }
}

fn measures(policy: &Policy, p: &mut Problems) {
    let numbers = &policy.meta.measure_numbers;
    let present: BTreeSet<&str> = policy.measures.iter().map(|m| m.number.as_str()).collect();
    for number in numbers {
        if !present.contains(number.as_str()) {
            p.add(
                MEASURES,
                format!("measure {number} is missing: measure_numbers in {PLAN} lists it, but no [[measures]] has number = \"{number}\" (add the measure, or remove the number from the list)"),
            );
        }
    }
    p.unique(MEASURES, "measure", policy.measures.iter().map(|m| m.number.as_str()));
    let units: HashSet<&str> = policy.units.iter().map(|u| u.zh.as_str()).collect();
    for measure in &policy.measures {
        let place = format!("{MEASURES}: measure {}", measure.number);
        full_width(p, &place, "number", &measure.number);
        if !numbers.contains(&measure.number) && !measure.number.contains(['（', '）']) {
            p.add(&place, format!("number \"{}\": the plan has no measure with this number: if the plan has it, add \"{}\" to measure_numbers in {PLAN} [meta]; otherwise correct the number (written like 四.2(4), 六.1)", measure.number, measure.number));
        }
        p.text(&place, "title", &measure.title);
        p.text(&place, "text", &measure.text);
        p.text(&place, "benefit", &measure.benefit);
        p.texts(&place, "notes", &measure.notes);
        if measure.kind == MeasureKind::Unknown {
            p.add(&place, "kind is not one of cash_formula | cash_unquantified | service | in_kind | government");
        }
        if measure.giver == Giver::Unknown {
            p.add(&place, "giver is not one of city | region | county");
        }
        if measure.beneficiaries.is_empty() {
            p.add(&place, "beneficiaries is empty");
        }
        applicant_ids(p, &place, "beneficiaries", &measure.beneficiaries);
        for county in &measure.counties {
            if policy.county(county).is_none() {
                p.add(&place, format!("county \"{county}\" is not in [[counties]]"));
            }
        }
        for industry in &measure.industries {
            if policy.industry(industry).is_none() {
                p.add(&place, format!("industry \"{industry}\" is not in [[industries]]"));
            }
        }
        if measure.lead_units.is_empty() {
            p.add(&place, "lead_units is empty");
        }
        for unit in measure.lead_units.iter().chain(&measure.cooperating_units) {
            if !units.contains(unit.as_str()) {
                p.add(
                    &place,
                    format!("unit \"{unit}\" has no English name in the [[units]] table of {PLAN}"),
                );
            }
        }
        let computed = policy.incentives_of(&measure.number).any(|i| !matches!(i.calc, Calc::None));
        if measure.kind == MeasureKind::Government && computed {
            p.add(
                &place,
                format!("kind is government (no applicant qualifies) but an incentive in {INCENTIVES} computes an amount for an applicant"),
            );
        }
        if measure.kind == MeasureKind::CashFormula && !computed {
            p.add(
                &place,
                format!("kind is cash_formula but no incentive in {INCENTIVES} computes an amount"),
            );
        }
    }
}

fn applicant_ids(p: &mut Problems, place: &str, field: &str, ids: &[String]) {
    for id in ids {
        if ApplicantType::from_id(id).is_none() {
            p.add(place, format!("{field}: \"{id}\" is not an applicant type"));
        }
    }
}

fn facts(policy: &Policy, p: &mut Problems) {
    p.unique(INCENTIVES, "step", policy.steps.iter().map(|s| s.id.as_str()));
    for step in &policy.steps {
        p.text(&format!("{INCENTIVES}: step \"{}\"", step.id), "title", &step.title);
    }
    p.unique(INCENTIVES, "fact", policy.facts.iter().map(|f| f.id.as_str()));
    for fact in &policy.facts {
        let place = format!("{INCENTIVES}: fact \"{}\"", fact.id);
        if fact.kind == FactKind::Unknown {
            p.add(&place, "kind is not one of bool | money | count | percent | choice");
        }
        p.text(&place, "label", &fact.label);
        p.text(&place, "question", &fact.question);
        year_words(p, &place, fact);
        if let Some(help) = &fact.help {
            p.text(&place, "help", help);
            percent_help(p, &place, fact, help);
        }
        if let Some(unit) = &fact.unit {
            p.text(&place, "unit", unit);
        }
        hint_examples(p, &place, fact);
        if policy.step(&fact.step).is_none() {
            p.add(&place, format!("step \"{}\" is not in [[steps]]", fact.step));
        }
        if fact.applicants.is_empty() {
            p.add(&place, "applicants is empty");
        }
        applicant_ids(p, &place, "applicants", &fact.applicants);
        match (fact.kind, fact.choices.is_empty()) {
            (FactKind::Choice, true) => p.add(&place, "a choice fact needs choices"),
            (FactKind::Choice, false) => {
                p.unique(&place, "choice", fact.choices.iter().map(|c| c.id.as_str()));
                for choice in &fact.choices {
                    p.text(&place, &format!("choice \"{}\"", choice.id), &choice.label);
                }
            }
            (_, false) => p.add(&place, "only choice facts have choices"),
            (_, true) => {}
        }
    }
}

/// A percent field takes a percentage (65 for 65%; its hint says so). Help that asks for the
/// stored fraction would have a person type 0.65 and be read as 0.65%.
fn percent_help(p: &mut Problems, place: &str, fact: &Fact, help: &Text) {
    const FRACTION_WORDS: [&str; 4] = ["0 到 1", "0到1", "from 0 to 1", "fraction"];
    let asks_fraction = |text: &str| FRACTION_WORDS.iter().any(|w| text.contains(w));
    if fact.kind == FactKind::Percent && (asks_fraction(&help.zh) || asks_fraction(&help.en)) {
        p.add(
            place,
            "help asks for a fraction from 0 to 1, but a percent field takes a percentage (65 for 65%)",
        );
    }
}

/// A number fact's own hint examples must each read as an answer of its kind: the hint offers
/// them as what to type.
fn hint_examples(p: &mut Problems, place: &str, fact: &Fact) {
    if !fact.kind.is_number() {
        if !fact.examples.is_empty() {
            p.add(place, "only money, count and percent facts have examples");
        }
        return;
    }
    for example in &fact.examples {
        if fact.kind.parse_answer(example).is_err() {
            p.add(place, format!("example \"{example}\" is not a valid {} answer", fact.kind.id()));
        }
    }
}

/// Words that mean "the activity year" or "the year before" in a question must name the year
/// through `{year}` / `{prev_year}`: a reader today takes 本年度 to mean the current calendar
/// year, which may be after the plan's period. Labels name no year (they appear in traces).
fn year_words(p: &mut Problems, place: &str, fact: &Fact) {
    const IN_QUESTIONS: [&str; 6] =
        ["本年度", "上年度", "this year", "last year", "previous year", "the year before"];
    const IN_LABELS: [&str; 3] = ["本年度", "this year", "last year"];
    for (field, text, words) in
        [("question", &fact.question, &IN_QUESTIONS[..]), ("label", &fact.label, &IN_LABELS[..])]
    {
        for (lang, value) in [("zh", &text.zh), ("en", &text.en)] {
            let without = value.replace("{year}", "").replace("{prev_year}", "");
            let lower = without.to_lowercase();
            if let Some(word) = words.iter().find(|w| lower.contains(*w)) {
                p.add(
                    place,
                    format!("{field}.{lang} says \"{word}\": name the year with {{year}} or {{prev_year}}"),
                );
            }
            if without.contains('{') || without.contains('}') {
                p.add(
                    place,
                    format!("{field}.{lang} has a placeholder other than {{year}} / {{prev_year}}"),
                );
            }
            if field == "label" && value.contains("{year}") {
                p.add(place, format!("label.{lang} names a year; only questions do"));
            }
        }
    }
    if fact.question.zh.contains("当年") && !fact.question.zh.contains("{year}") {
        p.add(place, "question.zh says 当年 without naming the year ({year})");
    }
}

fn incentives(policy: &Policy, p: &mut Problems) {
    p.unique(INCENTIVES, "incentive", policy.incentives.iter().map(|i| i.id.as_str()));
    let industries: HashSet<&str> = policy.industries.iter().map(|i| i.id.as_str()).collect();
    for incentive in &policy.incentives {
        let place = format!("{INCENTIVES}: incentive \"{}\"", incentive.id);
        let ctx = IncentiveCheck { policy, incentive, place: &place, industries: &industries };
        ctx.check(p);
    }
}

struct IncentiveCheck<'a> {
    policy: &'a Policy,
    incentive: &'a Incentive,
    place: &'a str,
    industries: &'a HashSet<&'a str>,
}

impl IncentiveCheck<'_> {
    fn check(&self, p: &mut Problems) {
        let (policy, incentive, place) = (self.policy, self.incentive, self.place);
        let measure = policy.measure(&incentive.measure);
        full_width(p, place, "measure", &incentive.measure);
        match measure {
            None => p.add(
                place,
                format!("measure \"{}\" is not a measure of the plan", incentive.measure),
            ),
            Some(measure) => {
                for applicant in &incentive.applicants {
                    if ApplicantType::from_id(applicant).is_some()
                        && !measure.beneficiaries.contains(applicant)
                    {
                        p.add(place, format!("applicant \"{applicant}\" is not among the beneficiaries of measure {}", measure.number));
                    }
                }
            }
        }
        p.text(place, "title", &incentive.title);
        p.text(place, "summary", &incentive.summary);
        if incentive.level == Level::Unknown {
            p.add(place, "level is not one of city | region | county");
        }
        if incentive.applicants.is_empty() {
            p.add(place, "applicants is empty");
        }
        applicant_ids(p, place, "applicants", &incentive.applicants);
        for (field, text) in [("payer", &incentive.payer), ("shared_cap", &incentive.shared_cap)] {
            if let Some(text) = text {
                p.text(place, field, text);
            }
        }
        p.texts(place, "unchecked", &incentive.unchecked);
        p.texts(place, "notes", &incentive.notes);
        for (name, param) in &incentive.params {
            self.param(p, name, param);
        }
        p.unique(place, "condition", incentive.conditions.iter().map(|c| c.id.as_str()));
        for condition in &incentive.conditions {
            let place = format!("{place}, condition \"{}\"", condition.id);
            self.clause(p, &place, &condition.clause);
            p.text(&place, "label", &condition.label);
            self.test(p, &place, &condition.test);
        }
        self.calc(p);
    }

    fn clause(&self, p: &mut Problems, place: &str, clause: &str) {
        if clause.trim().is_empty() {
            p.add(place, "has no clause (the measure number it comes from)");
        } else if clause.contains(['（', '）']) {
            full_width(p, place, "clause", clause);
        } else if !self.policy.meta.measure_numbers.iter().any(|n| n == clause) {
            p.add(place, format!("clause \"{clause}\" is not a measure number of the plan (see measure_numbers in {PLAN})"));
        }
    }

    fn param(&self, p: &mut Problems, name: &str, param: &Param) {
        let place = format!("{}, param \"{name}\"", self.place);
        self.clause(p, &place, &param.clause);
        if param.unit == ParamUnit::Unknown {
            p.add(&place, "unit is not one of yuan | rate | count: write yuan for an amount in 元, rate for a share or percentage (its value a decimal: \"0.25\" for 25%, \"0.003\" for 3‰), count for a number of people, months or projects");
        }
        match (param.value, param.by_industry.is_empty()) {
            (None, true) => {
                p.absent(&place, &["value", "by_industry"], "has neither value nor by_industry")
            }
            (Some(_), false) => p.add(&place, "has both value and by_industry; keep one"),
            _ => {}
        }
        let values = param.value.iter().chain(param.by_industry.values());
        if values.clone().any(|v| v.is_sign_negative()) {
            p.add(&place, "is negative");
        }
        for industry in param.by_industry.keys() {
            if !self.industries.contains(industry.as_str()) {
                p.add(&place, format!("industry \"{industry}\" is not in [[industries]]"));
            }
        }
        // Per-industry figures must cover every county's featured industry, or some
        // applicant would get no threshold at all.
        if !param.by_industry.is_empty() {
            for county in &self.policy.counties {
                for industry in county.featured_industries() {
                    if !param.by_industry.contains_key(industry) {
                        p.add(
                            &place,
                            format!(
                                "by_industry has no figure for \"{industry}\" ({} county)",
                                county.id
                            ),
                        );
                    }
                }
            }
        }
    }

    /// A fact the incentive reads: it exists, has the expected kind, and is asked of the
    /// incentive's applicants.
    fn fact(&self, p: &mut Problems, place: &str, id: &str, kinds: &[FactKind]) {
        let Some(fact) = self.policy.fact(id) else {
            p.add(place, format!("fact \"{id}\" is not in [[facts]]"));
            return;
        };
        if !kinds.contains(&fact.kind) {
            let expected: Vec<&str> = kinds.iter().map(|k| k.id()).collect();
            p.add(
                place,
                format!("fact \"{id}\" is {}, expected {}", fact.kind.id(), expected.join(" or ")),
            );
        }
        for applicant in &self.incentive.applicants {
            if !fact.applicants.contains(applicant) {
                p.add(place, format!("fact \"{id}\" is not asked of \"{applicant}\" (add it to the fact's applicants)"));
            }
        }
    }

    fn param_ref(&self, p: &mut Problems, place: &str, name: &str, units: &[ParamUnit]) {
        match self.incentive.params.get(name) {
            None => p.add(place, format!("param \"{name}\" is not in this incentive's params")),
            Some(param) if !units.contains(&param.unit) => {
                p.add(place, format!("param \"{name}\" has the wrong unit for this use"))
            }
            Some(_) => {}
        }
    }

    fn test(&self, p: &mut Problems, place: &str, test: &Test) {
        const NUMBERS: &[FactKind] = &[FactKind::Money, FactKind::Count, FactKind::Percent];
        const ANY_UNIT: &[ParamUnit] = &[ParamUnit::Yuan, ParamUnit::Rate, ParamUnit::Count];
        match test {
            Test::IsTrue { fact } | Test::IsFalse { fact } => {
                self.fact(p, place, fact, &[FactKind::Bool])
            }
            Test::AtLeast { fact, param } | Test::AtMost { fact, param } => {
                self.fact(p, place, fact, NUMBERS);
                self.param_ref(p, place, param, ANY_UNIT);
            }
            Test::AboveZero { fact } => self.fact(p, place, fact, NUMBERS),
            Test::OneOf { fact, choices } => {
                self.fact(p, place, fact, &[FactKind::Choice]);
                if let Some(f) = self.policy.fact(fact) {
                    for choice in choices {
                        if !f.choices.iter().any(|c| c.id == *choice) {
                            p.add(place, format!("choice \"{choice}\" is not a choice of \"{fact}\""));
                        }
                    }
                }
            }
            Test::FeaturedIndustry => {}
            Test::CountyIn { counties } => {
                for county in counties {
                    if self.policy.county(county).is_none() {
                        p.add(place, format!("county \"{county}\" is not in [[counties]]"));
                    }
                }
            }
            Test::AnyOf { tests } => {
                if tests.is_empty() {
                    p.add(place, "any_of has no tests");
                }
                for test in tests {
                    self.test(p, place, test);
                }
            }
            Test::Unknown => p.add(place, "test kind is not one of is_true | is_false | at_least | at_most | above_zero | one_of | featured_industry | county_in | any_of"),
        }
    }

    fn calc(&self, p: &mut Problems) {
        let place = format!("{}, calc", self.place);
        let place = place.as_str();
        const MONEY: &[FactKind] = &[FactKind::Money];
        const COUNT: &[FactKind] = &[FactKind::Count];
        const YUAN: &[ParamUnit] = &[ParamUnit::Yuan];
        match &self.incentive.calc {
            Calc::None => {}
            Calc::Fixed { amount } => self.param_ref(p, place, amount, YUAN),
            Calc::RateOfBase { base, rate, minus, cap, .. } => {
                self.fact(p, place, base, MONEY);
                if let Some(minus) = minus {
                    self.fact(p, place, minus, MONEY);
                }
                self.param_ref(p, place, rate, &[ParamUnit::Rate]);
                if let Some(cap) = cap {
                    self.param_ref(p, place, cap, YUAN);
                }
            }
            Calc::PerPersonRange { count, min, max } => {
                self.fact(p, place, count, COUNT);
                self.param_ref(p, place, min, YUAN);
                self.param_ref(p, place, max, YUAN);
                let (lo, hi) = (self.incentive.params.get(min), self.incentive.params.get(max));
                if let (Some(Param { value: Some(lo), .. }), Some(Param { value: Some(hi), .. })) =
                    (lo, hi)
                {
                    if lo > hi {
                        p.add(place, "min is above max");
                    }
                }
            }
            Calc::ActualPlusPerPerson { actual, count, per_person } => {
                self.fact(p, place, actual, MONEY);
                self.fact(p, place, count, COUNT);
                self.param_ref(p, place, per_person, YUAN);
            }
        }
    }
}

/// Measures whose `text.zh` does not occur in the source text, comparing with all white space
/// removed (the source wraps lines and indents). Run natively, where the source file exists.
pub fn verbatim_problems(policy: &Policy, source: &str) -> Vec<Problem> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let source = squeeze(source);
    policy
        .measures
        .iter()
        .filter(|m| !m.text.zh.trim().is_empty() && !source.contains(&squeeze(&m.text.zh)))
        .map(|m| Problem {
            place: format!("{MEASURES}: measure {}", m.number),
            message: "text.zh does not occur verbatim in the plan's source text (source/*.txt in the plan's folder): copy it from the body of section 三, character for character".to_owned(),
            severity: Severity::Error,
            at: None,
            absent: Vec::new(),
        })
        .collect()
}

/// How many measures of each kind the data has (for the CLI's summary line).
pub fn measure_kinds(policy: &Policy) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for measure in &policy.measures {
        *counts.entry(measure.kind.id()).or_insert(0) += 1;
    }
    counts
}
