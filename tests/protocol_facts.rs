//! One source for the protocol's facts.
//!
//! The error kinds, option names, defaults, header names, paths and input limits are written once,
//! in the Rust core (`src/error.rs`, `src/options.rs`, `src/input.rs`, `src/request.rs`,
//! `src/base_url.rs`). The types (`js/index.d.ts`), the plain-JS API (`js/plain-api.js`), the
//! README, the demo page, the example extension, the stand-in's docs, the fetch baseline and the
//! wasm layer's JS strings repeat them by hand. Each test here reads one of those files, parses
//! the copy precisely and compares it with the constant; every problem names the file, what
//! differs and the fix.
//!
//! The `drift_*` tests run the same checks on a copy of the real file with one deliberate drift
//! and expect a problem, so that a check which can no longer fail (its parser found nothing, say)
//! is noticed too. The `parser_*` tests pin the small parsers on hand-written snippets.
//!
//! No JS file imports anything generated: `js/plain-api.js` must stay import-free (finish-pkg
//! inlines it), `js/index.d.ts` and `www/` are shipped or served as written, so a test is the one
//! tie that needs no build step.

use std::fmt::{Debug, Display};
use std::path::Path;

use anytype_auth::base_url::{BaseUrl, BASE_URL_MAX_LEN, BASE_URL_RULE, DEFAULT_BASE_URL};
use anytype_auth::error::{Error, ErrorKind};
use anytype_auth::input::{
    self, API_KEY_MAX_LEN, API_VERSION_MAX_LEN, APP_NAME_MAX_CHARS, CHALLENGE_ID_MAX_LEN, CODE_DIGITS, CODE_RULE, MAX_ATTEMPTS_MAX,
    TIMEOUT_MAX_MS, TIMEOUT_RULE,
};
use anytype_auth::limits::{
    CHALLENGES_PER_RUN_V047, CODE_MINUTES, PENDING_SECONDS, REQUESTS_PER_CALLER, REQUESTS_PER_RUN, TRIES_PER_CHALLENGE, WRONG_CODES_LOCK,
};
use anytype_auth::options::{
    AUTH_HEADERS_OPTION_NAMES, DEFAULT_API_VERSION, DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_MS, OPTION_NAMES, PAIR_NAMES,
};
use anytype_auth::request::{
    ANYTYPE_VERSION, API_KEYS_PATH, AUTHORIZATION, CHALLENGES_PATH, CHECK_PATH, CONTENT_TYPE, JSON_MEDIA_TYPE, VERIFY_PATH, WHOAMI_PATH,
};

/// API versions the docs and tests name on purpose besides [`DEFAULT_API_VERSION`]: Anytype
/// v0.41–v0.46.2's. When the default moves on, add the old one here.
const OTHER_API_VERSIONS: [&str; 1] = ["2025-05-20"];

/// The `as_str` names of [`ErrorKind::ALL`], in its order.
fn kinds() -> Vec<&'static str> {
    ErrorKind::ALL.iter().map(|k| k.as_str()).collect()
}

// ---- checks ------------------------------------------------------------------------------------

/// The problems found in one or more files. Each names its file, what differs and the fix.
struct Check {
    file: String,
    problems: Vec<String>,
}

impl Check {
    fn new(file: &str) -> Check {
        Check { file: file.to_owned(), problems: Vec::new() }
    }

    /// Later problems are about `file`.
    fn file(&mut self, file: &str) {
        self.file = file.to_owned();
    }

    fn problem(&mut self, what: &str, detail: impl Display, fix: &str) {
        self.problems.push(format!("{}: {what}: {detail}. Fix: {fix}", self.file));
    }

    /// `parsed`'s value, or a problem saying the copy could not be found where this test looks.
    fn parsed<T>(&mut self, what: &str, parsed: Result<T, String>) -> Option<T> {
        parsed
            .map_err(|e| {
                self.problem(what, format!("cannot be parsed ({e})"), "keep the form tests/protocol_facts.rs parses, or update its parser")
            })
            .ok()
    }

    fn eq<T: PartialEq + Debug>(&mut self, what: &str, found: T, expected: T, source: &str, fix: &str) {
        if found != expected {
            self.problem(what, format!("is {found:?}, but {source} is {expected:?}"), fix);
        }
    }

    /// `found` must hold exactly `expected`, each once; in the same order when `ordered`.
    fn list(&mut self, what: &str, found: &[String], expected: &[&str], ordered: bool, source: &str, fix: &str) {
        let missing: Vec<&&str> = expected.iter().filter(|e| !found.iter().any(|f| f == *e)).collect();
        let extra: Vec<&String> = found.iter().filter(|f| !expected.contains(&f.as_str())).collect();
        let twice: Vec<&String> = found.iter().enumerate().filter(|(i, f)| found[..*i].contains(f)).map(|(_, f)| f).collect();
        let mut detail = Vec::new();
        if !missing.is_empty() {
            detail.push(format!("lacks {missing:?}"));
        }
        if !extra.is_empty() {
            detail.push(format!("has {extra:?}, which {source} does not"));
        }
        if !twice.is_empty() {
            detail.push(format!("has {twice:?} more than once"));
        }
        if detail.is_empty() && ordered && found.iter().map(String::as_str).ne(expected.iter().copied()) {
            detail.push(format!("is in the order {found:?}, but {source} is {expected:?}"));
        }
        if !detail.is_empty() {
            self.problem(what, detail.join("; "), fix);
        }
    }

    /// `text` must contain `phrase`, whitespace runs counting as one space (prose is wrapped).
    fn says(&mut self, what: &str, text: &str, phrase: &str, source: &str, fix: &str) {
        if !squash(text).contains(&squash(phrase)) {
            self.problem(what, format!("does not say {phrase:?} ({source})"), fix);
        }
    }

    /// Panics with every problem.
    #[track_caller]
    fn assert_ok(self) {
        if !self.problems.is_empty() {
            panic!("{} problem(s):\n- {}\n", self.problems.len(), self.problems.join("\n- "));
        }
    }

    /// Panics unless some problem mentions `file` and `needle`: the check saw a drift.
    #[track_caller]
    fn assert_fails(self, file: &str, needle: &str) {
        assert!(
            self.problems.iter().any(|p| p.starts_with(file) && p.contains(needle)),
            "the drift in {file} (around {needle:?}) went unnoticed; problems: {:#?}",
            self.problems
        );
    }
}

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap_or_else(|e| panic!("{path}: cannot be read ({e})"))
}

/// Every file under `dir` (relative to the crate) whose name ends with one of `exts`, sorted.
fn files(dir: &str, exts: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![dir.to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(root.join(&dir)).unwrap_or_else(|e| panic!("{dir}: cannot be listed ({e})")) {
            let entry = entry.unwrap();
            let path = format!("{dir}/{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                dirs.push(path);
            } else if exts.iter().any(|ext| path.ends_with(ext)) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

// ---- parsers -----------------------------------------------------------------------------------

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn excerpt(text: &str) -> String {
    text.chars().take(40).collect()
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

/// The index of the one occurrence of `marker` in `text`.
fn find_one(text: &str, marker: &str) -> Result<usize, String> {
    match text.match_indices(marker).map(|(i, _)| i).collect::<Vec<_>>()[..] {
        [at] => Ok(at),
        [] => Err(format!("no {marker:?}")),
        ref many => Err(format!("{marker:?} {} times", many.len())),
    }
}

/// The text after the one `from` up to the first `to` after it.
fn between<'a>(text: &'a str, from: &str, to: &str) -> Result<&'a str, String> {
    let start = find_one(text, from)? + from.len();
    let end = text[start..].find(to).ok_or_else(|| format!("no {to:?} after {from:?}"))?;
    Ok(&text[start..start + end])
}

/// The index just past the string literal, template literal or comment that starts at `i`, if any.
fn skip_token(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    match b[i] {
        quote @ (b'\'' | b'"' | b'`') => {
            let mut j = i + 1;
            while j < b.len() {
                match b[j] {
                    b'\\' => j += 2,
                    c if c == quote => return Some(j + 1),
                    _ => j += 1,
                }
            }
            Some(b.len())
        }
        b'/' if b.get(i + 1) == Some(&b'/') => Some(text[i..].find('\n').map_or(text.len(), |n| i + n)),
        b'/' if b.get(i + 1) == Some(&b'*') => Some(text[i + 2..].find("*/").map_or(text.len(), |n| i + 2 + n + 2)),
        _ => None,
    }
}

/// The value of a `'…'` or `"…"` literal (the whole of `literal`).
fn unquote(literal: &str) -> Result<String, String> {
    let quote = literal.chars().next().filter(|q| *q == '\'' || *q == '"').ok_or_else(|| format!("{literal:?} is not a string literal"))?;
    if literal.len() < 2 || skip_token(literal, 0) != Some(literal.len()) || !literal.ends_with(quote) {
        return Err(format!("{literal:?} is not one string literal"));
    }
    let mut out = String::new();
    let mut chars = literal[1..literal.len() - 1].chars();
    while let Some(c) = chars.next() {
        out.push(match c {
            '\\' => match chars.next() {
                Some('n') => '\n',
                Some('t') => '\t',
                Some(other) => other,
                None => '\\',
            },
            c => c,
        });
    }
    Ok(out)
}

/// The index of the bracket that closes the one at `open`, skipping strings and comments.
fn closing(text: &str, open: usize) -> Result<usize, String> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    while i < b.len() {
        if let Some(end) = skip_token(text, i) {
            i = end;
            continue;
        }
        match b[i] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    Err(format!("no bracket closes the one at {:?}", excerpt(&text[open..])))
}

/// The items of a JS array body (the text between `[` and `]`): string literals and nothing else.
fn only_literals(body: &str) -> Result<Vec<String>, String> {
    body.split(',').map(str::trim).filter(|item| !item.is_empty()).map(unquote).collect()
}

/// One member of a JS object literal or a TS object type / interface.
#[derive(Debug)]
struct Member {
    name: String,
    optional: bool,
    /// The `/** … */` comment just before it, if any.
    doc: String,
    value: String,
}

/// The members of the object literal or type whose `{` is at `open`: `name: value` or
/// `"name"?: type`, separated by `,` or `;`. Refuses anything else (spreads, methods).
fn members(text: &str, open: usize) -> Result<Vec<Member>, String> {
    let close = closing(text, open)?;
    let body = &text[open + 1..close];
    let b = body.as_bytes();
    let skip_space = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    let (mut out, mut doc, mut i) = (Vec::new(), String::new(), 0);
    loop {
        i = skip_space(i);
        if i >= b.len() {
            return Ok(out);
        }
        if body[i..].starts_with("//") || body[i..].starts_with("/*") {
            let end = skip_token(body, i).unwrap();
            if body[i..].starts_with("/**") {
                doc = body[i..end].to_owned();
            }
            i = end;
            continue;
        }
        let (name, after) = if b[i] == b'\'' || b[i] == b'"' {
            let end = skip_token(body, i).unwrap();
            (unquote(&body[i..end])?, end)
        } else {
            let len = body[i..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$')).unwrap_or(body.len() - i);
            if len == 0 {
                return Err(format!("expected a member name at {:?}", excerpt(&body[i..])));
            }
            (body[i..i + len].to_owned(), i + len)
        };
        i = skip_space(after);
        let optional = b.get(i) == Some(&b'?');
        i = skip_space(i + usize::from(optional));
        if b.get(i) != Some(&b':') {
            return Err(format!("expected ':' after member {name:?}"));
        }
        let start = i + 1;
        let mut depth = 0i32;
        i = start;
        while i < b.len() {
            if let Some(end) = skip_token(body, i) {
                i = end;
                continue;
            }
            match b[i] {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth -= 1,
                b',' | b';' if depth == 0 => break,
                _ => {}
            }
            i += 1;
        }
        out.push(Member { name, optional, doc: std::mem::take(&mut doc), value: body[start..i.min(b.len())].trim().to_owned() });
        i += 1;
    }
}

/// The members of the object or type whose `{` is the first one at or after the one `marker`.
fn members_after(text: &str, marker: &str) -> Result<Vec<Member>, String> {
    let at = find_one(text, marker)?;
    let open = at + text[at..].find('{').ok_or_else(|| format!("no '{{' after {marker:?}"))?;
    members(text, open)
}

fn names(members: &[Member]) -> Vec<String> {
    members.iter().map(|m| m.name.clone()).collect()
}

fn member<'a>(members: &'a [Member], name: &str) -> Result<&'a Member, String> {
    members.iter().find(|m| m.name == name).ok_or_else(|| format!("no member {name:?}"))
}

/// The string literals of `export type <name> = | "a" | "b";`; anything but a literal is an error.
fn ts_union(text: &str, name: &str) -> Result<Vec<String>, String> {
    between(text, &format!("export type {name} ="), ";")?.split('|').map(str::trim).filter(|p| !p.is_empty()).map(unquote).collect()
}

/// The `/** … */` comment just before the one `marker`.
fn jsdoc_before<'a>(text: &'a str, marker: &str) -> Result<&'a str, String> {
    let at = find_one(text, marker)?;
    let start = text[..at].rfind("/**").ok_or_else(|| format!("no /** before {marker:?}"))?;
    let doc = &text[start..at];
    if !doc.trim_end().ends_with("*/") {
        return Err(format!("code between the comment and {marker:?}"));
    }
    Ok(doc)
}

/// The raw value of `const <name> = <value>;` (one line, `export` allowed).
fn js_const<'a>(text: &'a str, name: &str) -> Result<&'a str, String> {
    Ok(between(text, &format!("const {name} = "), ";\n")?.trim())
}

/// The first-column kinds of the README's error table, in order.
fn readme_table_kinds(text: &str) -> Result<Vec<String>, String> {
    let header = "| `kind` | when | `status` |";
    let at = find_one(text, header)?;
    let mut lines = text[at..].lines().skip(1);
    if !lines.next().is_some_and(|l| l.starts_with("|---")) {
        return Err("no |---| line under the table's header".into());
    }
    lines
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            let cell = line.split('|').nth(1).unwrap_or("").trim();
            cell.strip_prefix('`')
                .and_then(|c| c.strip_suffix('`'))
                .map(str::to_owned)
                .ok_or_else(|| format!("first cell {cell:?} is not `kind`"))
        })
        .collect()
}

/// `(name, comment)` for each line `name?: type; // comment` of a README TS block from `open`.
fn readme_type_lines(text: &str, open: &str) -> Result<Vec<(String, String)>, String> {
    between(text, open, "\n};")?
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let name = line.trim().split(['?', ':']).next().unwrap_or("").to_owned();
            let comment = line.split_once("//").map(|(_, c)| c.trim().to_owned()).ok_or_else(|| format!("{name}: no // comment"))?;
            Ok((name, comment))
        })
        .collect()
}

/// The names in a destructuring or README signature such as `appName, getCode, maxAttempts?,
/// onChallenge?, ...options` (defaults `= 3` and `?` dropped), and whether `...options` ends it.
fn destructured(list: &str) -> (Vec<String>, bool) {
    let mut items: Vec<&str> = list.split(',').map(str::trim).filter(|i| !i.is_empty()).collect();
    let rest = items.last() == Some(&"...options");
    if rest {
        items.pop();
    }
    (items.iter().map(|i| i.split(['=', '?']).next().unwrap().trim().to_owned()).collect(), rest)
}

/// `(line, date)` for every `dddd-dd-dd` in `text` that is not the date of an RFC 3339 timestamp
/// (`2027-01-01T00:00:00Z`, such as a key's `expiresAt`).
fn dates(text: &str) -> Vec<(usize, String)> {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    (0..b.len().saturating_sub(9))
        .filter(|&i| {
            (i == 0 || !digit(i - 1))
                && !digit(i + 10)
                && b.get(i + 10) != Some(&b'T')
                && (0..10).all(|k| if k == 4 || k == 7 { b[i + k] == b'-' } else { digit(i + k) })
        })
        .map(|i| (line_of(text, i), text[i..i + 10].to_owned()))
        .collect()
}

/// `(line, n)` for every `n-digit`, `n digit` or `n digits` in `text`.
fn digit_phrases(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for marker in ["-digit", " digit"] {
        for (at, _) in text.match_indices(marker) {
            let start = text[..at].trim_end_matches(|c: char| c.is_ascii_digit()).len();
            if start < at && !text[..start].ends_with(|c: char| c.is_alphanumeric() || c == '.') {
                out.push((line_of(text, at), text[start..at].parse().unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// `(line, kind)` for every error kind named in `text`: `kind === 'x'` (also `==`, `!==`, `!=`),
/// ``kind `"x"` `` and `kind "x"` in prose; in JS (`js` true) also `case 'x':` in a
/// `switch (….kind)`, `['x', …].includes(….kind)`, `fail('x'`, `new AnytypeError('x'` and the
/// keys of `ERROR_MESSAGES` and every `…_ERRORS` object.
fn kinds_named(text: &str, js: bool) -> Result<Vec<(usize, String)>, String> {
    let mut out = Vec::new();
    let literal_at = |i: usize| -> Option<String> {
        if i >= text.len() {
            return None;
        }
        let end = skip_token(text, i).filter(|_| matches!(text.as_bytes()[i], b'\'' | b'"'))?;
        unquote(&text[i..end]).ok()
    };
    for (at, _) in text.match_indices("kind") {
        let before = &text[..at];
        if before.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let expression = before.trim_end_matches(|c: char| c.is_alphanumeric() || "_.?".contains(c));
        if expression.trim_end().ends_with("typeof") {
            continue;
        }
        let mut rest = text[at + 4..].trim_start();
        match ["===", "!==", "==", "!="].iter().find(|op| rest.starts_with(**op)) {
            Some(op) => rest = rest[op.len()..].trim_start(),
            None if rest.starts_with(|c: char| c.is_alphanumeric() || c == '_') => continue,
            None => rest = rest.strip_prefix('`').unwrap_or(rest),
        }
        if let Some(kind) = literal_at(text.len() - rest.len()) {
            out.push((line_of(text, at), kind));
        }
    }
    if js {
        for (at, _) in text.match_indices("switch (") {
            let open = at + "switch ".len();
            let close = closing(text, open)?;
            if !text[open..close].contains("kind") {
                continue;
            }
            let brace = close + text[close..].find('{').ok_or("no '{' after switch (…)")?;
            let end = closing(text, brace)?;
            for (case, _) in text[brace..end].match_indices("case ") {
                let i = brace + case + "case ".len();
                out.push((line_of(text, i), literal_at(i).ok_or_else(|| format!("case {:?} is not a literal", excerpt(&text[i..])))?));
            }
        }
        for (at, _) in text.match_indices("].includes(") {
            let argument = &text[at + "].includes(".len()..];
            if !argument[..argument.find(')').unwrap_or(0)].contains("kind") {
                continue;
            }
            let open = text[..at].rfind('[').ok_or("no '[' before ].includes(")?;
            for kind in only_literals(&text[open + 1..at])? {
                out.push((line_of(text, at), kind));
            }
        }
        for call in ["fail(", "new AnytypeError("] {
            for (at, _) in text.match_indices(call) {
                if let Some(kind) = literal_at(at + call.len()) {
                    out.push((line_of(text, at), kind));
                }
            }
        }
        for (at, _) in text.match_indices("const ") {
            let name: String = text[at + 6..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if name == "ERROR_MESSAGES" || name.ends_with("_ERRORS") {
                for m in members_after(&text[at..], &format!("const {name} "))? {
                    out.push((line_of(text, at), m.name));
                }
            }
        }
    }
    Ok(out)
}

// ---- the checks, one per file or scan ----------------------------------------------------------

/// `src/error.rs`: `ErrorKind::ALL` lists every variant of the enum, in declaration order.
fn check_error_enum(text: &str) -> Check {
    let mut c = Check::new("src/error.rs");
    let variants = between(text, "pub enum ErrorKind {", "\n}").map(|body| {
        body.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with("#["))
            .map(|l| l.trim_end_matches(',').to_owned())
            .collect::<Vec<_>>()
    });
    if let Some(variants) = c.parsed("the variants of `enum ErrorKind`", variants) {
        let all: Vec<String> = ErrorKind::ALL.iter().map(|k| format!("{k:?}")).collect();
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        c.list(
            "the variants of `enum ErrorKind`",
            &variants,
            &all,
            true,
            "ErrorKind::ALL",
            "list every variant in ErrorKind::ALL, in the enum's order (that of the README table)",
        );
    }
    c
}

/// `js/index.d.ts`: the kind union, the options and their defaults, pair's and authHeaders'
/// names, the header names and the limits its docs state.
fn check_index_d_ts(text: &str) -> Check {
    let mut c = Check::new("js/index.d.ts");
    if let Some(union) = c.parsed("the `AnytypeErrorKind` union", ts_union(text, "AnytypeErrorKind")) {
        c.list(
            "the `AnytypeErrorKind` union",
            &union,
            &kinds(),
            false,
            "ErrorKind::ALL (src/error.rs)",
            "make the union the as_str names of ErrorKind::ALL, one string literal each",
        );
    }
    if let Some(options) = c.parsed("`interface Options`", members_after(text, "export interface Options {")) {
        let fix = "list exactly options::OPTION_NAMES (src/options.rs), in its order, each optional";
        c.list("the members of `interface Options`", &names(&options), &OPTION_NAMES, true, "options::OPTION_NAMES", fix);
        for m in options.iter().filter(|m| !m.optional) {
            c.problem("`interface Options`", format!("{} is not optional", m.name), fix);
        }
        let doc = |name: &str| member(&options, name).map(|m| m.doc.clone()).unwrap_or_default();
        let fix = "state the default the Rust core applies";
        c.says(
            "the doc of `Options.baseUrl`",
            &doc("baseUrl"),
            &format!("Default `\"{DEFAULT_BASE_URL}\"`"),
            "base_url::DEFAULT_BASE_URL",
            fix,
        );
        c.says(
            "the doc of `Options.apiVersion`",
            &doc("apiVersion"),
            &format!("`{ANYTYPE_VERSION}` header"),
            "request::ANYTYPE_VERSION",
            fix,
        );
        let version = format!("Default `\"{DEFAULT_API_VERSION}\"`");
        c.says("the doc of `Options.apiVersion`", &doc("apiVersion"), &version, "options::DEFAULT_API_VERSION", fix);
        let timeout = format!("Default {DEFAULT_TIMEOUT_MS};");
        c.says("the doc of `Options.timeoutMs`", &doc("timeoutMs"), &timeout, "options::DEFAULT_TIMEOUT_MS", fix);
        let most = format!("at most {TIMEOUT_MAX_MS}.");
        c.says(
            "the doc of `Options.timeoutMs`",
            &doc("timeoutMs"),
            &most,
            "input::TIMEOUT_MAX_MS",
            "state the largest timeoutMs input.rs accepts",
        );
    }
    if let Some(pair) =
        c.parsed("`interface PairRequest extends Options`", members_after(text, "export interface PairRequest extends Options {"))
    {
        let fix = "list exactly options::PAIR_NAMES (src/options.rs) in its order; the rest comes from `extends Options`";
        c.list("the members of `interface PairRequest`", &names(&pair), &PAIR_NAMES, true, "options::PAIR_NAMES", fix);
        let doc = member(&pair, "maxAttempts").map(|m| m.doc.clone()).unwrap_or_default();
        let fix = "state the maxAttempts range and default of js/plain-api.js";
        c.says("the doc of `PairRequest.maxAttempts`", &doc, &format!("from 1 to {MAX_ATTEMPTS_MAX}."), "input::MAX_ATTEMPTS_MAX", fix);
        c.says(
            "the doc of `PairRequest.maxAttempts`",
            &doc,
            &format!("Default {DEFAULT_MAX_ATTEMPTS}."),
            "options::DEFAULT_MAX_ATTEMPTS",
            fix,
        );
    }
    if let Some(options) = c.parsed("`interface AuthHeadersOptions`", members_after(text, "export interface AuthHeadersOptions {")) {
        let source = "options::AUTH_HEADERS_OPTION_NAMES";
        let fix = "list exactly options::AUTH_HEADERS_OPTION_NAMES (src/options.rs)";
        c.list("the members of `interface AuthHeadersOptions`", &names(&options), &AUTH_HEADERS_OPTION_NAMES, true, source, fix);
        let doc = member(&options, "apiVersion").map(|m| m.doc.clone()).unwrap_or_default();
        let version = format!("Default `\"{DEFAULT_API_VERSION}\"`");
        c.says("the doc of `AuthHeadersOptions.apiVersion`", &doc, &version, "options::DEFAULT_API_VERSION", "state the default version");
    }
    if let Some(headers) = c.parsed("`type AuthHeaders`", members_after(text, "export type AuthHeaders = {")) {
        let fix = "name the headers as request::AUTHORIZATION and request::ANYTYPE_VERSION spell them";
        c.list("the keys of `type AuthHeaders`", &names(&headers), &[AUTHORIZATION, ANYTYPE_VERSION], false, "src/request.rs", fix);
    }
    if let Some(doc) = c.parsed("the doc of `authHeaders`", jsdoc_before(text, "export function authHeaders(")) {
        let built = format!("{{ {AUTHORIZATION}: \"Bearer <apiKey>\", \"{ANYTYPE_VERSION}\": \"{DEFAULT_API_VERSION}\" }}");
        let source = "src/request.rs and options::DEFAULT_API_VERSION";
        c.says("the doc of `authHeaders`", doc, &built, source, "show the headers and the default version the core uses");
    }
    if let Some(doc) = c.parsed("the doc of `createChallenge`", jsdoc_before(text, "export function createChallenge(")) {
        let rule = format!("(trimmed, 1–{APP_NAME_MAX_CHARS} characters)");
        c.says("the doc of `createChallenge`", doc, &rule, "input::APP_NAME_MAX_CHARS", "state the appName limit of src/input.rs");
    }
    if let Some(result) = c.parsed("`interface ChallengeResult`", members_after(text, "export interface ChallengeResult {")) {
        let doc = member(&result, "serverVersion").map(|m| m.doc.clone()).unwrap_or_default();
        let header = format!("`{ANYTYPE_VERSION}` response header");
        c.says("the doc of `ChallengeResult.serverVersion`", &doc, &header, "request::ANYTYPE_VERSION", "name the header as the core does");
    }
    c
}

/// `www/error-messages.js`: one entry per kind, and the limits its `invalid_input` text states.
fn check_error_messages_js(text: &str) -> Check {
    let mut c = Check::new("www/error-messages.js");
    if let Some(entries) = c.parsed("`ERROR_MESSAGES`", members_after(text, "export const ERROR_MESSAGES = Object.freeze(")) {
        let fix = "give ERROR_MESSAGES exactly one entry per as_str name of ErrorKind::ALL";
        c.list("the keys of `ERROR_MESSAGES`", &names(&entries), &kinds(), false, "ErrorKind::ALL (src/error.rs)", fix);
        let invalid = member(&entries, "invalid_input").map(|m| m.value.clone()).unwrap_or_default();
        let rule = format!("App names are 1–{APP_NAME_MAX_CHARS} ordinary characters");
        c.says("`ERROR_MESSAGES.invalid_input`", &invalid, &rule, "input::APP_NAME_MAX_CHARS", "state the appName limit of src/input.rs");
    }
    c
}

/// `README.md`: the kind table, the API reference (options, defaults, pair's and authHeaders'
/// names, headers, paths) and the input rules.
fn check_readme(text: &str) -> Check {
    let mut c = Check::new("README.md");
    if let Some(table) = c.parsed("the error table", readme_table_kinds(text)) {
        let fix = "give the table one row per kind, in the order of ErrorKind::ALL";
        c.list("the first column of the error table", &table, &kinds(), true, "ErrorKind::ALL (src/error.rs)", fix);
    }
    let api = c.parsed("the API section", between(text, "\n## API\n", "\n## Where it works\n")).unwrap_or_default();
    if let Some(lines) = c.parsed("the `type Options` block", readme_type_lines(api, "type Options = {\n")) {
        let found: Vec<String> = lines.iter().map(|(name, _)| name.clone()).collect();
        let fix = "list exactly options::OPTION_NAMES (src/options.rs), in its order";
        c.list("the members of `type Options`", &found, &OPTION_NAMES, true, "options::OPTION_NAMES", fix);
        let comment = |name: &str| lines.iter().find(|(n, _)| n == name).map(|(_, c)| c.clone()).unwrap_or_default();
        let fix = "state the default the Rust core applies";
        c.says("the `baseUrl` line", &comment("baseUrl"), &format!("default \"{DEFAULT_BASE_URL}\""), "base_url::DEFAULT_BASE_URL", fix);
        let version = format!("default \"{DEFAULT_API_VERSION}\", sent as the {ANYTYPE_VERSION} header");
        c.says("the `apiVersion` line", &comment("apiVersion"), &version, "options::DEFAULT_API_VERSION, request::ANYTYPE_VERSION", fix);
        let timeout = format!("default {DEFAULT_TIMEOUT_MS}, 0 = no timeout, at most {TIMEOUT_MAX_MS}");
        c.says("the `timeoutMs` line", &comment("timeoutMs"), &timeout, "options::DEFAULT_TIMEOUT_MS, input::TIMEOUT_MAX_MS", fix);
    }
    if let Some(list) = c.parsed("the `pair(…)` signature", between(api, "\npair({", "})")) {
        let (found, rest) = destructured(list);
        let fix = "write pair({ <options::PAIR_NAMES in order, optional ones with ?>, ...options })";
        c.list("the names in the `pair(…)` signature", &found, &PAIR_NAMES, true, "options::PAIR_NAMES", fix);
        c.eq("the `pair(…)` signature ends with `...options`", rest, true, "PairRequest extends Options", fix);
    }
    if let Some(list) = c.parsed("the `authHeaders(…)` signature", between(api, "\nauthHeaders(apiKey: string, {", "}?)")) {
        let (found, _) = destructured(list);
        let source = "options::AUTH_HEADERS_OPTION_NAMES";
        c.list("the options in the `authHeaders(…)` signature", &found, &AUTH_HEADERS_OPTION_NAMES, true, source, "list its options");
    }
    if let Some(headers) = c.parsed("the `authHeaders(…)` result type", members_after(api, "}?): {")) {
        let fix = "name the headers as src/request.rs spells them";
        c.list(
            "the keys of the `authHeaders(…)` result",
            &names(&headers),
            &[AUTHORIZATION, ANYTYPE_VERSION],
            false,
            "src/request.rs",
            fix,
        );
    }
    let facts = [
        (format!("sends `POST {{baseUrl}}{CHALLENGES_PATH}`"), "request::CHALLENGES_PATH"),
        (format!("sends `POST {{baseUrl}}{API_KEYS_PATH}`"), "request::API_KEYS_PATH"),
        (format!("asks `GET {{baseUrl}}{WHOAMI_PATH}` with `{AUTHORIZATION}: Bearer <key>`"), "request::WHOAMI_PATH, AUTHORIZATION"),
        (format!("it asks `GET {{baseUrl}}{VERIFY_PATH}` once more"), "request::VERIFY_PATH"),
        (format!("one cheap unauthenticated request, `GET {{baseUrl}}{CHECK_PATH}`"), "request::CHECK_PATH"),
        (format!("(trimmed, 1 to {CHALLENGE_ID_MAX_LEN} printable ASCII characters)"), "input::CHALLENGE_ID_MAX_LEN"),
        (format!("(1 to {API_KEY_MAX_LEN} printable ASCII characters)"), "input::API_KEY_MAX_LEN"),
        (
            format!("(a whole number from 1 to {MAX_ATTEMPTS_MAX}, default {DEFAULT_MAX_ATTEMPTS})"),
            "input::MAX_ATTEMPTS_MAX, options::DEFAULT_MAX_ATTEMPTS",
        ),
        (
            format!("returns `{{ {AUTHORIZATION}: \"Bearer <key>\", \"{ANYTYPE_VERSION}\": \"{DEFAULT_API_VERSION}\" }}`"),
            "src/request.rs, options::DEFAULT_API_VERSION",
        ),
        (format!("Every request sends `{ANYTYPE_VERSION}`, and `{CONTENT_TYPE}: {JSON_MEDIA_TYPE}` with a body"), "src/request.rs"),
    ];
    for (phrase, source) in &facts {
        c.says("the API section", api, phrase, source, "say what the Rust core does");
    }
    let rules = c.parsed("the input rules", between(text, "\n### Input rules\n", "\n## ")).unwrap_or_default();
    let facts = [
        (format!("`appName`: a string; trimmed; 1 to {APP_NAME_MAX_CHARS} characters"), "input::APP_NAME_MAX_CHARS"),
        (format!("then exactly {CODE_DIGITS} ASCII digits"), "input::CODE_DIGITS"),
        (
            format!("`challengeId`: a string; trimmed; 1 to {CHALLENGE_ID_MAX_LEN} printable ASCII characters. `apiKey`: the same, 1 to {API_KEY_MAX_LEN}."),
            "input::CHALLENGE_ID_MAX_LEN, input::API_KEY_MAX_LEN",
        ),
        (format!("at most {BASE_URL_MAX_LEN} characters"), "base_url::BASE_URL_MAX_LEN"),
        (format!("`apiVersion`: 1 to {API_VERSION_MAX_LEN} printable ASCII characters"), "input::API_VERSION_MAX_LEN"),
        (format!("`timeoutMs`: an integer from 0 to {TIMEOUT_MAX_MS}."), "input::TIMEOUT_MAX_MS"),
    ];
    for (phrase, source) in &facts {
        c.says("the input rules", rules, phrase, source, "state the limit the Rust core enforces");
    }
    c
}

/// `js/plain-api.js`: pair's keys, authHeaders' option, default version, limits, messages and
/// header names, and pair's maxAttempts rule.
fn check_plain_api(text: &str) -> Check {
    let mut c = Check::new("js/plain-api.js");
    if let Some(keys) = c.parsed("`PAIR_KEYS`", between(text, "const PAIR_KEYS = [", "];").and_then(only_literals)) {
        let expected: Vec<&str> = PAIR_NAMES.iter().chain(OPTION_NAMES.iter()).copied().collect();
        let fix = "make PAIR_KEYS options::PAIR_NAMES followed by options::OPTION_NAMES, in their order (the order of the \"the options are …\" message)";
        c.list("`PAIR_KEYS`", &keys, &expected, true, "PAIR_NAMES + OPTION_NAMES (src/options.rs)", fix);
    }
    let body = c.parsed("the body of `authHeaders`", between(text, "function authHeaders(", "\n  }\n")).unwrap_or_default();
    let keys = between(body, "ownOptions(options, [", "]").and_then(only_literals);
    if let Some(keys) = c.parsed("authHeaders' option names", keys) {
        let fix = "pass exactly options::AUTH_HEADERS_OPTION_NAMES (src/options.rs)";
        c.list("authHeaders' option names", &keys, &AUTH_HEADERS_OPTION_NAMES, true, "options::AUTH_HEADERS_OPTION_NAMES", fix);
    }
    let default = between(body, "apiVersion === undefined ? ", " : ").and_then(unquote);
    if let Some(default) = c.parsed("authHeaders' default version", default) {
        c.eq(
            "authHeaders' default version",
            default.as_str(),
            DEFAULT_API_VERSION,
            "options::DEFAULT_API_VERSION",
            "use the default of src/options.rs",
        );
    }
    let limit = |subject: &str| -> Result<usize, String> {
        let call = format!("}}$/.test({subject})");
        let at = find_one(body, &call)?;
        let start = body[..at].rfind("{1,").ok_or_else(|| format!("no {{1,N}} before {call:?}"))? + 3;
        body[start..at].parse().map_err(|_| format!("{:?} is not a number", &body[start..at]))
    };
    if let Some(n) = c.parsed("authHeaders' apiKey length", limit("key")) {
        c.eq("the {1,N} of the apiKey test", n, API_KEY_MAX_LEN, "input::API_KEY_MAX_LEN", "use the limit of src/input.rs");
    }
    if let Some(n) = c.parsed("authHeaders' apiVersion length", limit("version")) {
        c.eq("the {1,N} of the apiVersion test", n, API_VERSION_MAX_LEN, "input::API_VERSION_MAX_LEN", "use the limit of src/input.rs");
    }
    let messages = [
        ("'apiKey must be 1 to", input::api_key("").map(drop), "input::api_key's message"),
        ("'apiVersion must be 1 to", input::api_version("").map(drop), "input::api_version's message"),
    ];
    for (start, rust, source) in messages {
        let message = find_one(body, start).and_then(|at| unquote(&body[at..skip_token(body, at).unwrap()]));
        if let Some(message) = c.parsed(&format!("the message starting {start}"), message) {
            let rust = rust.expect_err("refused");
            c.eq(
                "the message of the failed test",
                message.as_str(),
                rust.message(),
                source,
                "copy the message of src/input.rs word for word",
            );
        }
    }
    if let Some(headers) = c.parsed("authHeaders' result", members_after(body, "return {")) {
        let fix = "name the headers as request::AUTHORIZATION and request::ANYTYPE_VERSION spell them";
        c.list("the keys of authHeaders' result", &names(&headers), &[AUTHORIZATION, ANYTYPE_VERSION], false, "src/request.rs", fix);
    }
    let pair = c.parsed("the body of `pair`", between(text, "async function pair(", "\n  }\n")).unwrap_or_default();
    let list = find_one(pair, "} = given;").and_then(|end| {
        let start = pair[..end].rfind("const {").ok_or("no `const {` before `} = given;`")? + "const {".len();
        Ok(&pair[start..end])
    });
    if let Some(list) = c.parsed("pair's destructuring", list) {
        let (found, rest) = destructured(list);
        let fix = "destructure options::PAIR_NAMES in order and `...options`";
        c.list("the names pair destructures", &found, &PAIR_NAMES, true, "options::PAIR_NAMES", fix);
        c.eq("pair's destructuring ends with `...options`", rest, true, "the call options", fix);
    }
    let default = between(pair, "maxAttempts = ", ",").map(str::trim);
    if let Some(default) = c.parsed("maxAttempts' default", default) {
        let expected = DEFAULT_MAX_ATTEMPTS.to_string();
        c.eq("maxAttempts' default", default, expected.as_str(), "options::DEFAULT_MAX_ATTEMPTS", "use the default of src/options.rs");
    }
    let below = between(pair, "maxAttempts < ", ")").map(str::trim);
    if let Some(below) = c.parsed("maxAttempts' upper bound", below) {
        let expected = (MAX_ATTEMPTS_MAX + 1).to_string();
        c.eq("the N of `maxAttempts < N`", below, expected.as_str(), "input::MAX_ATTEMPTS_MAX + 1", "use the limit of src/input.rs");
    }
    let rule = format!("maxAttempts must be a whole number from 1 to {MAX_ATTEMPTS_MAX} (default {DEFAULT_MAX_ATTEMPTS}).");
    c.says(
        "pair's maxAttempts message",
        pair,
        &rule,
        "input::MAX_ATTEMPTS_MAX, options::DEFAULT_MAX_ATTEMPTS",
        "state the range and default",
    );
    c
}

/// The demo page: `www/api-key.js`, `www/code-boxes.js`, `www/index.html` and `www/demo.js`.
fn check_demo(api_key_js: &str, code_boxes_js: &str, index_html: &str, demo_js: &str) -> Check {
    let mut c = Check::new("www/api-key.js");
    if let Some(version) = c.parsed("`API_VERSION`", js_const(api_key_js, "API_VERSION").and_then(unquote)) {
        c.eq("`API_VERSION`", version.as_str(), DEFAULT_API_VERSION, "options::DEFAULT_API_VERSION", "show the version the package sends");
    }
    if let Some(url) = c.parsed("`DESKTOP_API_URL`", js_const(api_key_js, "DESKTOP_API_URL").and_then(unquote)) {
        c.eq(
            "`DESKTOP_API_URL`",
            url.as_str(),
            DEFAULT_BASE_URL,
            "base_url::DEFAULT_BASE_URL",
            "use the default baseUrl of src/base_url.rs",
        );
    }
    let snippet = [
        (format!("${{baseUrl}}{VERIFY_PATH}"), "request::VERIFY_PATH"),
        (format!("\"{AUTHORIZATION}\": \"Bearer ${{shownKey}}\""), "request::AUTHORIZATION"),
        (format!("\"{ANYTYPE_VERSION}\": \"${{API_VERSION}}\""), "request::ANYTYPE_VERSION"),
    ];
    for (phrase, source) in &snippet {
        if !api_key_js.contains(phrase.as_str()) {
            c.problem("`usageSnippet`", format!("does not contain {phrase:?} ({source})"), "write the request as the core sends it");
        }
    }
    c.file("www/code-boxes.js");
    if let Some(n) = c.parsed("`CODE_LENGTH`", js_const(code_boxes_js, "CODE_LENGTH")) {
        c.eq("`CODE_LENGTH`", n, CODE_DIGITS.to_string().as_str(), "input::CODE_DIGITS", "use the code length of src/input.rs");
    }
    c.file("www/index.html");
    let app_name = find_one(index_html, "id=\"app-name\"").and_then(|at| {
        let start = index_html[..at].rfind("<input").ok_or("no <input before id=\"app-name\"")?;
        between(&index_html[start..], "maxlength=\"", "\"")
    });
    if let Some(max) = c.parsed("the app name's maxlength", app_name) {
        let expected = APP_NAME_MAX_CHARS.to_string();
        c.eq("the maxlength of #app-name", max, expected.as_str(), "input::APP_NAME_MAX_CHARS", "use the limit of src/input.rs");
    }
    let boxes = index_html.matches("class=\"code-box\"").count();
    c.eq("the number of .code-box inputs", boxes, CODE_DIGITS, "input::CODE_DIGITS", "give one box per digit");
    for i in 1..=CODE_DIGITS {
        let label = format!("aria-label=\"Digit {i} of {CODE_DIGITS}\"");
        if !index_html.contains(&label) {
            c.problem("the code boxes", format!("no {label} (input::CODE_DIGITS)"), "label box i \"Digit i of N\"");
        }
    }
    c.file("www/demo.js");
    if let Some(entries) = c.parsed("`APP_NAME_ERRORS`", members_after(demo_js, "const APP_NAME_ERRORS = {")) {
        let invalid = member(&entries, "invalid_input").map(|m| m.value.clone()).unwrap_or_default();
        let rule = format!("Use 1–{APP_NAME_MAX_CHARS} ordinary characters");
        c.says("`APP_NAME_ERRORS.invalid_input`", &invalid, &rule, "input::APP_NAME_MAX_CHARS", "state the appName limit of src/input.rs");
    }
    c
}

/// A JS number constant (`180`, `300_000`) as an integer.
fn js_number(text: &str, name: &str) -> Result<u64, String> {
    let value = js_const(text, name)?;
    value.replace('_', "").parse().map_err(|_| format!("`{name}` is {value:?}, not a whole number"))
}

/// The lifetimes and limits of Anytype that the demo page (`www/anytype-generations.js`) and the
/// example extension (`www/extension/settings.js`) copy from `src/limits.rs`.
fn check_limits(generations_js: &str, settings_js: &str) -> Check {
    let mut c = Check::new("www/anytype-generations.js");
    let fix = "copy the value of src/limits.rs";
    let page = [
        ("PENDING_SECONDS", u64::from(PENDING_SECONDS), "limits::PENDING_SECONDS"),
        ("CODE_MINUTES", u64::from(CODE_MINUTES), "limits::CODE_MINUTES"),
        ("TRIES_PER_REQUEST", u64::from(TRIES_PER_CHALLENGE), "limits::TRIES_PER_CHALLENGE"),
        ("WRONG_CODES_LOCK", u64::from(WRONG_CODES_LOCK), "limits::WRONG_CODES_LOCK"),
        ("REQUESTS_PER_RUN", u64::from(REQUESTS_PER_RUN), "limits::REQUESTS_PER_RUN"),
        ("REQUESTS_PER_APP", u64::from(REQUESTS_PER_CALLER), "limits::REQUESTS_PER_CALLER"),
        ("CHALLENGES_PER_RUN_V047", u64::from(CHALLENGES_PER_RUN_V047), "limits::CHALLENGES_PER_RUN_V047"),
    ];
    for (name, expected, source) in page {
        if let Some(found) = c.parsed(&format!("`{name}`"), js_number(generations_js, name)) {
            c.eq(&format!("`{name}`"), found, expected, source, fix);
        }
    }
    c.file("www/extension/settings.js");
    let extension = [
        ("PENDING_MS", u64::from(PENDING_SECONDS) * 1000, "limits::PENDING_SECONDS × 1000"),
        ("CODE_MS", u64::from(CODE_MINUTES) * 60_000, "limits::CODE_MINUTES × 60000"),
        ("TRIES_PER_REQUEST", u64::from(TRIES_PER_CHALLENGE), "limits::TRIES_PER_CHALLENGE"),
    ];
    for (name, expected, source) in extension {
        if let Some(found) = c.parsed(&format!("`{name}`"), js_number(settings_js, name)) {
            c.eq(&format!("`{name}`"), found, expected, source, fix);
        }
    }
    c
}

/// The example extension: `www/extension/settings.js` and `www/extension/popup.html`.
fn check_extension(settings_js: &str, popup_html: &str) -> Check {
    let mut c = Check::new("www/extension/settings.js");
    if let Some(url) = c.parsed("`DEFAULT_BASE_URL`", js_const(settings_js, "DEFAULT_BASE_URL").and_then(unquote)) {
        c.eq("`DEFAULT_BASE_URL`", url.as_str(), DEFAULT_BASE_URL, "base_url::DEFAULT_BASE_URL", "use the default of src/base_url.rs");
    }
    c.file("www/extension/popup.html");
    let placeholder = format!("placeholder=\"{DEFAULT_BASE_URL}\"");
    if !popup_html.contains(&placeholder) {
        c.problem("the Anytype address field", format!("has no {placeholder} (base_url::DEFAULT_BASE_URL)"), "show the default baseUrl");
    }
    let pattern = find_one(popup_html, "id=\"code\"").and_then(|at| between(&popup_html[at..], "pattern=\"", "\""));
    if let Some(pattern) = c.parsed("the code field's pattern", pattern) {
        c.eq(
            "the number of \\d in the code field's pattern",
            pattern.matches("\\d").count(),
            CODE_DIGITS,
            "input::CODE_DIGITS",
            "one \\d per digit",
        );
    }
    c
}

/// The stand-in's docs (`js/stand-in.d.mts`, `stand-in/README.md`) state what
/// `stand-in/server.mjs` exports, and its default address is Anytype's (`DEFAULT_BASE_URL`).
/// Its `API_VERSION` is the Anytype it imitates (v0.47), not the crate's default, so it is only
/// held to the dates scan.
/// `server` is the stand-in's constants and HTTP transport (`stand-in/constants.mjs` followed by
/// `stand-in/http/transport.mjs`), where its address, version and version header are written.
fn check_stand_in(server: &str, d_mts: &str, readme: &str) -> Check {
    let mut c = Check::new("stand-in/constants.mjs");
    let version = c.parsed("`API_VERSION`", js_const(server, "API_VERSION").and_then(unquote));
    let port = c.parsed("`DEFAULT_PORT`", js_const(server, "DEFAULT_PORT").map(str::to_owned));
    let host = c.parsed("`DEFAULT_HOST`", js_const(server, "DEFAULT_HOST").and_then(unquote));
    if let (Some(port), Some(host)) = (&port, &host) {
        let url = format!("http://{host}:{port}");
        c.eq(
            "`http://DEFAULT_HOST:DEFAULT_PORT`",
            url.as_str(),
            DEFAULT_BASE_URL,
            "base_url::DEFAULT_BASE_URL",
            "listen where Anytype does",
        );
    }
    if !server.contains(&format!("headers['{ANYTYPE_VERSION}'] = version")) {
        c.file("stand-in/http/transport.mjs");
        c.problem(
            "the version header",
            format!("is not sent as headers['{ANYTYPE_VERSION}'] (request::ANYTYPE_VERSION)"),
            "name it as the core does",
        );
    }
    let (Some(version), Some(port)) = (version, port) else { return c };
    c.file("js/stand-in.d.mts");
    let facts = [
        format!("/** The `{ANYTYPE_VERSION}` the stand-in sends: `\"{version}\"`. */"),
        format!("/** {port}, Anytype's default port. */"),
        format!("Default {port}. */"),
    ];
    for phrase in &facts {
        c.says("the stand-in's types", d_mts, phrase, "stand-in/server.mjs", "state what stand-in/server.mjs exports");
    }
    c.file("stand-in/README.md");
    let facts = [
        format!("`API_VERSION` (`{version}`), `DEFAULT_PORT` ({port})"),
        format!("Every response has `{ANYTYPE_VERSION}: {version}`"),
        format!("| `--port N` | `{port}` |"),
    ];
    for phrase in &facts {
        c.says("the stand-in's README", readme, phrase, "stand-in/server.mjs", "state what stand-in/server.mjs exports");
    }
    c
}

/// `bench/baseline.mjs`, the hand-written fetch it is compared with, sends the same requests.
fn check_bench_baseline(text: &str) -> Check {
    let mut c = Check::new("bench/baseline.mjs");
    if let Some(url) = c.parsed("`DEFAULT_BASE_URL`", js_const(text, "DEFAULT_BASE_URL").and_then(unquote)) {
        c.eq("`DEFAULT_BASE_URL`", url.as_str(), DEFAULT_BASE_URL, "base_url::DEFAULT_BASE_URL", "use the default of src/base_url.rs");
    }
    if let Some(version) = c.parsed("`API_VERSION`", js_const(text, "API_VERSION").and_then(unquote)) {
        c.eq("`API_VERSION`", version.as_str(), DEFAULT_API_VERSION, "options::DEFAULT_API_VERSION", "send the default of src/options.rs");
    }
    if let Some(headers) = c.parsed("the GET request headers", members_after(text, "method: 'GET',")) {
        let fix = "send the headers of request::Call::headers (src/request.rs)";
        c.list("the GET request headers", &names(&headers), &[ANYTYPE_VERSION, AUTHORIZATION], false, "src/request.rs", fix);
    }
    if let Some(headers) = c.parsed("the request headers", members_after(text, "method: 'POST',")) {
        let fix = "send the headers of request::Call::headers (src/request.rs)";
        c.list("the request headers", &names(&headers), &[CONTENT_TYPE, ANYTYPE_VERSION], false, "src/request.rs", fix);
        let media = member(&headers, CONTENT_TYPE).and_then(|m| unquote(&m.value));
        if let Some(media) = c.parsed("the Content-Type value", media) {
            c.eq("the Content-Type value", media.as_str(), JSON_MEDIA_TYPE, "request::JSON_MEDIA_TYPE", fix);
        }
    }
    let facts = [
        (format!("post('{CHALLENGES_PATH}',"), "request::CHALLENGES_PATH"),
        (format!("post('{API_KEYS_PATH}',"), "request::API_KEYS_PATH"),
        (format!("/^[0-9]{{{CODE_DIGITS}}}$/"), "input::CODE_DIGITS"),
        (format!("headers.get('{}')", ANYTYPE_VERSION.to_ascii_lowercase()), "request::ANYTYPE_VERSION"),
        (format!("get('{VERIFY_PATH}',"), "request::VERIFY_PATH"),
        (format!("{AUTHORIZATION}: `Bearer ${{apiKey}}`"), "request::AUTHORIZATION"),
    ];
    for (phrase, source) in &facts {
        if !text.contains(phrase.as_str()) {
            c.problem("the baseline request", format!("does not contain {phrase:?} ({source})"), "do what the core does");
        }
    }
    // Every request function (post, get) defaults its timeout as the core does.
    let timeout = format!("timeoutMs = {DEFAULT_TIMEOUT_MS} }}");
    let defaults: Vec<&str> = text.match_indices("timeoutMs = ").map(|(at, _)| &text[at..]).collect();
    if defaults.is_empty() || defaults.iter().any(|rest| !rest.starts_with(timeout.as_str())) {
        c.problem(
            "the baseline request",
            format!("does not default every timeoutMs as {timeout:?} (options::DEFAULT_TIMEOUT_MS)"),
            "do what the core does",
        );
    }
    c
}

/// Every error kind a JS file or doc names (see [`kinds_named`]) is one of `ErrorKind::ALL`.
fn check_kinds_named(file: &str, text: &str, js: bool) -> Check {
    let mut c = Check::new(file);
    if let Some(named) = c.parsed("the kinds it names", kinds_named(text, js)) {
        for (line, kind) in named.iter().filter(|(_, kind)| !kinds().contains(&kind.as_str())) {
            c.problem(
                &format!("line {line}"),
                format!("names the kind {kind:?}, which ErrorKind::ALL (src/error.rs) lacks"),
                "use an as_str name",
            );
        }
    }
    c
}

/// Every `dddd-dd-dd` in `text` is `DEFAULT_API_VERSION` or one of [`OTHER_API_VERSIONS`].
fn check_dates(file: &str, text: &str) -> Check {
    let mut c = Check::new(file);
    for (line, date) in dates(text).into_iter().filter(|(_, d)| d != DEFAULT_API_VERSION && !OTHER_API_VERSIONS.contains(&d.as_str())) {
        let detail = format!("names the API version {date:?}; options::DEFAULT_API_VERSION is {DEFAULT_API_VERSION:?}");
        c.problem(
            &format!("line {line}"),
            detail,
            "use the default, or add a deliberate other version to OTHER_API_VERSIONS in tests/protocol_facts.rs",
        );
    }
    c
}

/// Every `N-digit` / `N digits` in `text` has `N == CODE_DIGITS`.
fn check_digit_phrases(file: &str, text: &str) -> Check {
    let mut c = Check::new(file);
    for (line, n) in digit_phrases(text).into_iter().filter(|(_, n)| *n != CODE_DIGITS) {
        c.problem(
            &format!("line {line}"),
            format!("says {n} digits; input::CODE_DIGITS is {CODE_DIGITS}"),
            "state the code length of src/input.rs",
        );
    }
    c
}

/// The wasm layer's JS strings made once (`static NAME: JsString = "…"` in `src/wasm/`): each
/// `match` arm `TEXT => &NAME` maps a text to a JS string of the same text, and a header name
/// is spelled as `src/request.rs` spells it, or in lower case.
fn check_wasm_names(sources: &[(String, String)]) -> Check {
    let consts = [
        ("CONTENT_TYPE", CONTENT_TYPE),
        ("ANYTYPE_VERSION", ANYTYPE_VERSION),
        ("AUTHORIZATION", AUTHORIZATION),
        ("JSON_MEDIA_TYPE", JSON_MEDIA_TYPE),
        ("DEFAULT_API_VERSION", DEFAULT_API_VERSION),
        ("DEFAULT_BASE_URL", DEFAULT_BASE_URL),
    ];
    let mut c = Check::new("src/wasm");
    let mut statics = Vec::new();
    for (file, text) in sources {
        for (n, line) in text.lines().enumerate() {
            if let Some((head, value)) = line.split_once(": JsString = ") {
                let name = head.trim().trim_start_matches("pub ").trim_start_matches("static ").trim().to_owned();
                if let Ok(value) = unquote(value.trim().trim_end_matches(';')) {
                    statics.push((file.clone(), n + 1, name, value));
                }
            }
        }
    }
    for (file, line, name, value) in &statics {
        c.file(file);
        for header in [CONTENT_TYPE, ANYTYPE_VERSION, AUTHORIZATION] {
            if value.eq_ignore_ascii_case(header) && *value != header && *value != header.to_ascii_lowercase() {
                c.problem(
                    &format!("line {line}: {name}"),
                    format!("is {value:?}; src/request.rs spells it {header:?}"),
                    "spell it as the core, or in lower case",
                );
            }
        }
    }
    for (file, text) in sources {
        c.file(file);
        for (n, line) in text.lines().enumerate() {
            let Some((pattern, target)) = line.trim().split_once(" => &") else { continue };
            let target = target.trim_end_matches(',').trim();
            let Some((_, _, _, value)) = statics.iter().find(|(_, _, name, _)| name == target) else { continue };
            let meant = match unquote(pattern) {
                Ok(meant) => meant,
                Err(_) => match consts.iter().find(|(name, _)| *name == pattern) {
                    Some((_, meant)) => meant.to_string(),
                    None => {
                        let detail = format!("maps {pattern} to {target}, and the test does not know {pattern}");
                        c.problem(
                            &format!("line {}", n + 1),
                            detail,
                            "add the constant to check_wasm_names' table in tests/protocol_facts.rs",
                        );
                        continue;
                    }
                },
            };
            if meant != *value {
                let detail = format!("maps {pattern} ({meant:?}) to {target}, which is {value:?}");
                c.problem(&format!("line {}", n + 1), detail, "make the static_string the constant's text");
            }
        }
    }
    c
}

// ---- the tests on the real files ---------------------------------------------------------------

#[test]
fn error_kind_all_lists_every_variant_in_order() {
    check_error_enum(&read("src/error.rs")).assert_ok();
}

#[test]
fn index_d_ts_matches_the_core() {
    check_index_d_ts(&read("js/index.d.ts")).assert_ok();
}

#[test]
fn demo_error_messages_have_one_entry_per_kind() {
    check_error_messages_js(&read("www/error-messages.js")).assert_ok();
}

#[test]
fn readme_matches_the_core() {
    check_readme(&read("README.md")).assert_ok();
}

#[test]
fn plain_api_js_matches_the_core() {
    check_plain_api(&read("js/plain-api.js")).assert_ok();
}

#[test]
fn demo_page_and_extension_copy_anytypes_limits() {
    check_limits(&read("www/anytype-generations.js"), &read("www/extension/settings.js")).assert_ok();
}

#[test]
fn demo_page_matches_the_core() {
    check_demo(&read("www/api-key.js"), &read("www/code-boxes.js"), &read("www/index.html"), &read("www/demo.js")).assert_ok();
}

#[test]
fn example_extension_matches_the_core() {
    check_extension(&read("www/extension/settings.js"), &read("www/extension/popup.html")).assert_ok();
}

#[test]
fn stand_in_docs_match_the_stand_in() {
    check_stand_in(&stand_in_server(), &read("js/stand-in.d.mts"), &read("stand-in/README.md")).assert_ok();
}

#[test]
fn bench_baseline_sends_what_the_core_sends() {
    check_bench_baseline(&read("bench/baseline.mjs")).assert_ok();
}

#[test]
fn every_kind_named_in_js_and_docs_is_a_kind() {
    let mut all = Check::new("");
    let js = files("js", &[".js", ".cjs", ".mjs"]).into_iter().chain(files("www", &[".js", ".mjs"]));
    let docs = files("js", &[".d.ts"]).into_iter().chain(["README.md".to_owned()]);
    let mut seen = 0;
    for (file, is_js) in js.map(|f| (f, true)).chain(docs.map(|f| (f, false))) {
        let text = read(&file);
        seen += kinds_named(&text, is_js).map_or(0, |k| k.len());
        all.problems.extend(check_kinds_named(&file, &text, is_js).problems);
    }
    assert!(seen >= 20, "only {seen} kinds named: has kinds_named stopped finding them?");
    all.assert_ok();
}

#[test]
fn every_api_version_written_is_the_default_or_a_known_other() {
    let mut all = Check::new("");
    let sources = files("js", &[".js", ".cjs", ".ts", ".mts"])
        .into_iter()
        .chain(files("www", &[".js", ".html"]))
        .chain(files("src", &[".rs"]))
        .chain(["bench/baseline.mjs".to_owned(), "stand-in/server.mjs".to_owned(), "stand-in/README.md".to_owned()]);
    for file in sources {
        all.problems.extend(check_dates(&file, &read(&file)).problems);
    }
    let readme = read("README.md");
    all.problems.extend(check_dates("README.md (## API)", between(&readme, "\n## API\n", "\n## Where it works\n").unwrap()).problems);
    all.assert_ok();
}

#[test]
fn every_code_length_written_is_code_digits() {
    let mut all = Check::new("");
    let sources = files("js", &[".js", ".cjs", ".ts", ".mts"])
        .into_iter()
        .chain(files("www", &[".js", ".html", ".md"]))
        .chain(files("src", &[".rs"]))
        .chain(["README.md", "SECURITY.md", "bench/baseline.mjs", "stand-in/README.md"].map(str::to_owned));
    for file in sources {
        all.problems.extend(check_digit_phrases(&file, &read(&file)).problems);
    }
    all.assert_ok();
}

#[test]
fn wasm_js_strings_equal_the_core_constants() {
    let sources: Vec<(String, String)> = files("src/wasm", &[".rs"]).into_iter().map(|f| (f.clone(), read(&f))).collect();
    check_wasm_names(&sources).assert_ok();
}

/// The messages of `src/input.rs` and `src/base_url.rs` state the limits the code enforces.
#[test]
fn rust_messages_state_the_limits_they_enforce() {
    let mut c = Check::new("src/input.rs");
    let refused = |r: Result<String, Error>| r.expect_err("refused").message().to_owned();
    let fix = "write the constant's value in the message";
    assert!(input::app_name(&"é".repeat(APP_NAME_MAX_CHARS)).is_ok() && input::challenge_id(&"a".repeat(CHALLENGE_ID_MAX_LEN)).is_ok());
    assert!(input::api_key(&"k".repeat(API_KEY_MAX_LEN)).is_ok() && input::api_version(&"9".repeat(API_VERSION_MAX_LEN)).is_ok());
    let app = refused(input::app_name(&"é".repeat(APP_NAME_MAX_CHARS + 1)));
    c.says("app_name's message", &app, &format!("longer than {APP_NAME_MAX_CHARS} characters"), "input::APP_NAME_MAX_CHARS", fix);
    let id = refused(input::challenge_id(&"a".repeat(CHALLENGE_ID_MAX_LEN + 1)));
    c.says("challenge_id's message", &id, &format!("1 to {CHALLENGE_ID_MAX_LEN} printable ASCII"), "input::CHALLENGE_ID_MAX_LEN", fix);
    let key = refused(input::api_key(&"k".repeat(API_KEY_MAX_LEN + 1)));
    c.says("api_key's message", &key, &format!("1 to {API_KEY_MAX_LEN} printable ASCII"), "input::API_KEY_MAX_LEN", fix);
    let version = refused(input::api_version(&"9".repeat(API_VERSION_MAX_LEN + 1)));
    c.says("api_version's message", &version, &format!("1 to {API_VERSION_MAX_LEN} printable ASCII"), "input::API_VERSION_MAX_LEN", fix);
    c.says("api_version's message", &version, &format!("such as \"{DEFAULT_API_VERSION}\""), "options::DEFAULT_API_VERSION", fix);
    assert!(input::timeout_ms(TIMEOUT_MAX_MS as f64).is_ok() && input::timeout_ms(TIMEOUT_MAX_MS as f64 + 1.0).is_err());
    c.says("TIMEOUT_RULE", TIMEOUT_RULE, &format!("to {TIMEOUT_MAX_MS}."), "input::TIMEOUT_MAX_MS", fix);
    c.says("CODE_RULE", CODE_RULE, &format!("the {CODE_DIGITS} digits"), "input::CODE_DIGITS", fix);
    c.file("src/base_url.rs");
    let long = refused(BaseUrl::parse(&format!("http://127.0.0.1/{}", "a".repeat(BASE_URL_MAX_LEN)), false).map(|u| u.as_str().to_owned()));
    c.says("parse's length message", &long, &format!("longer than {BASE_URL_MAX_LEN} characters"), "base_url::BASE_URL_MAX_LEN", fix);
    c.says("BASE_URL_RULE", BASE_URL_RULE, &format!("such as \"{DEFAULT_BASE_URL}\""), "base_url::DEFAULT_BASE_URL", fix);
    c.assert_ok();
}

/// The names pair and authHeaders take fit the call options.
#[test]
fn option_name_lists_fit_together() {
    for name in PAIR_NAMES {
        assert!(!OPTION_NAMES.contains(&name), "src/options.rs: PAIR_NAMES repeats the option {name:?}; keep only pair's own keys there");
    }
    for name in AUTH_HEADERS_OPTION_NAMES {
        assert!(OPTION_NAMES.contains(&name), "src/options.rs: AUTH_HEADERS_OPTION_NAMES has {name:?}, which is no call option");
    }
    assert!((1..=MAX_ATTEMPTS_MAX).contains(&DEFAULT_MAX_ATTEMPTS), "src/options.rs: DEFAULT_MAX_ATTEMPTS is outside 1..=MAX_ATTEMPTS_MAX");
}

// ---- the same checks on drifted copies: each must fail -----------------------------------------

/// `text` with the first `from` replaced by `to`; `from` must be there, so that the drift test
/// cannot rot into testing nothing.
fn drift(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "the drift test expects {from:?} in the file; update it");
    text.replacen(from, to, 1)
}

#[test]
fn drift_error_enum_with_a_variant_missing_from_all() {
    let text = drift(&read("src/error.rs"), "    InvalidResponse,\n}", "    InvalidResponse,\n    /// New.\n    Teapot,\n}");
    check_error_enum(&text).assert_fails("src/error.rs", "Teapot");
}

#[test]
fn drift_index_d_ts() {
    let text = read("js/index.d.ts");
    check_index_d_ts(&drift(&text, "| \"timeout\"", "| \"time_out\"")).assert_fails("js/index.d.ts", "time_out");
    check_index_d_ts(&drift(&text, "  | \"rate_limited\"\n", "")).assert_fails("js/index.d.ts", "rate_limited");
    check_index_d_ts(&drift(&text, "  | \"aborted\"\n", "  | \"aborted\"\n  | string\n"))
        .assert_fails("js/index.d.ts", "\"string\" is not");
    check_index_d_ts(&drift(&text, "Default `\"2025-11-08\"`. */\n  apiVersion", "Default `\"2025-11-09\"`. */\n  apiVersion"))
        .assert_fails("js/index.d.ts", "Options.apiVersion");
    check_index_d_ts(&drift(&text, "  signal?: AbortSignal | undefined;\n", "")).assert_fails("js/index.d.ts", "signal");
    check_index_d_ts(&drift(&text, "at most 600000", "at most 60000")).assert_fails("js/index.d.ts", "timeoutMs");
    check_index_d_ts(&drift(&text, "\"Anytype-Version\": string;", "\"Anytype-Versions\": string;"))
        .assert_fails("js/index.d.ts", "AuthHeaders");
    check_index_d_ts(&drift(&text, "1–200 characters", "1–250 characters")).assert_fails("js/index.d.ts", "createChallenge");
    let range = format!("from 1 to {MAX_ATTEMPTS_MAX}. Default {DEFAULT_MAX_ATTEMPTS}.");
    let drifted = format!("from 1 to {MAX_ATTEMPTS_MAX}. Default {}.", DEFAULT_MAX_ATTEMPTS + 2);
    check_index_d_ts(&drift(&text, &range, &drifted)).assert_fails("js/index.d.ts", "maxAttempts");
}

#[test]
fn drift_error_messages_js() {
    let text = read("www/error-messages.js");
    check_error_messages_js(&drift(&text, "  rate_limited: {", "  rate_limitted: {"))
        .assert_fails("www/error-messages.js", "rate_limitted");
    check_error_messages_js(&drift(&text, "  aborted: {", "  timeout: {")).assert_fails("www/error-messages.js", "more than once");
    check_error_messages_js(&drift(&text, "1–200 ordinary", "1–100 ordinary")).assert_fails("www/error-messages.js", "invalid_input");
}

#[test]
fn drift_readme() {
    let text = read("README.md");
    let swapped = drift(&text, "| `timeout` |", "| `TEMP` |");
    let swapped = drift(&swapped, "| `aborted` |", "| `timeout` |");
    check_readme(&drift(&swapped, "| `TEMP` |", "| `aborted` |")).assert_fails("README.md", "order");
    check_readme(&drift(&text, "| `bad_request` |", "| `bad_requests` |")).assert_fails("README.md", "bad_requests");
    check_readme(&drift(&text, "default \"2025-11-08\", sent", "default \"2025-11-09\", sent")).assert_fails("README.md", "apiVersion");
    check_readme(&drift(&text, "maxAttempts?, onChallenge?", "onChallenge?, maxAttempts?")).assert_fails("README.md", "pair");
    check_readme(&drift(&text, "1 to 128 printable ASCII characters. `apiKey`", "1 to 127 printable ASCII characters. `apiKey`"))
        .assert_fails("README.md", "input rules");
    check_readme(&drift(&text, "  signal?: AbortSignal; ", "  abortSignal?: AbortSignal; ")).assert_fails("README.md", "abortSignal");
}

#[test]
fn drift_plain_api_js() {
    let text = read("js/plain-api.js");
    let file = "js/plain-api.js";
    check_plain_api(&drift(&text, "? '2025-11-08' :", "? '2025-11-09' :")).assert_fails(file, "default version");
    check_plain_api(&drift(&text, "{1,1024}$/.test(key)", "{1,1023}$/.test(key)")).assert_fails(file, "apiKey");
    check_plain_api(&drift(&text, "{1,32}$/.test(version)", "{1,64}$/.test(version)")).assert_fails(file, "apiVersion");
    check_plain_api(&drift(&text, "'timeoutMs', 'signal',", "'timeoutMs',")).assert_fails(file, "signal");
    check_plain_api(&drift(&text, "'Anytype-Version': version", "'Anytype-version': version")).assert_fails(file, "Anytype-version");
    check_plain_api(&drift(&text, "1 to 1024 printable ASCII characters: pass", "1 to 1024 printable characters: pass"))
        .assert_fails(file, "message");
    check_plain_api(&drift(&text, "maxAttempts = 3,", "maxAttempts = 4,")).assert_fails(file, "maxAttempts");
    check_plain_api(&drift(&text, "ownOptions(options, ['apiVersion']", "ownOptions(options, ['apiVersion', 'timeoutMs']"))
        .assert_fails(file, "timeoutMs");
}

#[test]
fn drift_demo_page() {
    let (api, boxes, html, demo) = (read("www/api-key.js"), read("www/code-boxes.js"), read("www/index.html"), read("www/demo.js"));
    check_demo(&drift(&api, "'2025-11-08'", "'2025-11-09'"), &boxes, &html, &demo).assert_fails("www/api-key.js", "API_VERSION");
    check_demo(&drift(&api, "\"Authorization\":", "\"Authorisation\":"), &boxes, &html, &demo)
        .assert_fails("www/api-key.js", "Authorization");
    check_demo(&api, &drift(&boxes, "CODE_LENGTH = 4", "CODE_LENGTH = 6"), &html, &demo).assert_fails("www/code-boxes.js", "CODE_LENGTH");
    check_demo(&api, &boxes, &drift(&html, "maxlength=\"200\"", "maxlength=\"100\""), &demo).assert_fails("www/index.html", "maxlength");
    check_demo(&api, &boxes, &html, &drift(&demo, "Use 1–200", "Use 1–100")).assert_fails("www/demo.js", "APP_NAME_ERRORS");
}

#[test]
fn drift_limits() {
    let (generations, settings) = (read("www/anytype-generations.js"), read("www/extension/settings.js"));
    check_limits(&drift(&generations, "PENDING_SECONDS = 180;", "PENDING_SECONDS = 60;"), &settings)
        .assert_fails("www/anytype-generations.js", "PENDING_SECONDS");
    check_limits(&drift(&generations, "REQUESTS_PER_APP = 10;", "REQUESTS_PER_APP = 12;"), &settings)
        .assert_fails("www/anytype-generations.js", "REQUESTS_PER_APP");
    check_limits(&generations, &drift(&settings, "CODE_MS = 300_000;", "CODE_MS = 30_000;"))
        .assert_fails("www/extension/settings.js", "CODE_MS");
}

#[test]
fn drift_extension() {
    let (settings, popup) = (read("www/extension/settings.js"), read("www/extension/popup.html"));
    check_extension(&drift(&settings, "127.0.0.1:31009'", "127.0.0.1:31012'"), &popup)
        .assert_fails("www/extension/settings.js", "DEFAULT_BASE_URL");
    check_extension(&settings, &drift(&popup, "\\d\\s*\\d\\s*\\d\\s*\\d", "\\d\\s*\\d\\s*\\d"))
        .assert_fails("www/extension/popup.html", "pattern");
}

/// The stand-in files that write its address, version and version header, one after the other.
fn stand_in_server() -> String {
    read("stand-in/constants.mjs") + &read("stand-in/http/transport.mjs")
}

#[test]
fn drift_stand_in() {
    let (server, d_mts, readme) = (stand_in_server(), read("js/stand-in.d.mts"), read("stand-in/README.md"));
    check_stand_in(&drift(&server, "DEFAULT_PORT = 31009", "DEFAULT_PORT = 31010"), &d_mts, &readme)
        .assert_fails("stand-in/constants.mjs", "DEFAULT_PORT");
    check_stand_in(&server, &drift(&d_mts, "sends: `\"2025-11-08\"`", "sends: `\"2025-05-20\"`"), &readme)
        .assert_fails("js/stand-in.d.mts", "2025-11-08");
    check_stand_in(&server, &d_mts, &drift(&readme, "(`2025-11-08`)", "(`2025-05-20`)")).assert_fails("stand-in/README.md", "API_VERSION");
}

#[test]
fn drift_bench_baseline() {
    let text = read("bench/baseline.mjs");
    check_bench_baseline(&drift(&text, "'Content-Type': 'application/json'", "'Content-Type': 'text/json'"))
        .assert_fails("bench/baseline.mjs", "Content-Type");
    check_bench_baseline(&drift(&text, "timeoutMs = 10000", "timeoutMs = 5000")).assert_fails("bench/baseline.mjs", "timeoutMs");
    check_bench_baseline(&drift(&text, "get('/v1/spaces?limit=1',", "get('/v1/spaces',")).assert_fails("bench/baseline.mjs", "VERIFY_PATH");
    check_bench_baseline(&drift(&text, "Authorization: `Bearer", "Authorisation: `Bearer"))
        .assert_fails("bench/baseline.mjs", "GET request headers");
}

#[test]
fn drift_kinds_named_in_js() {
    let popup = read("www/extension/popup.js");
    let file = "www/extension/popup.js";
    check_kinds_named(file, &drift(&popup, "case 'unreachable':", "case 'unreachible':"), true).assert_fails(file, "unreachible");
    check_kinds_named(file, &drift(&popup, "lastError.kind === 'code_rejected'", "lastError.kind === 'wrong_code'"), true)
        .assert_fails(file, "wrong_code");
    let plain = read("js/plain-api.js");
    let file = "js/plain-api.js";
    check_kinds_named(file, &drift(&plain, "['code_rejected', 'invalid_input']", "['code_rejected', 'bad_input']"), true)
        .assert_fails(file, "bad_input");
    check_kinds_named(file, &drift(&plain, "fail('aborted',", "fail('cancelled',"), true).assert_fails(file, "cancelled");
    let demo = read("www/demo.js");
    check_kinds_named("www/demo.js", &drift(&demo, "PASTED_KEY_ERRORS = {\n  invalid_input", "PASTED_KEY_ERRORS = {\n  invalid_key"), true)
        .assert_fails("www/demo.js", "invalid_key");
    let d_ts = read("js/index.d.ts");
    check_kinds_named("js/index.d.ts", &drift(&d_ts, "kind `\"aborted\"`", "kind `\"abort\"`"), false)
        .assert_fails("js/index.d.ts", "abort");
}

#[test]
fn drift_dates_and_digits() {
    check_dates("x.js", "const v = '2025-11-18';").assert_fails("x.js", "2025-11-18");
    check_dates("x.js", "'2025-11-08' or '2025-05-20'").assert_ok();
    check_digit_phrases("x.md", "Type the 6-digit code").assert_fails("x.md", "6 digits");
    check_digit_phrases("x.md", "the 4 digits, a 4-digit code, 32 hex digits, v0.5 digits").assert_ok();
}

#[test]
fn drift_wasm_names() {
    let names = "static DEFAULT_API_VERSION_JS: JsString = \"2025-11-08\";\n    DEFAULT_API_VERSION => &DEFAULT_API_VERSION_JS,\n";
    check_wasm_names(&[("n.rs".into(), names.into())]).assert_ok();
    let drifted = names.replace("\"2025-11-08\"", "\"2025-05-20\"");
    check_wasm_names(&[("n.rs".into(), drifted)]).assert_fails("n.rs", "DEFAULT_API_VERSION_JS");
    let literal = "pub static A_JS: JsString = \"apiKey\";\n\"apiKeys\" => &A_JS,\n";
    check_wasm_names(&[("n.rs".into(), literal.into())]).assert_fails("n.rs", "A_JS");
    let header = "static H: JsString = \"Anytype-version\";\n";
    check_wasm_names(&[("n.rs".into(), header.into())]).assert_fails("n.rs", "Anytype-Version");
    let unknown = "static X_JS: JsString = \"x\";\nSOME_CONST => &X_JS,\n";
    check_wasm_names(&[("n.rs".into(), unknown.into())]).assert_fails("n.rs", "does not know SOME_CONST");
}

// ---- the parsers on hand-written snippets ------------------------------------------------------

#[test]
fn parser_members_reads_js_objects_and_ts_types() {
    let js = "X = { a: { t: 'x, }', n: \"y;\" }, // note\n  'b-c': `t ${1}`, d: [1, 2] }";
    let found = members(js, js.find('{').unwrap()).unwrap();
    assert_eq!(names(&found), ["a", "b-c", "d"]);
    assert_eq!(found[2].value, "[1, 2]");
    let ts = "{\n  /** Doc `\"v\"`. */\n  key?: string | undefined;\n  f: (x: A) => void | PromiseLike<void>;\n  \"H-V\": string;\n}";
    let found = members(ts, 0).unwrap();
    assert_eq!(names(&found), ["key", "f", "H-V"]);
    assert!(found[0].optional && !found[1].optional && found[0].doc.contains("Doc"));
    assert!(members("{ ...spread }", 0).is_err());
    assert!(members("{ f() {} }", 0).is_err());
}

#[test]
fn parser_ts_union_takes_literals_only() {
    let text = "export type K =\n  | \"a\"\n  | 'b';";
    assert_eq!(ts_union(text, "K").unwrap(), ["a", "b"]);
    assert!(ts_union("export type K = \"a\" | string;", "K").is_err());
    assert!(ts_union("export type K = \"a\" \"b\";", "K").is_err());
    assert!(ts_union("type K = \"a\";", "K").is_err());
}

#[test]
fn parser_list_reports_missing_extra_twice_and_order() {
    let found = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let mut c = Check::new("f");
    c.list("l", &found(&["a", "b"]), &["a", "b"], true, "S", "fix");
    c.list("l", &found(&["b", "a"]), &["a", "b"], false, "S", "fix");
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    c.list("l", &found(&["b", "a"]), &["a", "b"], true, "S", "fix");
    c.list("l", &found(&["a"]), &["a", "b"], false, "S", "fix");
    c.list("l", &found(&["a", "b", "c"]), &["a", "b"], false, "S", "fix");
    c.list("l", &found(&["a", "b", "a"]), &["a", "b"], false, "S", "fix");
    let [order, missing, extra, twice] = &c.problems[..] else { panic!("{:?}", c.problems) };
    assert!(
        order.contains("order") && missing.contains("lacks [\"b\"]") && extra.contains("has [\"c\"]") && twice.contains("more than once")
    );
    assert!(c.problems.iter().all(|p| p.starts_with("f: l: ") && p.ends_with("Fix: fix")));
}

#[test]
fn parser_readme_table_and_kinds_named() {
    let table = "| `kind` | when | `status` |\n|---|---|---|\n| `a` | x | null |\n| `b` | y | 4xx |\n\nafter";
    assert_eq!(readme_table_kinds(table).unwrap(), ["a", "b"]);
    assert!(readme_table_kinds("| `kind` | when | `status` |\n|---|\n| a | x |").is_err());
    let js = "if (e.kind === 'a' || typeof e.kind === 'string') f(e.kind);\nswitch (e.kind) { case 'b': break; }\n\
              ['c', 'd'].includes(e?.kind); ['x'].includes(other); fail('e', m);\nconst SOME_ERRORS = { f: {} };\n// kind `\"g\"`";
    let named: Vec<String> = kinds_named(js, true).unwrap().into_iter().map(|(_, k)| k).collect();
    assert_eq!(named, ["a", "g", "b", "c", "d", "e", "f"]);
    assert_eq!(
        destructured(" appName, maxAttempts = 3, onChallenge?, ...options "),
        (vec!["appName".into(), "maxAttempts".into(), "onChallenge".into()], true)
    );
}
