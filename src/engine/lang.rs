//! The two languages of the app, and bilingual text as the policy data stores it.

use serde::{Deserialize, Serialize};

/// A display language. Chinese is the plan's own language and the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>` and number formatting.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Reads a stored or browser language tag; anything English-like is English, else Chinese.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// The language's name in itself, for a language switch ("中文", "English").
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

/// A piece of prose in both languages, as written in the data files: `{ zh = "…", en = "…" }`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text { zh: zh.into(), en: en.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A run of text in one language: `foreign` is `Some` when the run is not in the language of
/// the text around it (a Chinese term quoted in English, an English name in Chinese).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span<'t> {
    pub text: &'t str,
    pub foreign: Option<Lang>,
}

/// Whether a character is written only in Chinese: ideographs, CJK punctuation and full-width
/// forms (`１２３`, `（`).
fn is_chinese(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Whether a character is a Latin letter (English words, abbreviations such as `QR`).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{C0}'..='\u{24F}' if c.is_alphabetic())
}

/// Splits `text`, written in `lang`, into runs, marking the fragments of the other language,
/// so a screen reader speaks each in its own voice (WCAG 3.1.2). This is how the data is
/// marked: editors write plain text, and the app derives the marks (data/README.md).
///
/// * In English, a run of Chinese characters is Chinese, with the digits and signs written
///   against it (`1.5万`, `四.2(8)`, `1亿/10亿`).
/// * In Chinese, a run of Latin letters is English, with the words, digits and signs between
///   them (`QR`, `One County, One Industry`).
/// * Two foreign runs with nothing of the text's own language between them are one run.
///
/// Everything else (spaces, digits, signs) belongs to the text around it.
pub fn spans(text: &str, lang: Lang) -> Vec<Span<'_>> {
    let foreign = |c: char| match lang {
        Lang::En => is_chinese(c),
        Lang::Zh => is_latin(c),
    };
    let native = |c: char| match lang {
        Lang::En => is_latin(c),
        Lang::Zh => is_chinese(c),
    };
    // Byte ranges of foreign runs.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !foreign(chars[i].1) {
            i += 1;
            continue;
        }
        let mut start = i;
        let mut end = i;
        // Grow to the last foreign character reachable without crossing the text's own letters.
        let mut j = i + 1;
        while j < chars.len() && !native(chars[j].1) {
            if foreign(chars[j].1) {
                end = j;
            }
            j += 1;
        }
        // In English, digits and signs written against a Chinese run belong to it (`1.5万`).
        if lang == Lang::En {
            let glued = |c: char| {
                !c.is_whitespace() && !native(c) && !matches!(c, '“' | '”' | '"' | '(' | ')')
            };
            while start > 0 && glued(chars[start - 1].1) {
                start -= 1;
            }
            while end + 1 < chars.len() && glued(chars[end + 1].1) {
                end += 1;
            }
        }
        let from = chars[start].0;
        let to = chars.get(end + 1).map_or(text.len(), |(at, _)| *at);
        match runs.last_mut() {
            Some(last) if last.1 >= from => last.1 = to,
            _ => runs.push((from, to)),
        }
        i = end + 1;
    }
    let mut out = Vec::with_capacity(runs.len() * 2 + 1);
    let mut at = 0;
    for (from, to) in runs {
        if from > at {
            out.push(Span { text: &text[at..from], foreign: None });
        }
        out.push(Span { text: &text[from..to], foreign: Some(lang.other()) });
        at = to;
    }
    if at < text.len() || out.is_empty() {
        out.push(Span { text: &text[at..], foreign: None });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_tags_map_to_languages() {
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag("EN"), Lang::En);
        assert_eq!(Lang::from_tag("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_tag(""), Lang::Zh);
    }

    fn marked(text: &str, lang: Lang) -> Vec<(&str, bool)> {
        spans(text, lang).into_iter().map(|s| (s.text, s.foreign.is_some())).collect()
    }

    #[test]
    fn chinese_in_english_is_marked_with_the_figures_written_against_it() {
        assert_eq!(
            marked("Listed in the region's 千企技改 programme", Lang::En),
            [("Listed in the region's ", false), ("千企技改", true), (" programme", false)]
        );
        assert_eq!(
            marked("The plan says 1.5万人 (15,000 people).", Lang::En),
            [("The plan says ", false), ("1.5万人", true), (" (15,000 people).", false)]
        );
        assert_eq!(
            marked("Revenue crossed 1亿/10亿/30亿 for the first time", Lang::En),
            [("Revenue crossed ", false), ("1亿/10亿/30亿", true), (" for the first time", false)]
        );
        // Quotation marks and brackets stay with the English around them.
        assert_eq!(
            marked("“达到60%以上” is read as including 60% (转专业).", Lang::En),
            [
                ("“", false),
                ("达到60%以上", true),
                ("” is read as including 60% (", false),
                ("转专业", true),
                (").", false)
            ]
        );
        assert_eq!(
            marked("unlike measure 四.2(8), whose", Lang::En),
            [("unlike measure ", false), ("四.2", true), ("(8), whose", false)]
        );
    }

    #[test]
    fn english_in_chinese_is_marked_as_whole_phrases() {
        assert_eq!(marked("扫描QR码", Lang::Zh), [("扫描", false), ("QR", true), ("码", false)]);
        assert_eq!(
            marked("即“One County, One Industry”计划", Lang::Zh),
            [("即“", false), ("One County, One Industry", true), ("”计划", false)]
        );
    }

    #[test]
    fn text_in_one_language_is_one_unmarked_run() {
        assert_eq!(
            marked("Up to ¥150,000 (clause 1.2)", Lang::En),
            [("Up to ¥150,000 (clause 1.2)", false)]
        );
        assert_eq!(marked("150,000 元，2025年", Lang::Zh), [("150,000 元，2025年", false)]);
        assert_eq!(marked("", Lang::Zh), [("", false)]);
        assert_eq!(marked("万", Lang::En), [("万", true)]);
        // Every byte is kept, in order.
        let text = "A “以上” b 1.5万 c";
        assert_eq!(spans(text, Lang::En).iter().map(|s| s.text).collect::<String>(), text);
    }

    #[test]
    fn text_picks_the_requested_language() {
        let t = Text::new("钦州", "Qinzhou");
        assert_eq!(t.get(Lang::Zh), "钦州");
        assert_eq!(t.get(Lang::En), "Qinzhou");
    }
}
