//! Timing loop for `evaluate`: every incentive of the plan for one profile, natively.
//! Run by `scripts/bench-engine` (release mode); prints a Markdown table of percentiles per
//! example profile. Goal: a median ≤ 50 µs.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use qinzhou_incentives::engine::{evaluate, Date, Policy, Profile};

const WARM_UP: usize = 2_000;
const SAMPLES: usize = 20_000;

fn main() {
    let policy = match Policy::embedded() {
        Ok(policy) => policy,
        Err(error) => {
            eprintln!("engine_bench: {error}");
            std::process::exit(1);
        }
    };
    let day = Date { year: 2024, month: 6, day: 1 };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/profiles");
    let mut paths: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(error) => {
            eprintln!("engine_bench: {}: {error}", dir.display());
            std::process::exit(1);
        }
    };
    paths.retain(|p| p.extension().is_some_and(|x| x == "json"));
    paths.sort();

    println!("| profile | incentives evaluated | median | p90 | p99 | max |");
    println!("|---|--:|--:|--:|--:|--:|");
    let mut all = Vec::with_capacity(SAMPLES * paths.len());
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let profile = match Profile::from_json_with(policy, &text) {
            Ok(profile) => profile,
            Err(error) => {
                eprintln!("engine_bench: {}: {error}", path.display());
                std::process::exit(1);
            }
        };
        for _ in 0..WARM_UP {
            black_box(evaluate(black_box(policy), black_box(&profile), day));
        }
        let mut samples = Vec::with_capacity(SAMPLES);
        for _ in 0..SAMPLES {
            let start = Instant::now();
            let report = evaluate(black_box(policy), black_box(&profile), day);
            samples.push(start.elapsed().as_nanos());
            black_box(report);
        }
        samples.sort_unstable();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        println!(
            "| `{name}` | {} | {} | {} | {} | {} |",
            policy.incentives.len(),
            micros(percentile(&samples, 50)),
            micros(percentile(&samples, 90)),
            micros(percentile(&samples, 99)),
            micros(samples.last().copied().unwrap_or(0)),
        );
        all.extend(samples);
    }
    all.sort_unstable();
    println!(
        "| **all profiles** | {} | **{}** | {} | {} | {} |",
        policy.incentives.len(),
        micros(percentile(&all, 50)),
        micros(percentile(&all, 90)),
        micros(percentile(&all, 99)),
        micros(all.last().copied().unwrap_or(0)),
    );
}

fn percentile(sorted: &[u128], p: usize) -> u128 {
    if sorted.is_empty() {
        return 0;
    }
    sorted[(sorted.len() - 1) * p / 100]
}

fn micros(nanos: u128) -> String {
    format!("{:.1} µs", nanos as f64 / 1000.0)
}
