//! Merges the plan's TOML files (data/) into one JSON document that the engine embeds.
//! The build only checks TOML syntax; the engine's own validation (a native test) checks meaning.

use std::{env, fs, path::Path};

fn main() {
    let data = Path::new("data");
    println!("cargo:rerun-if-changed=data");
    let mut merged = serde_json::Map::new();
    let mut files: Vec<_> = Vec::new();
    files.push(data.join("plan.toml"));
    files.push(data.join("incentives.toml"));
    let mut measure_files: Vec<_> = fs::read_dir(data.join("measures"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    measure_files.sort();
    files.extend(measure_files);

    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        let Ok(text) = fs::read_to_string(&file) else {
            // A missing file is reported by the engine's validation, not here.
            continue;
        };
        let value: toml::Value = match toml::from_str(&text) {
            Ok(v) => v,
            Err(e) => panic!("{}: {e}", file.display()),
        };
        let json = serde_json::to_value(value).expect("TOML converts to JSON");
        if let serde_json::Value::Object(map) = json {
            for (key, value) in map {
                match (merged.get_mut(&key), value) {
                    // Arrays of tables (e.g. [[measures]]) from several files are concatenated.
                    (Some(serde_json::Value::Array(existing)), serde_json::Value::Array(more)) => {
                        existing.extend(more)
                    }
                    (Some(_), _) => {
                        panic!("{}: top-level key `{key}` is defined twice", file.display())
                    }
                    (None, value) => {
                        merged.insert(key, value);
                    }
                }
            }
        }
    }
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("policy.json");
    fs::write(out, serde_json::Value::Object(merged).to_string()).expect("write policy.json");
}
