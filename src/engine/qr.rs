//! QR codes as SVG text, for hand-off links: bytes in, an `<svg>` string out. Pure Rust and
//! browser-free (the symbol is computed by the `qrcodegen` crate; the drawing is here), so it
//! is tested natively. Measured cost: about 5 KB of brotli-compressed wasm (13 KB after wasm-opt).
//!
//! The SVG has a white background with the standard quiet zone of 4 modules, black modules
//! drawn as one `<path>` (runs of modules merged), `role="img"` and a `<title>` that names it
//! for screen readers. It has a `viewBox` and no fixed size: give it one with CSS (a module
//! of at least 3 CSS pixels scans well from a screen). Error correction is level M (15 %),
//! raised by the encoder when that costs no extra size.

use std::fmt::{self, Write};

use qrcodegen::{QrCode, QrCodeEcc};

use super::lang::Lang;

/// Modules of white border on every side, as the QR standard requires.
pub const QUIET_ZONE: i32 = 4;

/// Why no QR code could be drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QrError {
    /// More than a QR code can hold at level M (about 2,300 bytes).
    TooLong { bytes: usize },
}

impl QrError {
    pub fn message(&self, lang: Lang) -> String {
        let QrError::TooLong { bytes } = self;
        match lang {
            Lang::Zh => format!("内容过长（{bytes} 字节），无法生成二维码。请复制链接代替。"),
            Lang::En => {
                format!(
                    "The text is too long ({bytes} bytes) for a QR code. Copy the link instead."
                )
            }
        }
    }
}

impl fmt::Display for QrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for QrError {}

/// Draws `text` (e.g. a whole share link) as a QR code in SVG, named by `title` (escaped here).
pub fn qr_svg(text: &str, title: &str) -> Result<String, QrError> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium)
        .map_err(|_| QrError::TooLong { bytes: text.len() })?;
    Ok(draw(&code, title))
}

/// The number of modules per side (without the quiet zone) the code for `text` would have, or
/// `None` when it does not fit: 21 for the shortest texts, 4 more per version.
pub fn qr_modules(text: &str) -> Option<i32> {
    QrCode::encode_text(text, QrCodeEcc::Medium).ok().map(|code| code.size())
}

fn draw(code: &QrCode, title: &str) -> String {
    let size = code.size();
    let side = size + 2 * QUIET_ZONE;
    let mut svg = String::with_capacity(64 * size as usize + 400);
    // Writing to a String cannot fail.
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" role="img" shape-rendering="crispEdges"><title>{}</title><rect width="{side}" height="{side}" fill="#fff"/><path fill="#000" d=""##,
        escape(title)
    );
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && code.get_module(x, y) {
                x += 1;
            }
            let _ = write!(
                svg,
                "M{} {}h{}v1h-{}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE,
                x - start,
                x - start
            );
        }
    }
    svg.push_str(r#""/></svg>"#);
    svg
}

/// Escapes text for XML content.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 forbids: dropped rather than producing an invalid document.
            c if (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
                || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The modules drawn in the SVG path, as a set of (x, y) including the quiet zone.
    fn drawn(svg: &str) -> std::collections::BTreeSet<(i32, i32)> {
        let d = svg.split(" d=\"").nth(1).and_then(|s| s.split('"').next()).expect("a path");
        let mut set = std::collections::BTreeSet::new();
        for run in d.split('M').filter(|r| !r.is_empty()) {
            let (xy, rest) = run.split_once('h').expect("h");
            let (x, y) = xy.split_once(' ').expect("x y");
            let len = rest.split('v').next().expect("len");
            let (x, y, len): (i32, i32, i32) =
                (x.parse().expect("x"), y.parse().expect("y"), len.parse().expect("len"));
            for i in 0..len {
                assert!(set.insert((x + i, y)), "module drawn twice");
            }
        }
        set
    }

    #[test]
    fn draws_every_dark_module_and_only_those() {
        let text = "https://example.org/qinzhou/#/share/AQx0eXBpY2FsIHBheWxvYWQ";
        let svg = qr_svg(text, "Scan").expect("fits");
        let code = QrCode::encode_text(text, QrCodeEcc::Medium).expect("fits");
        let size = code.size();
        assert_eq!(qr_modules(text), Some(size));
        let expected: std::collections::BTreeSet<(i32, i32)> = (0..size)
            .flat_map(|y| (0..size).map(move |x| (x, y)))
            .filter(|&(x, y)| code.get_module(x, y))
            .map(|(x, y)| (x + QUIET_ZONE, y + QUIET_ZONE))
            .collect();
        assert_eq!(drawn(&svg), expected);
        let side = size + 2 * QUIET_ZONE;
        assert!(svg.contains(&format!(r#"viewBox="0 0 {side} {side}""#)));
        assert!(svg.contains(&format!(r##"<rect width="{side}" height="{side}" fill="#fff"/>"##)));
    }

    #[test]
    fn is_an_accessible_image_with_an_escaped_title() {
        let svg = qr_svg("hello", "扫码 <打开> & \"share\"\u{0}").expect("fits");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains("<title>扫码 &lt;打开&gt; &amp; &quot;share&quot;</title>"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn too_long_is_an_error_with_messages() {
        let text = "x".repeat(3000);
        let err = qr_svg(&text, "t").expect_err("too long");
        assert_eq!(err, QrError::TooLong { bytes: 3000 });
        assert!(!err.message(Lang::Zh).is_empty() && !err.message(Lang::En).is_empty());
        assert_eq!(qr_modules(&text), None);
        assert!(qr_svg("", "empty").is_ok());
    }

    #[test]
    fn a_typical_link_is_a_small_code() {
        // A 45-character address + the 154-character payload of the example enterprise
        // profile: version 10 (57 modules), about 200 pixels wide at 3 pixels per module.
        let link =
            format!("https://example.github.io/qinzhou-incentives/#/share/{}", "A".repeat(160));
        assert!(qr_modules(&link).expect("fits") <= 57);
    }
}
