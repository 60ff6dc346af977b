//! One-tap sample profiles for fair mode: one enterprise per county and its featured industry,
//! and one per non-enterprise applicant type. They are data, not code: each is a profile
//! document in `examples/presets/` (the format of `docs/profile-format.md`, so the native
//! command `incentives evaluate examples/presets/<id>.json` shows the same result), embedded
//! here with its title in both languages. Amounts are realistic and chosen to sit on, above
//! or below the plan's thresholds and caps.

use crate::engine::lang::Lang;
use crate::engine::policy::Policy;
use crate::engine::profile::{Profile, ProfileError};
use crate::ui_strings;

ui_strings!(PresetTitle {
    LingshanToys => ("灵山玩具企业：引进 1.2 亿元面料配套项目", "Lingshan toy maker: brings in a RMB 120 million fabric supplier"),
    PubeiChenpi => ("浦北陈皮企业：配套项目恰好 0.5 亿元", "Pubei chenpi processor: a project right at RMB 50 million"),
    QinnanTimber => ("钦南家居企业：6 亿元木材项目（触及上限）", "Qinnan furniture group: a RMB 600 million timber project (hits the cap)"),
    QinbeiChemicals => ("钦北化工企业：4.5 亿元项目未达门槛", "Qinbei chemicals firm: a RMB 450 million project, below the threshold"),
    Promoter => ("招商企业：引进 1 亿元陈皮项目", "Promotion company: brought in a RMB 100 million chenpi project"),
    HrAgency => ("人力资源机构：介绍 140 人就业", "HR agency: 140 workers placed"),
    Workshop => ("就业帮扶车间：18 名脱贫劳动力", "Assistance workshop: 18 poverty-alleviated workers"),
    Factory => ("标准厂房投资方：入驻率 65%", "Factory investor: standard factory 65% let"),
    County => ("县（区）政府：园区基础设施和飞地企业", "County government: park works and an enclave firm"),
    College => ("职业院校：自治区级特色专业", "Vocational college: a regional featured programme"),
});

/// One sample: its id (the file name without `.json`), title and profile document.
pub struct PresetSource {
    pub id: &'static str,
    pub title: PresetTitle,
    pub json: &'static str,
}

macro_rules! preset {
    ($id:literal, $title:ident) => {
        PresetSource {
            id: $id,
            title: PresetTitle::$title,
            json: include_str!(concat!("../../../examples/presets/", $id, ".json")),
        }
    };
}

/// Every sample, in the order shown: enterprises by county, then the other applicant types.
pub const PRESETS: &[PresetSource] = &[
    preset!("enterprise_lingshan_toys", LingshanToys),
    preset!("enterprise_pubei_chenpi", PubeiChenpi),
    preset!("enterprise_qinnan_timber", QinnanTimber),
    preset!("enterprise_qinbei_chemicals", QinbeiChemicals),
    preset!("investment_promoter", Promoter),
    preset!("hr_agency", HrAgency),
    preset!("assistance_workshop", Workshop),
    preset!("factory_investor", Factory),
    preset!("county_government", County),
    preset!("college", College),
];

impl PresetSource {
    /// The sample as a profile checked against `policy`, named by its title in `lang`.
    pub fn profile(&self, policy: &Policy, lang: Lang) -> Result<Profile, ProfileError> {
        let mut profile = Profile::from_json_with(policy, self.json)?;
        profile.name = self.title.get(lang).to_owned();
        Ok(profile)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::date::Date;
    use crate::engine::evaluate;
    use crate::engine::profile::ApplicantType;
    use crate::engine::report::Status;

    use crate::engine::policy::bundled as policy;

    fn profiles() -> Vec<(&'static str, Profile)> {
        PRESETS
            .iter()
            .map(|p| match p.profile(policy(), Lang::En) {
                Ok(profile) => (p.id, profile),
                Err(e) => panic!("{}: {}", p.id, e.message(Lang::En)),
            })
            .collect()
    }

    #[test]
    fn every_file_in_the_folder_is_a_listed_preset_and_ids_are_unique() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/presets");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .filter_map(|e| e.file_name().into_string().ok())
                    .filter_map(|n| n.strip_suffix(".json").map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        let mut ids: Vec<String> = PRESETS.iter().map(|p| p.id.to_owned()).collect();
        ids.sort();
        assert_eq!(files, ids);
        let mut titles: Vec<&str> = PRESETS.iter().map(|p| p.title.get(Lang::En)).collect();
        titles.dedup();
        assert_eq!(titles.len(), PRESETS.len());
    }

    #[test]
    fn one_enterprise_per_county_in_its_featured_industry() {
        let policy = policy();
        let profiles = profiles();
        for county in &policy.counties {
            for industry in county.featured_industries() {
                let found = profiles.iter().filter(|(_, p)| {
                    p.applicant == Some(ApplicantType::Enterprise)
                        && p.county.as_deref() == Some(county.id.as_str())
                        && p.industry.as_deref() == Some(industry)
                });
                assert_eq!(found.count(), 1, "{} / {industry}", county.id);
            }
        }
    }

    #[test]
    fn one_per_non_enterprise_applicant_type() {
        let profiles = profiles();
        for applicant in ApplicantType::ALL.into_iter().filter(|a| *a != ApplicantType::Enterprise)
        {
            let n = profiles.iter().filter(|(_, p)| p.applicant == Some(applicant)).count();
            assert_eq!(n, 1, "{applicant:?}");
        }
        assert_eq!(PRESETS.len(), policy().counties.len() + ApplicantType::ALL.len() - 1);
    }

    #[test]
    fn every_preset_shows_a_result_with_something_eligible() {
        let policy = policy();
        let today = Date { year: 2024, month: 6, day: 1 };
        for (id, profile) in profiles() {
            let report = evaluate(policy, &profile, today);
            assert!(report.results.iter().any(|r| r.status == Status::Eligible), "{id}");
            assert!(report.results.iter().all(|r| r.status != Status::Error), "{id}");
        }
    }

    #[test]
    fn the_enterprise_presets_exercise_a_threshold_and_a_cap() {
        use crate::engine::report::Bound;
        let policy = policy();
        let today = Date { year: 2024, month: 6, day: 1 };
        let reports: Vec<_> =
            profiles().into_iter().map(|(_, p)| evaluate(policy, &p, today)).collect();
        let bounds: Vec<&Bound> = reports
            .iter()
            .flat_map(|r| r.results.iter().filter_map(|i| i.bound.as_ref()))
            .collect();
        assert!(bounds.iter().any(|b| matches!(b, Bound::Cap { .. })), "a cap binds somewhere");
        assert!(
            bounds.iter().any(|b| matches!(b, Bound::Threshold { .. })),
            "a threshold is missed somewhere"
        );
    }
}
