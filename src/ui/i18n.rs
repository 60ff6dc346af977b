//! UI strings in both languages, and the current-language context.
//!
//! Each module declares its own strings with [`ui_strings!`]: a key enum whose every key
//! maps to a `(中文, English)` pair, so a missing translation does not compile, and a
//! generated test rejects empty or untranslated strings. A hand-written table costs no
//! bytes; leptos_i18n would add ~25 KB gzip of a 150 KB budget (see ARCHITECTURE.md).

use crate::engine::lang::Lang;
use leptos::prelude::*;

/// Declares a strings enum: `ui_strings!(Ui { Key => ("中文", "English"), … })`.
#[macro_export]
macro_rules! ui_strings {
    ($name:ident { $($key:ident => ($zh:expr, $en:expr)),* $(,)? }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($key),* }

        impl $name {
            /// Every key, for the completeness test.
            pub const ALL: &'static [$name] = &[$($name::$key),*];

            pub fn pair(self) -> (&'static str, &'static str) {
                match self { $($name::$key => ($zh, $en)),* }
            }

            /// This text as a view that follows `lang` (see [`crate::ui::i18n::bilingual`]).
            pub fn text(
                self,
                lang: leptos::prelude::RwSignal<$crate::engine::lang::Lang>,
            ) -> impl leptos::prelude::IntoView {
                $crate::ui::i18n::bilingual(lang, self.pair())
            }

            pub fn get(self, lang: $crate::engine::lang::Lang) -> &'static str {
                let (zh, en) = self.pair();
                match lang {
                    $crate::engine::lang::Lang::Zh => zh,
                    $crate::engine::lang::Lang::En => en,
                }
            }
        }

        #[cfg(test)]
        mod ui_strings_are_complete {
            #[test]
            fn every_key_has_chinese_and_english() {
                for key in super::$name::ALL {
                    let (zh, en) = key.pair();
                    assert!(!zh.trim().is_empty(), "{key:?} has no Chinese text");
                    assert!(!en.trim().is_empty(), "{key:?} has no English text");
                    assert!(
                        !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                            || en.contains("一县一业"),
                        "{key:?}: the English text looks untranslated: {en}"
                    );
                    // A count's word is chosen by `fill`'s `{n|one|other}`, never left as "(s)".
                    assert!(!en.contains("(s)"), "{key:?}: use {{n|one|other}}, not (s): {en}");
                    for text in [zh, en] {
                        for form in text.split('{').skip(1).filter_map(|rest| rest.split_once('}')).map(|(inside, _)| inside) {
                            let pipes = form.matches('|').count();
                            assert!(pipes == 0 || pipes == 2, "{key:?}: {{{form}}} is not {{name|one|other}}");
                        }
                    }
                }
            }
        }
    };
}

/// The current language, shared by every screen.
#[derive(Clone, Copy)]
pub struct LangSignal(pub RwSignal<Lang>);

pub fn use_lang() -> RwSignal<Lang> {
    match use_context::<LangSignal>() {
        Some(LangSignal(lang)) => lang,
        // Outside the app (a component rendered alone in a test): Chinese.
        None => RwSignal::new(Lang::Zh),
    }
}

/// A UI text as a view that follows the language. Every key of every table goes through this
/// one non-generic function, so Leptos's view code is instantiated once for all of them; a
/// `{move || t(Key)}` closure per key costs its own copy (measured in BENCHMARKS.md).
/// Fragments of the other language (`JSON` in Chinese) get their `lang` (`ui::mixed`).
pub fn bilingual(lang: RwSignal<Lang>, (zh, en): (&'static str, &'static str)) -> impl IntoView {
    move || {
        let lang = lang.get();
        crate::ui::mixed::mixed(
            match lang {
                Lang::Zh => zh,
                Lang::En => en,
            },
            lang,
        )
    }
}
