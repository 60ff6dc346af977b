//! Hash routing: `#/results`, `#/library/四.2(4)`, … The page itself is always `index.html`,
//! so deep links, reload and back/forward work on any static host and under any sub-path,
//! with no server rewrite rules. Parsing is pure, so it is tested natively.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    /// The questionnaire, optionally at a named step.
    Questions(Option<String>),
    Results,
    /// The policy library, optionally opened at one measure number.
    Library(Option<String>),
    Targets,
    Profiles,
    About,
    /// A hand-off link: a profile encoded in the fragment (`#/share/v1…`).
    Share(String),
    /// Two profiles side by side.
    Compare,
    /// The printable one-page receipt of the active profile's results.
    Receipt,
    /// Settings: trade-fair mode, idle timeout, data on this device.
    Settings,
    NotFound(String),
}

impl Route {
    /// Reads a location hash such as `#/library/%E5%9B%9B.2(4)`.
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#');
        let path = path.split('?').next().unwrap_or("");
        let mut parts = path.trim_matches('/').splitn(2, '/');
        let head = parts.next().unwrap_or("");
        let rest = parts.next().map(percent_decode).filter(|s| !s.is_empty());
        match head {
            "" => Route::Home,
            "questions" => Route::Questions(rest),
            "results" => Route::Results,
            "library" => Route::Library(rest),
            "targets" => Route::Targets,
            "profiles" => Route::Profiles,
            "about" => Route::About,
            // Browsers give the hash percent-encoded (a space as `%20`), and so do some chat
            // apps and QR readers: decoded here, so that the share decoder judges the text
            // itself (it skips spaces and line breaks, and names an invisible character).
            "share" => Route::Share(percent_decode(
                path.trim_matches('/').split_once('/').map(|(_, payload)| payload).unwrap_or(""),
            )),
            "compare" => Route::Compare,
            "receipt" => Route::Receipt,
            "settings" => Route::Settings,
            _ => Route::NotFound(percent_decode(path.trim_matches('/'))),
        }
    }

    /// Whether the screen's code is in the main wasm (`App`: the start screen and "not found";
    /// every other screen is a chunk, `ui::chunks`). Outside fair mode, whose start is a chunk.
    pub fn in_main_wasm(&self) -> bool {
        matches!(self, Route::Home | Route::NotFound(_))
    }

    /// The hash that leads here, for `href`.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Questions(None) => "#/questions".into(),
            Route::Questions(Some(step)) => format!("#/questions/{}", percent_encode(step)),
            Route::Results => "#/results".into(),
            Route::Library(None) => "#/library".into(),
            Route::Library(Some(n)) => format!("#/library/{}", percent_encode(n)),
            Route::Targets => "#/targets".into(),
            Route::Profiles => "#/profiles".into(),
            Route::About => "#/about".into(),
            // A payload the encoder wrote is base64url, which this leaves as it is.
            Route::Share(payload) => format!("#/share/{}", percent_encode(payload)),
            Route::Compare => "#/compare".into(),
            Route::Receipt => "#/receipt".into(),
            Route::Settings => "#/settings".into(),
            Route::NotFound(_) => "#/".into(),
        }
    }
}

/// Decodes `%XX` escapes as UTF-8; malformed escapes are kept as typed (never panics).
pub fn percent_decode(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes everything but unreserved ASCII and the brackets and dots of measure numbers.
pub fn percent_encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len() * 3);
    for byte in input.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~()".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_round_trips_through_its_hash() {
        let routes = [
            Route::Home,
            Route::Questions(None),
            Route::Questions(Some("investment".into())),
            Route::Results,
            Route::Library(None),
            Route::Library(Some("四.2(4)".into())),
            Route::Targets,
            Route::Profiles,
            Route::About,
            Route::Share("AQIDBA".into()),
            Route::Share("a b/c?d%e#f\u{200B}".into()),
            Route::Compare,
            Route::Receipt,
            Route::Settings,
        ];
        for route in routes {
            assert_eq!(Route::from_hash(&route.to_hash()), route, "{}", route.to_hash());
        }
    }

    #[test]
    fn empty_and_unknown_hashes_do_not_panic() {
        assert_eq!(Route::from_hash(""), Route::Home);
        assert_eq!(Route::from_hash("#"), Route::Home);
        assert_eq!(Route::from_hash("#/nope"), Route::NotFound("nope".into()));
        assert_eq!(
            Route::from_hash("#/library/%E5%9B%9B.2(4)"),
            Route::Library(Some("四.2(4)".into()))
        );
        // A truncated escape is kept as typed.
        assert_eq!(Route::from_hash("#/library/%E5%9"), Route::Library(Some("\u{FFFD}%9".into())));
        assert_eq!(Route::from_hash("#/share/"), Route::Share(String::new()));
        assert_eq!(Route::from_hash("#/share/ab%2"), Route::Share("ab%2".into()));
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }

    #[test]
    fn a_share_payload_is_percent_decoded_as_browsers_encode_it() {
        use crate::engine::policy::bundled as policy;
        use crate::engine::profile::{ApplicantType, Profile};
        use crate::engine::share::{decode_profile, encode_profile, ShareError};

        let mut profile = Profile::new();
        profile.applicant = Some(ApplicantType::College);
        profile.name = "钦州 college".to_owned();
        let payload = encode_profile(&profile);
        let (a, b) = payload.split_at(payload.len() / 2);
        let every_byte: String = payload.bytes().map(|b| format!("%{b:02X}")).collect();
        let lower: String = payload.bytes().map(|b| format!("%{b:02x}")).collect();
        // What Chromium's location.hash holds for a link with a space, a line break (a mail
        // client's wrap), or one rewritten as %41… by a messaging app or a QR reader.
        for hash in [
            format!("#/share/{payload}"),
            format!("#/share/{a}%20{b}"),
            format!("#/share/{a}%0A{b}"),
            format!("#/share/{a}%0D%0A{b}%20%20"),
            format!("#/share/{every_byte}"),
            format!("#/share/{lower}"),
        ] {
            let Route::Share(text) = Route::from_hash(&hash) else {
                panic!("{hash}: not a share route")
            };
            assert_eq!(decode_profile(&text, policy()).as_ref(), Ok(&profile), "{hash}");
        }
        // An invisible character arrives encoded and is named, not "%".
        let Route::Share(text) = Route::from_hash(&format!("#/share/{a}%E2%80%8B{b}")) else {
            panic!("not a share route")
        };
        assert_eq!(
            decode_profile(&text, policy()),
            Err(ShareError::NotALink { found: '\u{200B}' })
        );
        // A stray % that is no escape is still the decoder's to name.
        let Route::Share(text) = Route::from_hash(&format!("#/share/{a}%zz{b}")) else {
            panic!("not a share route")
        };
        assert_eq!(decode_profile(&text, policy()), Err(ShareError::NotALink { found: '%' }));
    }
}
