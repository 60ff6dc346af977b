//! The plan's status and period in plain words, for every place a person starts: derived from
//! the data (status, `valid_from`, `valid_to`) and the day, never from years written in code.
//! The web app, the receipt and the command line all say the same sentences.

use super::date::Date;
use super::lang::Lang;
use super::policy::{Measure, Meta, Policy};

/// Where `today` stands against the plan's period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodState {
    NotStarted,
    Running,
    Ended,
    /// The data gives no period.
    Unknown,
}

pub fn period_state(meta: &Meta, today: Date) -> PeriodState {
    match (meta.valid_from, meta.valid_to) {
        (Some(from), _) if today < from => PeriodState::NotStarted,
        (_, Some(to)) if to < today => PeriodState::Ended,
        (Some(_), Some(_)) => PeriodState::Running,
        _ => PeriodState::Unknown,
    }
}

/// A day in words, which a narrow screen never breaks inside a number: `2025年12月31日` /
/// `31 December 2025`.
pub fn date_text(date: Date, lang: Lang) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match lang {
        Lang::Zh => format!("{}年{}月{}日", date.year, date.month, date.day),
        Lang::En => {
            let month = MONTHS.get(usize::from(date.month).saturating_sub(1)).unwrap_or(&"");
            format!("{} {month} {}", date.day, date.year)
        }
    }
}

/// `2023—2025年` / `2023–2025`: the plan's years, from its validity dates.
pub fn years_text(meta: &Meta, lang: Lang) -> String {
    let years = meta.years();
    match (years.first(), years.last(), lang) {
        (Some(first), Some(last), Lang::Zh) => format!("{first}—{last}年"),
        (Some(first), Some(last), Lang::En) => format!("{first}–{last}"),
        (_, _, Lang::Zh) => "未注明".to_owned(),
        (_, _, Lang::En) => "not stated".to_owned(),
    }
}

/// Two sentences: what the document is (a draft for comments, not a final document), and its
/// period: running, not started, or ended, in which case whether claims are still accepted is
/// for each measure's lead unit to say.
pub fn plan_period_notice(meta: &Meta, today: Date, lang: Lang) -> String {
    let label = meta.status_label.get(lang);
    let status = match (meta.is_draft(), lang) {
        (true, Lang::Zh) => format!("本方案是{label}，不是正式文件。"),
        (true, Lang::En) => {
            format!("The plan is a {}, not a final document.", label.to_ascii_lowercase())
        }
        // Not a draft: what the status means, in the words of data/statuses.toml.
        (false, _) if !meta.status_meaning.get(lang).is_empty() => {
            meta.status_meaning.get(lang).to_owned()
        }
        (false, Lang::Zh) => format!("本方案为{label}。"),
        (false, Lang::En) => format!("The plan's status: {}.", label.to_ascii_lowercase()),
    };
    let years = years_text(meta, lang);
    let end = meta.valid_to.map(|d| date_text(d, lang)).unwrap_or_default();
    let period = match (period_state(meta, today), lang) {
        (PeriodState::Ended, Lang::Zh) => format!(
            "方案期限为{years}，已于{end}结束：是否仍受理申请，由各项措施的牵头单位决定，请先向牵头单位咨询。"
        ),
        (PeriodState::Ended, Lang::En) => format!(
            "Its period, {years}, ended on {end}: whether claims are still accepted is for each measure's lead unit to say, so ask the lead unit first."
        ),
        (PeriodState::NotStarted, Lang::Zh) => format!("方案期限为{years}，尚未开始。"),
        (PeriodState::NotStarted, Lang::En) => format!("Its period, {years}, has not started."),
        (PeriodState::Running, Lang::Zh) => format!("方案期限为{years}（至{end}）。"),
        (PeriodState::Running, Lang::En) => format!("Its period is {years} (until {end})."),
        (PeriodState::Unknown, Lang::Zh) => "方案未注明期限。".to_owned(),
        (PeriodState::Unknown, Lang::En) => "The plan states no period.".to_owned(),
    };
    match lang {
        Lang::Zh => format!("{status}{period}"),
        Lang::En => format!("{status} {period}"),
    }
}

/// Whether claims under a measure are still accepted, once the period has ended: for its lead
/// unit(s) to say. `None` while the period runs.
pub fn claims_note(meta: &Meta, today: Date, lead_units: &str, lang: Lang) -> Option<String> {
    (period_state(meta, today) == PeriodState::Ended).then(|| match lang {
        Lang::Zh => format!("方案期限已结束：是否仍受理申请，由牵头单位{lead_units}决定。"),
        Lang::En => format!(
            "The plan's period has ended: whether claims are still accepted is for the lead unit, {lead_units}, to say."
        ),
    })
}

/// The lead units of a measure, by name in the reader's language (the ones claims go to).
pub fn lead_unit_names(policy: &Policy, measure: &Measure, lang: Lang) -> String {
    let names: Vec<&str> = measure
        .lead_units
        .iter()
        .map(|zh| match lang {
            Lang::Zh => zh.as_str(),
            Lang::En => policy.unit_name(zh).map_or(zh.as_str(), |u| u.en.as_str()),
        })
        .collect();
    names.join(if lang == Lang::Zh { "、" } else { "; " })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::policy::bundled;

    fn day(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    #[test]
    fn lead_units_are_named_in_the_readers_language() {
        let policy = bundled();
        let measure = policy
            .measures
            .iter()
            .find(|m| m.lead_units.len() > 1)
            .expect("a measure led by several units");
        let zh = lead_unit_names(policy, measure, Lang::Zh);
        let en = lead_unit_names(policy, measure, Lang::En);
        assert_eq!(zh, measure.lead_units.join("、"));
        assert_eq!(en.split("; ").count(), measure.lead_units.len(), "{en}");
        assert!(!en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "untranslated: {en}");
    }

    #[test]
    fn after_the_period_both_languages_say_draft_and_ended_and_name_who_decides() {
        let meta = &bundled().meta;
        let zh = plan_period_notice(meta, day("2026-12-04"), Lang::Zh);
        let en = plan_period_notice(meta, day("2026-12-04"), Lang::En);
        assert!(
            zh.contains("征求意见稿")
                && zh.contains("2023—2025年")
                && zh.contains("已于2025年12月31日结束"),
            "{zh}"
        );
        assert!(zh.contains("牵头单位"), "{zh}");
        assert!(
            en.contains("draft for comments")
                && en.contains("2023–2025")
                && en.contains("ended on 31 December 2025"),
            "{en}"
        );
        assert!(en.contains("lead unit"), "{en}");
        for text in [&zh, &en] {
            assert!(!text.contains("承诺") && !text.to_lowercase().contains("commit"), "{text}");
        }
    }

    #[test]
    fn inside_and_before_the_period_the_notice_says_so() {
        let meta = &bundled().meta;
        assert_eq!(period_state(meta, day("2024-05-01")), PeriodState::Running);
        assert_eq!(period_state(meta, day("2025-12-31")), PeriodState::Running);
        assert_eq!(period_state(meta, day("2026-01-01")), PeriodState::Ended);
        assert_eq!(period_state(meta, day("2022-12-31")), PeriodState::NotStarted);
        assert!(plan_period_notice(meta, day("2024-05-01"), Lang::En)
            .contains("until 31 December 2025"));
        assert!(!plan_period_notice(meta, day("2024-05-01"), Lang::En).contains("ended"));
        assert!(plan_period_notice(meta, day("2022-05-01"), Lang::Zh).contains("尚未开始"));
    }

    #[test]
    fn the_years_come_from_the_data() {
        let mut meta = bundled().meta.clone();
        meta.valid_to = Some(day("2027-06-30"));
        assert_eq!(years_text(&meta, Lang::En), "2023–2027");
        assert!(
            plan_period_notice(&meta, day("2026-12-04"), Lang::En).contains("until 30 June 2027")
        );
        assert_eq!(date_text(day("2025-12-31"), Lang::Zh), "2025年12月31日");
        assert_eq!(meta.years(), vec![2023, 2024, 2025, 2026, 2027]);
    }

    #[test]
    fn the_claims_note_names_the_lead_unit_only_after_the_period() {
        let meta = &bundled().meta;
        let note = claims_note(meta, day("2026-12-04"), "市投资促进局", Lang::Zh);
        assert!(note.is_some_and(|n| n.contains("市投资促进局")));
        assert_eq!(claims_note(meta, day("2025-06-01"), "市投资促进局", Lang::Zh), None);
    }
}
