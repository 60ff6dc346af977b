//! Merges the plan's TOML files (data/plans/<plan>/) into one JSON document that the engine embeds.
//! The build only checks TOML syntax; the engine's own validation (a native test) checks meaning.
//! For the web app it also splits the measures' full texts off into a file fetched on demand.

use std::{env, fs, path::Path};

fn main() {
    // The splitter (wasm-split-cli, run by scripts/split_wasm.py) needs the linker's relocations.
    // Only for the web app's wasm with the `split` feature: as a rustflag it would rebuild every
    // dependency, and wasm-opt refuses a module that keeps its linking section.
    if env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32")
        && env::var_os("CARGO_FEATURE_SPLIT").is_some()
    {
        println!("cargo:rustc-link-arg-bin=qinzhou-incentives=--emit-relocs");
    }
    // The one plan shipped today; its folder holds plan.toml, incentives.toml, measures/ and source/.
    let data = Path::new("data/plans/qinzhou-yixianyiye-2023-2025");
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
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out_dir);
    let full = serde_json::Value::Object(merged.clone()).to_string();
    fs::write(out.join("policy.json"), &full).expect("write policy.json");

    // The web app loads only what its first screen needs: the measures' full texts and notes
    // (about half of the plan's bytes) go to a file of their own that the app fetches when a
    // screen first shows or searches them. `policy-lite.json` is the plan without them;
    // `measure-texts.json` maps each measure number to its `text` and `notes`.
    let mut texts = serde_json::Map::new();
    if let Some(serde_json::Value::Array(measures)) = merged.get_mut("measures") {
        for measure in measures.iter_mut().filter_map(serde_json::Value::as_object_mut) {
            let mut prose = serde_json::Map::new();
            for field in ["text", "notes"] {
                if let Some(value) = measure.remove(field) {
                    prose.insert(field.to_owned(), value);
                }
            }
            let number = measure.get("number").and_then(|n| n.as_str()).unwrap_or_default();
            texts.insert(number.to_owned(), serde_json::Value::Object(prose));
        }
    }
    let lite = serde_json::Value::Object(merged).to_string();
    fs::write(out.join("policy-lite.json"), lite).expect("write policy-lite.json");
    let texts = serde_json::Value::Object(texts).to_string();
    fs::write(out.join("measure-texts.json"), &texts).expect("write measure-texts.json");
    // Named by its contents, so a new deploy's texts are never an old cached copy.
    let name = format!("measure-texts-{:016x}.json", fnv1a(texts.as_bytes()));
    fs::write(out.join("measure-texts-name.txt"), &name).expect("write measure-texts-name.txt");
    // For the web build, a copy next to the wasm (<target>/wasm32-unknown-unknown/<profile>/):
    // scripts/post-build.py copies the file named in `measure-texts.current` into dist.
    if env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        if let Some(profile_dir) = out.ancestors().nth(3) {
            let write_atomic = |file: &str, contents: &str| {
                let tmp = profile_dir.join(format!("{file}.{}.tmp", std::process::id()));
                fs::write(&tmp, contents).expect("write into the target dir");
                fs::rename(&tmp, profile_dir.join(file)).expect("rename into the target dir");
            };
            write_atomic(&name, &texts);
            write_atomic("measure-texts.current", &name);
        }
    }
}

/// FNV-1a, 64 bits: a content hash for a file name (no dependency needed).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
