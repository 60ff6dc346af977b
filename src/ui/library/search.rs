//! Search over the measures, in both languages at once: whichever language is on screen, a
//! query matches the Chinese original, the English translation, the unit names and the notes.
//! Pure, so it is tested natively.

use crate::engine::measure_texts::MeasureProse;
use crate::engine::policy::{Measure, Policy};

/// Folds text for matching: full-width ASCII to half-width, lower case, dashes, slashes and
/// underscores to spaces, quotes and title marks dropped, runs of white space to one space.
/// So `Enterprise–Led`, `enterprise-led` and `ＥＮＴＥＲＰＲＩＳＥ led` all read `enterprise led`,
/// and `以企招商` matches the plan's `“以企招商”`.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        let c = match c {
            // Full-width forms of ASCII (！ to ～) and the ideographic space.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        };
        match c {
            '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' | '《' | '》' | '〈'
            | '〉' | '`' => continue,
            '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '_' | '/' | '·' | '、' => {
                pending_space = true;
                continue;
            }
            c if c.is_whitespace() => {
                pending_space = true;
                continue;
            }
            _ => {}
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// The words of a query, normalized; every one must occur for a measure to match.
pub fn query_terms(query: &str) -> Vec<String> {
    normalize(query).split(' ').filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// Whether every term occurs in the (normalized) haystack. No terms: everything matches.
pub fn matches_terms(haystack: &str, terms: &[String]) -> bool {
    terms.iter().all(|t| haystack.contains(t.as_str()))
}

/// Everything searchable about one measure, in both languages, normalized once. `prose` is the
/// measure's text and notes ([`super::texts`]; in the web app they arrive after the screen).
pub fn haystack(policy: &Policy, measure: &Measure, prose: Option<&MeasureProse>) -> String {
    let mut parts: Vec<&str> = vec![
        &measure.number,
        &measure.title.zh,
        &measure.title.en,
        &measure.benefit.zh,
        &measure.benefit.en,
    ];
    if let Some(prose) = prose {
        parts.extend([prose.text.zh.as_str(), &prose.text.en]);
    }
    for unit in measure.lead_units.iter().chain(&measure.cooperating_units) {
        parts.push(unit);
        if let Some(name) = policy.unit_name(unit) {
            parts.push(&name.en);
        }
    }
    for note in prose.iter().flat_map(|p| &p.notes) {
        parts.push(&note.zh);
        parts.push(&note.en);
    }
    for incentive in policy.incentives_of(&measure.number) {
        parts.extend([
            incentive.title.zh.as_str(),
            &incentive.title.en,
            &incentive.summary.zh,
            &incentive.summary.en,
        ]);
    }
    normalize(&parts.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_width_dashes_and_quotes() {
        assert_eq!(normalize("Enterprise–Led"), "enterprise led");
        assert_eq!(normalize("ＥＮＴＥＲＰＲＩＳＥ-led"), "enterprise led");
        assert_eq!(normalize("  a \t\n b  "), "a b");
        assert_eq!(normalize("加大“以企招商”支持力度"), "加大以企招商支持力度");
        assert_eq!(normalize("四．２（４）"), "四.2(4)");
    }

    #[test]
    fn every_term_must_occur() {
        let hay = normalize("Stronger support for enterprise-led investment promotion “以企招商”");
        assert!(matches_terms(&hay, &query_terms("enterprise-led")));
        assert!(matches_terms(&hay, &query_terms("以企招商")));
        assert!(matches_terms(&hay, &query_terms("INVESTMENT  enterprise")));
        assert!(!matches_terms(&hay, &query_terms("enterprise robots")));
        assert!(matches_terms(&hay, &query_terms("   ")), "an empty query matches everything");
    }

    #[test]
    fn the_embedded_plan_is_searchable_in_both_languages() {
        let policy = Policy::embedded().expect("the embedded plan loads");
        let texts = crate::engine::measure_texts::MeasureTexts::of_policy(policy);
        let find = |q: &str| -> Vec<&str> {
            let terms = query_terms(q);
            policy
                .measures
                .iter()
                .filter(|m| matches_terms(&haystack(policy, m, texts.get(&m.number)), &terms))
                .map(|m| m.number.as_str())
                .collect()
        };
        assert!(find("以企招商").contains(&"四.2(4)"), "{:?}", find("以企招商"));
        assert!(find("enterprise-led").contains(&"四.2(4)"), "{:?}", find("enterprise-led"));
        assert!(find("以企招商").len() < policy.measures.len(), "a search narrows");
        // A unit searched by its English name finds the measures it leads.
        if let Some(m) = policy.measures.iter().find(|m| !m.lead_units.is_empty()) {
            if let Some(unit) = policy.unit_name(&m.lead_units[0]) {
                assert!(find(&unit.en).contains(&m.number.as_str()));
            }
        }
    }
}
