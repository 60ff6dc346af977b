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
            // The payload is kept exactly as written: the share decoder judges it.
            "share" => Route::Share(
                path.trim_matches('/')
                    .split_once('/')
                    .map(|(_, payload)| payload)
                    .unwrap_or("")
                    .into(),
            ),
            "compare" => Route::Compare,
            "receipt" => Route::Receipt,
            "settings" => Route::Settings,
            _ => Route::NotFound(percent_decode(path.trim_matches('/'))),
        }
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
            Route::Share(payload) => format!("#/share/{payload}"),
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
        assert_eq!(Route::from_hash("#/share/ab%20c"), Route::Share("ab%20c".into()));
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
