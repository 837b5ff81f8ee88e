//! Replays the fuzz seed corpus (`fuzz/corpus/<target>/*`, including the regression inputs
//! named `regression-*`) through the same checks the cargo-fuzz targets run, with stable
//! `cargo test`: no nightly and no cargo-fuzz needed.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

/// Runs `check` on every file of `fuzz/corpus/<target>/`, naming the file that breaks it.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).map(|entry| entry.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 5, "{target}: the seed corpus is missing");
    for file in files {
        let data = std::fs::read(&file).unwrap();
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            panic!("{} breaks a property of the {target} target", file.display());
        }
    }
}

#[test]
fn classify_corpus() {
    replay("classify", checks::classify);
}

#[test]
fn wire_corpus() {
    replay("wire", checks::wire);
}

#[test]
fn input_corpus() {
    replay("input", checks::input);
}

#[test]
fn base_url_corpus() {
    replay("base_url", checks::base_url);
}

#[test]
fn redact_corpus() {
    replay("redact", checks::redact);
}
