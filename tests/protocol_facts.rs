//! What generating the facts cannot cover. `js/facts.js`, the facts block of `js/index.d.ts` and
//! the error-kinds tables are written from the Rust core (`xtask/`), and `make test` fails when a
//! committed copy is stale; these tests check the rest:
//!
//! - `ErrorKind::ALL` holds every variant once (a new variant must be placed in the docs' order);
//! - the name lists `pair` and `authHeaders` take fit the call options;
//! - the hand-written JS takes its facts from `facts.js` instead of writing them again.

use std::path::Path;

use anytype_auth::error::ErrorKind;
use anytype_auth::internal::facts::{AUTH_HEADERS_OPTION_NAMES, DEFAULT_MAX_ATTEMPTS, MAX_ATTEMPTS_MAX, PAIR_NAMES};
use anytype_auth::internal::input::{API_KEY_MAX_LEN, API_VERSION_MAX_LEN};
use anytype_auth::internal::messages;
use anytype_auth::internal::options::{DEFAULT_API_VERSION, OPTION_NAMES};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: cannot be read ({e})", path.display()))
}

/// Every file under `dir` (relative to the crate) whose name ends with `.js` or `.mjs`, sorted.
fn js_files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "vendor" && name != "node_modules" {
                    pending.push(path);
                }
            } else if name.ends_with(".js") || name.ends_with(".mjs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The place of `kind` in the docs' table. Exhaustive: a new variant does not compile until it
/// has a place here and in `ErrorKind::ALL`.
fn table_position(kind: ErrorKind) -> usize {
    match kind {
        ErrorKind::InvalidInput => 0,
        ErrorKind::WasmUnavailable => 1,
        ErrorKind::Unreachable => 2,
        ErrorKind::Timeout => 3,
        ErrorKind::Aborted => 4,
        ErrorKind::OriginNotAllowed => 5,
        ErrorKind::CodeRejected => 6,
        ErrorKind::ChallengeRefused => 7,
        ErrorKind::Unauthorized => 8,
        ErrorKind::RateLimited => 9,
        ErrorKind::NotSupported => 10,
        ErrorKind::BadRequest => 11,
        ErrorKind::ServerError => 12,
        ErrorKind::InvalidResponse => 13,
    }
}

#[test]
fn error_kind_all_holds_every_variant_once_in_table_order() {
    let positions: Vec<usize> = ErrorKind::ALL.iter().map(|kind| table_position(*kind)).collect();
    assert_eq!(positions, (0..ErrorKind::ALL.len()).collect::<Vec<_>>(), "src/error.rs: ErrorKind::ALL is not every variant in order");
}

#[test]
fn option_name_lists_fit_together() {
    for name in PAIR_NAMES {
        assert!(!OPTION_NAMES.contains(&name), "src/facts.rs: PAIR_NAMES repeats the call option {name:?}");
    }
    for name in AUTH_HEADERS_OPTION_NAMES {
        assert!(OPTION_NAMES.contains(&name), "src/facts.rs: AUTH_HEADERS_OPTION_NAMES has {name:?}, which is no call option");
    }
    assert!((1..=MAX_ATTEMPTS_MAX).contains(&DEFAULT_MAX_ATTEMPTS), "src/facts.rs: DEFAULT_MAX_ATTEMPTS is outside 1..=MAX_ATTEMPTS_MAX");
}

/// The generated facts that `text` writes again, each with where to take it from instead.
fn copies_in(text: &str) -> Vec<(String, &'static str)> {
    let kinds_in_a_row = format!("'{}', '{}'", ErrorKind::ALL[0].as_str(), ErrorKind::ALL[1].as_str());
    let forbidden = [
        (DEFAULT_API_VERSION.to_owned(), "DEFAULTS.apiVersion"),
        (format!("{{1,{API_KEY_MAX_LEN}}}"), "LIMITS.apiKeyMaxLength"),
        (format!("{{1,{API_VERSION_MAX_LEN}}}"), "LIMITS.apiVersionMaxLength"),
        (kinds_in_a_row.replace('\'', "\""), "ERROR_KINDS"),
        (kinds_in_a_row, "ERROR_KINDS"),
        (format!("'{}', '{}'", OPTION_NAMES[0], OPTION_NAMES[1]), "the option names of facts.js"),
        (messages::OPTIONS_NOT_PLAIN.to_owned(), "MESSAGES"),
        (messages::WASM_NONE.get(..60).unwrap_or_default().to_owned(), "MESSAGES"),
    ];
    forbidden.into_iter().filter(|(copy, _)| text.contains(copy.as_str())).collect()
}

/// The hand-written JS of the package, the demo and the example extension writes none of the
/// generated facts again: no default API version, no input cap of the core, no kind list or
/// option list, no message of the core. (The stand-in keeps its own numbers on purpose: it plays
/// the server.)
#[test]
fn hand_written_js_takes_its_facts_from_facts_js() {
    let files: Vec<_> = js_files("js").into_iter().chain(js_files("www")).filter(|path| !path.ends_with("js/facts.js")).collect();
    assert!(files.len() >= 10, "only {} JS files found", files.len());
    let mut problems = Vec::new();
    for path in files {
        for (copy, source) in copies_in(&read(&path)) {
            problems.push(format!("{}: writes {copy:?}; take it from {source} instead", path.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The check above notices each kind of copy.
#[test]
fn a_hand_written_copy_is_noticed() {
    let plain_api = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("js/plain-api.js"));
    assert_eq!(copies_in(&plain_api), vec![]);
    let drifts = [
        ("DEFAULTS.apiVersion", format!("'{DEFAULT_API_VERSION}'")),
        ("LIMITS.apiKeyMaxLength", format!("{{1,{API_KEY_MAX_LEN}}}")),
        ("PAIR_OPTION_NAMES", format!("['appName', '{}', '{}']", OPTION_NAMES[0], OPTION_NAMES[1])),
        ("MESSAGES.optionsNotPlain", format!("'{}'", messages::OPTIONS_NOT_PLAIN)),
    ];
    for (name, copy) in drifts {
        assert!(plain_api.contains(name), "js/plain-api.js no longer uses {name}: update this test");
        assert_eq!(copies_in(&plain_api.replacen(name, &copy, 1)).len(), 1, "{copy} went unnoticed");
    }
    let kinds = format!("{:?}", ErrorKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>());
    assert_eq!(copies_in(&kinds).len(), 1, "a list of the kinds went unnoticed");
}
