//! The library's search and filters as one plain value: matching a measure, and reading and
//! writing the part of the URL after `?` so a filtered list can be linked and survives
//! back/forward. Pure, so it is tested natively.

use crate::engine::policy::{Giver, Measure, MeasureKind, Policy};
use crate::engine::profile::ApplicantType;
use crate::ui::route::{percent_decode, percent_encode};

use super::search::{matches_terms, query_terms};

/// The measure kinds, in the order the filter lists them.
pub const KINDS: [MeasureKind; 5] = [
    MeasureKind::CashFormula,
    MeasureKind::CashUnquantified,
    MeasureKind::Service,
    MeasureKind::InKind,
    MeasureKind::Government,
];

/// The givers (levels), in the order the filter lists them.
pub const GIVERS: [Giver; 3] = [Giver::City, Giver::Region, Giver::County];

/// The data id of a giver.
pub fn giver_id(giver: Giver) -> &'static str {
    match giver {
        Giver::City => "city",
        Giver::Region => "region",
        Giver::County => "county",
        Giver::Unknown => "unknown",
    }
}

/// Search text and filters. An empty field means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub query: String,
    pub county: String,
    pub industry: String,
    pub beneficiary: String,
    pub kind: String,
    pub level: String,
}

impl Filters {
    /// Whether nothing narrows the list.
    pub fn is_empty(&self) -> bool {
        self.query.trim().is_empty()
            && self.county.is_empty()
            && self.industry.is_empty()
            && self.beneficiary.is_empty()
            && self.kind.is_empty()
            && self.level.is_empty()
    }

    /// Whether the measure passes every filter but the search.
    pub fn matches_facets(&self, policy: &Policy, measure: &Measure) -> bool {
        covers_place(policy, measure, &self.county, &self.industry)
            && (self.beneficiary.is_empty() || measure.beneficiaries.contains(&self.beneficiary))
            && (self.kind.is_empty() || measure.kind.id() == self.kind)
            && (self.level.is_empty() || gives_at_level(policy, measure, &self.level))
    }

    /// For each measure, whether it matches the search text (`haystacks` are
    /// [`super::search::haystack`]); computed once per keystroke, not per filter option.
    pub fn searched(&self, haystacks: &[String]) -> Vec<bool> {
        let terms = query_terms(&self.query);
        haystacks.iter().map(|hay| matches_terms(hay, &terms)).collect()
    }

    /// The numbers of the measures that pass, in plan order; `searched` is [`Filters::searched`].
    pub fn apply_searched<'p>(&self, policy: &'p Policy, searched: &[bool]) -> Vec<&'p str> {
        policy
            .measures
            .iter()
            .zip(searched)
            .filter(|(m, hit)| **hit && self.matches_facets(policy, m))
            .map(|(m, _)| m.number.as_str())
            .collect()
    }

    /// The numbers of the measures that pass, in plan order.
    pub fn apply<'p>(&self, policy: &'p Policy, haystacks: &[String]) -> Vec<&'p str> {
        self.apply_searched(policy, &self.searched(haystacks))
    }

    /// How many measures each value of `field` would show, with the search and the other
    /// filters as they are: the numbers beside a filter's options.
    pub fn counts(
        &self,
        policy: &Policy,
        searched: &[bool],
        field: Field,
        values: &[&str],
    ) -> Vec<usize> {
        values
            .iter()
            .map(|value| {
                let mut other = self.clone();
                *other.field_mut(field) = (*value).to_owned();
                policy
                    .measures
                    .iter()
                    .zip(searched)
                    .filter(|(m, hit)| **hit && other.matches_facets(policy, m))
                    .count()
            })
            .collect()
    }

    fn field_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::County => &mut self.county,
            Field::Industry => &mut self.industry,
            Field::Beneficiary => &mut self.beneficiary,
            Field::Kind => &mut self.kind,
            Field::Level => &mut self.level,
        }
    }

    /// Drops filter values the plan does not know (a hand-edited or stale link), so a bad link
    /// shows everything instead of nothing.
    pub fn sanitized(mut self, policy: &Policy) -> Filters {
        if policy.county(&self.county).is_none() {
            self.county.clear();
        }
        if policy.industry(&self.industry).is_none() {
            self.industry.clear();
        }
        if ApplicantType::from_id(&self.beneficiary).is_none() {
            self.beneficiary.clear();
        }
        if !KINDS.iter().any(|k| k.id() == self.kind) {
            self.kind.clear();
        }
        if !GIVERS.iter().any(|g| giver_id(*g) == self.level) {
            self.level.clear();
        }
        self.query = self.query.chars().take(200).collect();
        self
    }

    /// `q=…&county=…` for the fields that are set (empty when none is).
    pub fn to_query(&self) -> String {
        let fields = [
            ("q", self.query.as_str()),
            ("county", &self.county),
            ("industry", &self.industry),
            ("beneficiary", &self.beneficiary),
            ("kind", &self.kind),
            ("level", &self.level),
        ];
        fields
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Reads what [`Filters::to_query`] wrote; unknown keys and malformed pairs are ignored.
    pub fn from_query(query: &str) -> Filters {
        let mut filters = Filters::default();
        for pair in query.split('&') {
            let Some((key, value)) = pair.split_once('=') else { continue };
            let value = percent_decode(&value.replace('+', " "));
            match key {
                "q" => filters.query = value,
                "county" => filters.county = value,
                "industry" => filters.industry = value,
                "beneficiary" => filters.beneficiary = value,
                "kind" => filters.kind = value,
                "level" => filters.level = value,
                _ => {}
            }
        }
        filters
    }
}

/// One of the filters (not the search).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    County,
    Industry,
    Beneficiary,
    Kind,
    Level,
}

/// Whether a measure can apply in the county and to the industry chosen (either may be empty,
/// "any"). A measure that names no industry is for the featured industry of each county it
/// covers, so 浦北县 + 化工 (钦北区's industry) keeps only measures that name 化工 themselves.
fn covers_place(policy: &Policy, measure: &Measure, county: &str, industry: &str) -> bool {
    let mut counties = policy
        .counties
        .iter()
        .filter(|c| county.is_empty() || c.id == county)
        .filter(|c| measure.covers_county(Some(&c.id)))
        .peekable();
    if counties.peek().is_none() {
        return false;
    }
    if industry.is_empty() {
        return true;
    }
    if measure.industries.is_empty() {
        counties.any(|c| c.is_featured(industry))
    } else {
        measure.industries.iter().any(|i| i == industry)
    }
}

/// Whether the measure gives anything at this level: its own giver, or one of its incentives
/// (六.1 is the city's, but its technology-upgrade subsidy is sought from the region).
fn gives_at_level(policy: &Policy, measure: &Measure, level: &str) -> bool {
    giver_id(measure.giver) == level
        || policy.incentives_of(&measure.number).any(|i| i.level.id() == level)
}

/// The part of a location hash after `?`, if any (`#/library?q=x` → `q=x`).
pub fn hash_query(hash: &str) -> &str {
    hash.split_once('?').map(|(_, q)| q).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::library::search::haystack;

    #[test]
    fn the_query_string_round_trips_including_chinese_and_spaces() {
        let filters = Filters {
            query: "以企招商 & more=1".into(),
            county: "pubei".into(),
            kind: "cash_formula".into(),
            ..Filters::default()
        };
        let query = filters.to_query();
        assert!(!query.contains(' ') && !query.contains('以'), "{query}");
        assert_eq!(Filters::from_query(&query), filters);
        assert_eq!(Filters::default().to_query(), "");
        assert_eq!(hash_query("#/library?q=a"), "q=a");
        assert_eq!(hash_query("#/library"), "");
    }

    #[test]
    fn a_county_with_another_countys_industry_narrows_the_list_and_the_counts_follow() {
        let policy = Policy::embedded().expect("the embedded plan loads");
        let hays: Vec<String> = policy.measures.iter().map(|m| haystack(policy, m, None)).collect();
        let pubei = Filters { county: "pubei".into(), ..Filters::default() };
        let own =
            Filters { industry: "tangerine_peel".into(), ..pubei.clone() }.apply(policy, &hays);
        let foreign =
            Filters { industry: "chemicals".into(), ..pubei.clone() }.apply(policy, &hays);
        assert!(!own.is_empty());
        assert!(foreign.len() < own.len(), "浦北县 + 化工: {} vs {}", foreign.len(), own.len());
        // Each count is what choosing that option shows.
        let searched = pubei.searched(&hays);
        let values: Vec<&str> = policy.industries.iter().map(|i| i.id.as_str()).collect();
        let counts = pubei.counts(policy, &searched, Field::Industry, &values);
        for (value, count) in values.iter().zip(&counts) {
            let chosen = Filters { industry: (*value).into(), ..pubei.clone() };
            assert_eq!(*count, chosen.apply(policy, &hays).len(), "{value}");
        }
        assert!(counts.iter().any(|c| *c != counts[0]), "the counts differ: {counts:?}");
        let searched_all = Filters::default().searched(&hays);
        let any = Filters::default().counts(policy, &searched_all, Field::County, &[""]);
        assert_eq!(any, [policy.measures.len()]);
    }

    #[test]
    fn malformed_links_do_not_panic_and_unknown_values_are_dropped() {
        let filters = Filters::from_query("q=%E5%9&&county&=x&level=nowhere&kind=service&zz=1");
        assert_eq!(filters.county, "");
        let policy = Policy::embedded().expect("the embedded plan loads");
        let clean = filters.sanitized(policy);
        assert_eq!(clean.level, "", "an unknown level is dropped");
        assert_eq!(clean.kind, "service", "a known kind is kept");
    }

    #[test]
    fn each_filter_keeps_exactly_the_measures_the_data_says() {
        let policy = Policy::embedded().expect("the embedded plan loads");
        let hays: Vec<String> = policy.measures.iter().map(|m| haystack(policy, m, None)).collect();
        let all = Filters::default().apply(policy, &hays);
        assert_eq!(all.len(), policy.measures.len(), "no filter: every measure");
        for kind in KINDS {
            let shown =
                Filters { kind: kind.id().into(), ..Filters::default() }.apply(policy, &hays);
            let expected: Vec<&str> = policy
                .measures
                .iter()
                .filter(|m| m.kind == kind)
                .map(|m| m.number.as_str())
                .collect();
            assert_eq!(shown, expected, "kind {}", kind.id());
        }
        for applicant in ApplicantType::ALL {
            let shown = Filters { beneficiary: applicant.id().into(), ..Filters::default() }
                .apply(policy, &hays);
            assert!(shown.iter().all(|n| policy
                .measure(n)
                .is_some_and(|m| m.beneficiaries.iter().any(|b| b == applicant.id()))));
        }
        for county in &policy.counties {
            let shown =
                Filters { county: county.id.clone(), ..Filters::default() }.apply(policy, &hays);
            let expected = policy.measures.iter().filter(|m| m.covers_county(Some(&county.id)));
            assert_eq!(shown.len(), expected.count(), "county {}", county.id);
        }
        // 六.1's technology-upgrade subsidy is sought from the region.
        let region = Filters { level: "region".into(), ..Filters::default() }.apply(policy, &hays);
        assert!(region.contains(&"六.1"), "{region:?}");
        // Filters combine: each one can only narrow what the others left.
        let one = Filters { level: "city".into(), ..Filters::default() }.apply(policy, &hays);
        let two = Filters { level: "city".into(), kind: "service".into(), ..Filters::default() }
            .apply(policy, &hays);
        assert!(two.len() <= one.len() && two.iter().all(|n| one.contains(n)));
    }
}
