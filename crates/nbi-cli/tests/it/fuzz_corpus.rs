//! The fuzz corpus, replayed on stable: every input under `fuzz/corpus/<target>/` (what the
//! fuzzer kept) and `fuzz/regressions/<target>/` (inputs that once crashed a target) goes
//! through the very harness the fuzz targets run (`fuzz/harness.rs`) and must return cleanly.

use std::path::{Path, PathBuf};

#[path = "../../../../fuzz/harness.rs"]
mod harness;

fn inputs(target: &str) -> Vec<PathBuf> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut files: Vec<PathBuf> = ["corpus", "regressions"]
        .iter()
        .filter_map(|kind| std::fs::read_dir(fuzz.join(kind).join(target)).ok())
        .flatten()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

fn replay(target: &str, run: fn(&[u8])) {
    let files = inputs(target);
    assert!(!files.is_empty(), "no corpus for fuzz target {target}");
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        if std::panic::catch_unwind(|| run(&bytes)).is_err() {
            panic!("fuzz target {target} panics on {}", path.display());
        }
    }
}

#[test]
fn xml_reader_corpus() {
    replay("xml_reader", harness::xml_reader);
}

#[test]
fn normalizer_corpus() {
    replay("normalizer", harness::normalizer);
}

#[test]
fn problem_details_corpus() {
    replay("problem_details", harness::problem_details);
}

#[test]
fn webhook_verify_corpus() {
    replay("webhook_verify", harness::webhook_verify);
}

#[test]
fn settings_corpus() {
    replay("settings", harness::settings);
}
