//! The engine knows nothing of the browser: no leptos, web_sys, js_sys, gloo or wasm_bindgen
//! in `src/engine` (outside comments), so it runs natively, in tests and in the CLI.

use std::fs;
use std::path::Path;

const BROWSER_CRATES: [&str; 5] = ["leptos", "web_sys", "js_sys", "gloo", "wasm_bindgen"];

#[test]
fn the_engine_uses_no_browser_crate() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut found = Vec::new();
    let mut files = 0;
    for entry in fs::read_dir(&dir).expect("src/engine exists") {
        let path = entry.expect("a readable entry").path();
        if path.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        files += 1;
        let text = fs::read_to_string(&path).expect("a readable source file");
        for (number, line) in text.lines().enumerate() {
            // Only code counts: the module docs may name what the engine avoids.
            let code = line.split("//").next().unwrap_or("");
            for name in BROWSER_CRATES {
                let hyphenated = name.replace('_', "-");
                if code.contains(name) || code.contains(&hyphenated) {
                    found.push(format!("{}:{}: {}", path.display(), number + 1, line.trim()));
                }
            }
        }
    }
    assert!(files > 5, "expected the engine's source files in {}", dir.display());
    assert!(found.is_empty(), "browser crates in the engine:\n{}", found.join("\n"));
}
