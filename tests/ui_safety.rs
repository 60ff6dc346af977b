//! Two rules of the UI, checked on its source:
//!
//! 1. **No user text reaches raw HTML.** Every use of `inner_html` (and its relatives:
//!    `outer_html`, `insert_adjacent_html`, `innerHTML`, `outerHTML`, `insertAdjacentHTML`,
//!    `document.write`) anywhere in `src/` must be on [`RAW_HTML_ALLOWED`] with the reason it is
//!    safe and the function that produces the HTML, which the file must call. Anything else
//!    fails. The one producer allowed, `engine::qr::qr_svg`, is also checked here: hostile
//!    text in the link or the title never comes out as markup.
//! 2. **No `unwrap()` / `expect(` in `src/ui` outside test code.** Stored data, links and
//!    typed text reach the UI; a panic there takes the whole app down (panic = "abort"). Test
//!    code (`#[cfg(test)]` items, `#[test]` functions) is skipped by reading the file: comments,
//!    strings and character literals are blanked first, then each `#[cfg(test)]` item is cut
//!    out by matching its braces, so a test module anywhere in a file is skipped whole and
//!    nothing after it is.

use std::fs;
use std::path::{Path, PathBuf};

/// Uses of raw HTML that are allowed: (file, a fragment of the code line, the function in the
/// same file that produces the HTML, why it is safe). Each entry allows one use.
const RAW_HTML_ALLOWED: &[(&str, &str, &str, &str)] = &[
    (
        "src/ui/components/handoff.rs",
        r#"data-testid="handoff-qr" inner_html=svg"#,
        "qr_svg(",
        "the hand-off QR code: SVG drawn by engine::qr::qr_svg from the QR modules of a \
         base64url link (the link's text never appears in it) and a fixed UI title it escapes",
    ),
    (
        "src/ui/screens/receipt.rs",
        r#"<div class="qr-code" inner_html=svg>"#,
        "qr_svg(",
        "the receipt's QR code: the same qr_svg output as the hand-off dialog",
    ),
];

/// Names that write HTML text into the document.
const RAW_HTML_NAMES: &[&str] = &[
    "inner_html",
    "outer_html",
    "insert_adjacent_html",
    "innerHTML",
    "outerHTML",
    "insertAdjacentHTML",
    "document.write",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else { panic!("cannot read {}", d.display()) };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

fn read(path: &Path) -> String {
    match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    }
}

// ──────────────────────────────────────────────────────────────── a small Rust lexer

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The source with every comment blanked (and, with `strings`, every string and character
/// literal too). Blanked characters become spaces; newlines stay, so char indices and line
/// numbers are those of the original.
fn blank(src: &str, strings: bool) -> Vec<char> {
    let s: Vec<char> = src.chars().collect();
    let mut out = s.clone();
    let n = s.len();
    let clear = |out: &mut Vec<char>, from: usize, to: usize| {
        for c in out.iter_mut().take(to.min(n)).skip(from) {
            if *c != '\n' {
                *c = ' ';
            }
        }
    };
    let mut i = 0;
    while i < n {
        let c = s[i];
        let next = s.get(i + 1).copied();
        let prev_ident = i > 0 && is_ident(s[i - 1]);
        if c == '/' && next == Some('/') {
            let end = (i..n).find(|&j| s[j] == '\n').unwrap_or(n);
            clear(&mut out, i, end);
            i = end;
        } else if c == '/' && next == Some('*') {
            // Block comments nest in Rust.
            let (mut depth, mut j) = (0usize, i);
            while j < n {
                if s[j] == '/' && s.get(j + 1) == Some(&'*') {
                    depth += 1;
                    j += 2;
                } else if s[j] == '*' && s.get(j + 1) == Some(&'/') {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            clear(&mut out, i, j);
            i = j;
        } else if (c == 'r' || (c == 'b' && next == Some('r')) || (c == 'c' && next == Some('r')))
            && !prev_ident
            && {
                let start = if c == 'r' { i + 1 } else { i + 2 };
                let hashes = (start..n).take_while(|&j| s[j] == '#').count();
                s.get(start + hashes) == Some(&'"')
            }
        {
            // A raw string: r"…", r#"…"#, br"…", cr"…".
            let start = if c == 'r' { i + 1 } else { i + 2 };
            let hashes = (start..n).take_while(|&j| s[j] == '#').count();
            let body = start + hashes + 1;
            let mut j = body;
            let end = loop {
                if j >= n {
                    break n;
                }
                if s[j] == '"' && (1..=hashes).all(|k| s.get(j + k) == Some(&'#')) {
                    break j + 1 + hashes;
                }
                j += 1;
            };
            if strings {
                clear(&mut out, body, end - 1 - hashes);
            }
            i = end;
        } else if c == '"' {
            let mut j = i + 1;
            while j < n && s[j] != '"' {
                j += if s[j] == '\\' { 2 } else { 1 };
            }
            if strings {
                clear(&mut out, i + 1, j);
            }
            i = j + 1;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{1F600}', '\'') or a lifetime / label ('a).
            if next == Some('\\') {
                let mut j = i + 2;
                if s.get(j) == Some(&'u') {
                    while j < n && s[j] != '}' {
                        j += 1;
                    }
                }
                j += 1;
                while j < n && s[j] != '\'' {
                    j += 1;
                }
                if strings {
                    clear(&mut out, i + 1, j);
                }
                i = j + 1;
            } else if s.get(i + 2) == Some(&'\'') {
                if strings {
                    clear(&mut out, i + 1, i + 2);
                }
                i += 3;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The index just past the bracket matching the opening one at `open`.
fn matching(code: &[char], open: usize) -> usize {
    let mut depth = 0i64;
    for (j, &c) in code.iter().enumerate().skip(open) {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
            _ => {}
        }
    }
    code.len()
}

/// Whether an attribute's text (between `#[` and `]`, spaces removed) makes an item test-only.
fn is_test_attribute(attr: &str) -> bool {
    attr == "test"
        || attr == "cfg(test)"
        || attr.starts_with("cfg(all(test,")
        || attr.starts_with("tokio::test")
        || attr.starts_with("wasm_bindgen_test")
}

/// Blanks every item marked `#[cfg(test)]` or `#[test]` (attribute included) in `code`, where
/// comments, strings and characters are already blank. The item runs to the `;` or to the
/// brace matching its first `{`, whichever comes first outside parentheses and brackets.
fn cut_test_items(code: &mut [char]) {
    let n = code.len();
    let mut i = 0;
    while i + 1 < n {
        if !(code[i] == '#' && code[i + 1] == '[') {
            i += 1;
            continue;
        }
        let attr_end = matching(code, i + 1);
        let attr: String = code[i + 2..attr_end.saturating_sub(1).max(i + 2)]
            .iter()
            .filter(|c| !c.is_whitespace())
            .collect();
        if !is_test_attribute(&attr) {
            i = attr_end;
            continue;
        }
        // Past any further attributes, to the end of the item.
        let mut j = attr_end;
        let mut nesting = 0i64;
        let end = loop {
            if j >= n {
                break n;
            }
            match code[j] {
                '#' if nesting == 0 && code.get(j + 1) == Some(&'[') => {
                    j = matching(code, j + 1);
                    continue;
                }
                '(' | '[' => nesting += 1,
                ')' | ']' => nesting -= 1,
                ';' if nesting == 0 => break j + 1,
                '{' if nesting == 0 => break matching(code, j),
                _ => {}
            }
            j += 1;
        };
        for c in code.iter_mut().take(end).skip(i) {
            if *c != '\n' {
                *c = ' ';
            }
        }
        i = end;
    }
}

fn line_of(code: &[char], index: usize) -> usize {
    code.iter().take(index).filter(|&&c| c == '\n').count() + 1
}

/// Each `.unwrap()` and `.expect(` outside test code: (line, method).
fn panicking_calls(src: &str) -> Vec<(usize, &'static str)> {
    let mut code = blank(src, true);
    cut_test_items(&mut code);
    let mut found = Vec::new();
    for (method, needs_close) in [("unwrap", true), ("expect", false)] {
        let m: Vec<char> = method.chars().collect();
        let mut i = 0;
        while i + m.len() <= code.len() {
            let starts_word = i == 0 || !is_ident(code[i - 1]);
            if !(starts_word && code[i..i + m.len()] == m[..]) {
                i += 1;
                continue;
            }
            let after = i + m.len();
            let before_dot = (0..i).rev().find(|&j| !code[j].is_whitespace());
            let mut k = after;
            while k < code.len() && code[k].is_whitespace() {
                k += 1;
            }
            let is_call = code.get(after).is_none_or(|&c| !is_ident(c))
                && before_dot.is_some_and(|j| code[j] == '.')
                && code.get(k) == Some(&'(')
                && (!needs_close || {
                    let mut c = k + 1;
                    while c < code.len() && code[c].is_whitespace() {
                        c += 1;
                    }
                    code.get(c) == Some(&')')
                });
            if is_call {
                found.push((line_of(&code, i), method));
            }
            i = after;
        }
    }
    found.sort();
    found
}

/// Each use of a raw-HTML name outside comments: (line, name, the trimmed code line).
fn raw_html_uses(src: &str) -> Vec<(usize, String, String)> {
    let code = blank(src, false);
    let lines: Vec<String> = code.iter().collect::<String>().lines().map(str::to_owned).collect();
    let mut found = Vec::new();
    for (number, line) in lines.iter().enumerate() {
        let lower = line.to_lowercase();
        for name in RAW_HTML_NAMES {
            let lname = name.to_lowercase();
            let mut from = 0;
            while let Some(at) = lower[from..].find(&lname) {
                let start = from + at;
                let end = start + lname.len();
                let before_ok = !lower[..start].chars().next_back().is_some_and(is_ident);
                // `set_inner_html` holds `inner_html`: count the longer name once.
                let set_prefix = lower[..start].ends_with("set_");
                let after_ok = !lower[end..].chars().next().is_some_and(is_ident);
                if (before_ok || set_prefix) && after_ok {
                    let shown = if set_prefix { format!("set_{name}") } else { (*name).to_owned() };
                    found.push((number + 1, shown, line.trim().to_owned()));
                }
                from = end;
            }
        }
    }
    found
}

// ──────────────────────────────────────────────────────────────── the checks

#[test]
fn raw_html_is_only_set_where_the_allow_list_says_why() {
    let files = rust_files(&root().join("src"));
    assert!(files.len() > 20, "expected the app's sources under src/");
    let mut unexplained = Vec::new();
    let mut used = vec![0usize; RAW_HTML_ALLOWED.len()];
    for path in &files {
        let rel = relative(path);
        let text = read(path);
        for (line, name, code) in raw_html_uses(&text) {
            let entry = RAW_HTML_ALLOWED
                .iter()
                .position(|(file, fragment, _, _)| *file == rel && code.contains(fragment));
            match entry {
                Some(k) => {
                    used[k] += 1;
                    let producer = RAW_HTML_ALLOWED[k].2;
                    let code_only: String = blank(&text, false).iter().collect();
                    assert!(
                        code_only.contains(producer),
                        "{rel}:{line}: allowed because its HTML comes from `{producer}`, which \
                         the file no longer calls: where does the HTML come from now?"
                    );
                }
                None => unexplained.push(format!("{rel}:{line}: `{name}` in `{code}`")),
            }
        }
    }
    assert!(
        unexplained.is_empty(),
        "raw HTML that is not on RAW_HTML_ALLOWED (tests/ui_safety.rs). Render text with \
         view! (escaped), or, if the HTML is generated by our own code from no user text, add \
         an entry with the reason:\n{}",
        unexplained.join("\n")
    );
    // An entry allows one use, not a pattern of them. (An entry that matches none is left
    // alone: the screens it names are being built while this is written.)
    for (k, (file, fragment, _, _)) in RAW_HTML_ALLOWED.iter().enumerate() {
        assert!(
            used[k] <= 1,
            "RAW_HTML_ALLOWED entry ({file}, `{fragment}`) allows one use; it matches {}: give \
             each use its own entry and reason",
            used[k]
        );
    }
}

#[test]
fn the_qr_svg_carries_no_markup_from_its_inputs() {
    use qinzhou_incentives::engine::qr::qr_svg;
    let hostile = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "]]><![CDATA[<svg onload=alert(1)>",
        "&lt;b&gt; & ' \" </title><foreignObject>",
    ];
    for text in hostile {
        for title in hostile {
            let svg = match qr_svg(text, title) {
                Ok(svg) => svg,
                Err(e) => panic!("{text:?}: {e}"),
            };
            // Only the elements qr_svg draws, and only its own attributes.
            let mut tags: Vec<&str> = svg
                .split('<')
                .skip(1)
                .map(|t| t.split(|c: char| c.is_whitespace() || c == '>' || c == '/').next())
                .map(|t| t.unwrap_or(""))
                .filter(|t| !t.is_empty())
                .collect();
            tags.sort_unstable();
            tags.dedup();
            assert_eq!(tags, ["path", "rect", "svg", "title"], "{svg}");
            // The title appears once, as escaped text; nothing else of the inputs appears.
            assert_eq!(svg.matches("<title>").count(), 1, "{svg}");
            assert_eq!(svg.matches("</title>").count(), 1, "{svg}");
            let title_at = svg.find("<title>").map_or(0, |a| a + "<title>".len());
            let title_end = svg.find("</title>").unwrap_or(0).max(title_at);
            let shown = &svg[title_at..title_end];
            assert!(!shown.contains(['<', '>', '"']), "title: {shown}");
            let outside = format!("{}{}", &svg[..title_at], &svg[title_end..]);
            for word in
                ["script", "onerror", "onload", "foreignObject", "CDATA", "<img", "src=", "alert"]
            {
                assert!(!outside.contains(word), "{word} outside the title: {svg}");
            }
        }
    }
}

#[test]
fn the_ui_has_no_unwrap_or_expect_outside_tests() {
    let files = rust_files(&root().join("src/ui"));
    assert!(files.len() > 10, "expected the UI's sources under src/ui");
    let mut found = Vec::new();
    for path in &files {
        for (line, method) in panicking_calls(&read(path)) {
            found.push(format!("{}:{line}: .{method}(", relative(path)));
        }
    }
    assert!(
        found.is_empty(),
        "unwrap/expect in UI code (a panic aborts the app): handle the error, or fall back \
         (unwrap_or, match, let-else):\n{}",
        found.join("\n")
    );
}

// ──────────────────────────────────────────────────────────────── the scanner, tested

const SAMPLE: &str = r####"
// a comment: x.unwrap() and inner_html
/* block /* nested .expect("x") */ still comment .unwrap() */
fn real() {
    let a = b.unwrap();
    let s = "a string .unwrap() { not a brace";
    let r = r#"raw "quoted" .expect("no") }"#;
    let c = '{';
    let d = '\'';
    let e = '\u{7B}';
    let f = x.unwrap_or(1).expect_err("named").unwrap_or_default();
    let g: &'static str = y
        .expect("line 14");
}

#[cfg(test)]
mod tests {
    fn helper() { let z = q.unwrap(); let w = '}'; }
    #[test]
    fn t() { r.expect("fine in tests"); }
}

#[cfg(test)]
fn keys(v: &[u8; 3]) -> Vec<u8> { v.iter().copied().collect::<Vec<_>>().first().copied().unwrap(); vec![] }

#[cfg(test)]
use something::unwrap;

impl Thing {
    fn after_the_tests(&self) -> u8 { self.0.unwrap() }
    #[test]
    fn inline_test() { self.unwrap(); }
    #[cfg(all(test, feature = "x"))]
    fn gated() { self.unwrap(); }
    fn html(&self) { view! { <div inner_html=svg></div> }; el.set_inner_html(&s); }
}
"####;

#[test]
fn the_scanner_skips_comments_strings_and_test_code_only() {
    assert_eq!(panicking_calls(SAMPLE), [(5, "unwrap"), (13, "expect"), (30, "unwrap")]);
    let html: Vec<(usize, String)> =
        raw_html_uses(SAMPLE).into_iter().map(|(l, name, _)| (l, name)).collect();
    assert_eq!(html, [(35, "inner_html".to_owned()), (35, "set_inner_html".to_owned())]);
    // Blanking keeps every line where it was.
    assert_eq!(blank(SAMPLE, true).iter().filter(|&&c| c == '\n').count(), SAMPLE.lines().count());
}
