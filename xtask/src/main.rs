//! `cargo run -p xtask`: writes the facts the JS side, the types and the docs take from the Rust
//! core. Each file is written only when its text changes, so `make build` rebuilds nothing else
//! when the facts stay the same; `make test` regenerates and lets `git diff --exit-code` say
//! whether a committed file was stale.
//!
//! - `js/facts.js`: `ERROR_KINDS`, `LIMITS`, `DEFAULTS`, the option names of `pair` and
//!   `authHeaders`, the header names, what the core's `trim` removes (`EDGE_WHITE_SPACE`),
//!   `MESSAGES` and `fill` (which puts values into a message's `{name}` placeholders);
//! - `js/index.d.ts`: the lines between `// <generated:facts>` and `// </generated:facts>`;
//! - `js/index.d.ts`: the members of `Options`, `pair`'s `maxAttempts` and `authHeaders`'
//!   `apiVersion`, each with its doc comment (what it does, its default, what it accepts), between
//!   `// <generated:options>`, `// <generated:pair-options>` and
//!   `// <generated:auth-headers-options>` and their closing lines;
//! - `README.md` and `docs/*.md`, wherever the marker lines are: the error-kinds table
//!   (`<!-- generated:error-kinds -->`), the options table (`<!-- generated:options -->`) and the
//!   arguments table (`<!-- generated:arguments -->`), each up to its closing line
//!   (`<!-- /generated:… -->`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anytype_auth::error::ErrorKind;
use anytype_auth::internal::facts::{self, OptionFact, Shown, AUTH_HEADERS_OPTION_NAMES, HEADERS, PAIR_NAMES};
use anytype_auth::internal::messages;
use anytype_auth::internal::options::OPTION_NAMES;

const HEADER: &str = "Generated from the Rust core (src/facts.rs, src/messages.rs) by `cargo run -p xtask`; do not edit.";
const TYPES_OPEN: &str = "// <generated:facts>";
const TYPES_CLOSE: &str = "// </generated:facts>";
const OPTIONS_OPEN: &str = "// <generated:options>";
const OPTIONS_CLOSE: &str = "// </generated:options>";
const PAIR_OPTIONS_OPEN: &str = "// <generated:pair-options>";
const PAIR_OPTIONS_CLOSE: &str = "// </generated:pair-options>";
const AUTH_HEADERS_OPTIONS_OPEN: &str = "// <generated:auth-headers-options>";
const AUTH_HEADERS_OPTIONS_CLOSE: &str = "// </generated:auth-headers-options>";
const TABLE_OPEN: &str = "<!-- generated:error-kinds -->";
const TABLE_CLOSE: &str = "<!-- /generated:error-kinds -->";
const OPTIONS_TABLE_OPEN: &str = "<!-- generated:options -->";
const OPTIONS_TABLE_CLOSE: &str = "<!-- /generated:options -->";
const ARGUMENTS_TABLE_OPEN: &str = "<!-- generated:arguments -->";
const ARGUMENTS_TABLE_CLOSE: &str = "<!-- /generated:arguments -->";
/// The indentation of an interface's members in `js/index.d.ts`.
const MEMBER_INDENT: &str = "  ";

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask/ is inside the repository").to_path_buf();
    let mut targets = vec![(root.join("js/facts.js"), Target::Whole(facts_js()))];
    let types = root.join("js/index.d.ts");
    targets.push((types.clone(), Target::Block(TYPES_OPEN, TYPES_CLOSE, facts_d_ts())));
    targets.push((types.clone(), Target::Block(OPTIONS_OPEN, OPTIONS_CLOSE, members(&facts::call_options()))));
    targets.push((types.clone(), Target::Block(PAIR_OPTIONS_OPEN, PAIR_OPTIONS_CLOSE, members(&[facts::max_attempts()]))));
    let api_version = facts::call_options().into_iter().filter(|o| AUTH_HEADERS_OPTION_NAMES.contains(&o.name)).collect::<Vec<_>>();
    targets.push((types, Target::Block(AUTH_HEADERS_OPTIONS_OPEN, AUTH_HEADERS_OPTIONS_CLOSE, members(&api_version))));
    for doc in docs(&root) {
        targets.push((doc.clone(), Target::Block(TABLE_OPEN, TABLE_CLOSE, kinds_table())));
        targets.push((doc.clone(), Target::Block(OPTIONS_TABLE_OPEN, OPTIONS_TABLE_CLOSE, options_table())));
        targets.push((doc, Target::Block(ARGUMENTS_TABLE_OPEN, ARGUMENTS_TABLE_CLOSE, arguments_table())));
    }
    let mut failed = false;
    for (path, target) in targets {
        if let Err(problem) = write(&path, target) {
            eprintln!("xtask: {}: {problem}", path.display());
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// What to write into a file: all of it, or the lines between two marker lines.
enum Target {
    Whole(String),
    Block(&'static str, &'static str, String),
}

/// Writes `target` into `path` when its text changes. A block goes between the line that is
/// exactly its opening marker (indentation aside) and the next line that is exactly its closing
/// one; a file without such lines is left alone (a marker quoted inside a sentence is not one).
fn write(path: &Path, target: Target) -> Result<(), String> {
    let old = std::fs::read_to_string(path).unwrap_or_default();
    let new = match target {
        Target::Whole(text) => text,
        Target::Block(open, close, block) => {
            let lines: Vec<&str> = old.split_inclusive('\n').collect();
            let is = |line: &str, marker: &str| line.trim() == marker;
            let opens: Vec<usize> = (0..lines.len()).filter(|&i| is(lines[i], open)).collect();
            let closes: Vec<usize> = (0..lines.len()).filter(|&i| is(lines[i], close)).collect();
            match (opens.as_slice(), closes.as_slice()) {
                ([], []) => return Ok(()),
                ([start], [end]) if start < end => {
                    let before: String = lines[..=*start].concat();
                    let after: String = lines[*end..].concat();
                    format!("{before}{block}{after}")
                }
                _ => return Err(format!("needs one line {open} and, after it, one line {close}")),
            }
        }
    };
    if new != old {
        std::fs::write(path, new).map_err(|e| e.to_string())?;
        println!("xtask: wrote {}", path.display());
    }
    Ok(())
}

/// README.md and every Markdown file of docs/.
fn docs(root: &Path) -> Vec<PathBuf> {
    let mut docs = vec![root.join("README.md")];
    let mut pages: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .map(|dir| dir.filter_map(|entry| entry.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "md")).collect())
        .unwrap_or_default();
    pages.sort();
    docs.extend(pages);
    docs
}

/// `text` as a JS string literal: ASCII, with every other character escaped.
fn js_string(text: &str) -> String {
    let mut out = String::from("\"");
    for unit in text.encode_utf16() {
        match unit {
            0x22 => out.push_str("\\\""),
            0x5c => out.push_str("\\\\"),
            0x20..=0x7e => out.push(unit as u8 as char),
            _ => write!(out, "\\u{unit:04x}").unwrap(),
        }
    }
    out.push('"');
    out
}

/// The characters of `chars` (ascending) as the inside of a JS regex character class, with runs
/// of three or more as ranges.
fn regex_class(chars: &str) -> String {
    let escape = |c: char| if c.is_ascii_graphic() && !"\\]^-[".contains(c) { c.to_string() } else { format!("\\u{:04x}", c as u32) };
    let codes: Vec<u32> = chars.chars().map(u32::from).collect();
    let mut class = String::new();
    let mut i = 0;
    while i < codes.len() {
        let mut end = i;
        while end + 1 < codes.len() && codes[end + 1] == codes[end] + 1 {
            end += 1;
        }
        let (first, last) = (char::from_u32(codes[i]).unwrap(), char::from_u32(codes[end]).unwrap());
        if end - i >= 2 {
            write!(class, "{}-{}", escape(first), escape(last)).unwrap();
        } else {
            (i..=end).for_each(|k| class.push_str(&escape(char::from_u32(codes[k]).unwrap())));
        }
        i = end + 1;
    }
    class
}

fn js_list(items: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let items: Vec<String> = items.into_iter().map(|item| js_string(item.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

fn kinds() -> Vec<&'static str> {
    ErrorKind::ALL.iter().map(|kind| kind.as_str()).collect()
}

/// The text of `js/facts.js`: no comments but the header (each one would cost every browser
/// bundle its bytes; the exported names are documented in `js/index.d.ts`).
fn facts_js() -> String {
    let mut js = format!("// {HEADER}\n");
    writeln!(js, "export const ERROR_KINDS = Object.freeze({});", js_list(kinds())).unwrap();
    js += "export const LIMITS = Object.freeze({\n";
    for (name, value) in facts::limits() {
        writeln!(js, "  {name}: {value},").unwrap();
    }
    js += "});\nexport const DEFAULTS = Object.freeze({\n";
    for (name, value) in facts::defaults() {
        writeln!(js, "  {name}: {},", shown(&value)).unwrap();
    }
    js += "});\n";
    // The rest is read by the package's own JS only, so not frozen.
    writeln!(js, "export const PAIR_OPTION_NAMES = {};", js_list(PAIR_NAMES.iter().chain(&OPTION_NAMES))).unwrap();
    writeln!(js, "export const AUTH_HEADERS_OPTION_NAMES = {};", js_list(AUTH_HEADERS_OPTION_NAMES)).unwrap();
    js += "export const HEADERS = {\n";
    for (name, header) in HEADERS {
        writeln!(js, "  {name}: {},", js_string(header)).unwrap();
    }
    js += "};\n";
    let edge = format!("[{}]+", regex_class(&facts::white_space()));
    writeln!(js, "export const EDGE_WHITE_SPACE = /^{edge}|{edge}$/g;").unwrap();
    js += "export const MESSAGES = {\n";
    for (name, text) in messages::for_js() {
        writeln!(js, "  {name}: {},", js_string(&text)).unwrap();
    }
    js += "};\n";
    js += "export const fill = (template, values) => template.replace(/\\{(\\w+)\\}/g, (whole, name) => (Object.hasOwn(values, name) ? String(values[name]) : whole));\n";
    js
}

/// The facts block of `js/index.d.ts`.
fn facts_d_ts() -> String {
    let mut ts = format!("// {HEADER}\n\n");
    ts += "/**\n * Every `AnytypeError` kind, in the order of the docs' table.\n * @example for (const kind of ERROR_KINDS) console.log(kind);\n */\n";
    let kinds: Vec<String> = kinds().iter().map(|k| format!("\"{k}\"")).collect();
    writeln!(ts, "export declare const ERROR_KINDS: readonly [{}];\n", kinds.join(", ")).unwrap();
    ts += "/**\n * What Anytype allows a pairing client (lifetimes and caps), and the input caps of this package.\n";
    ts += " * @example const minutes = LIMITS.codeMinutes; // how long a code stays valid after Allow\n */\n";
    ts += "export declare const LIMITS: {\n";
    for (name, value) in facts::limits() {
        writeln!(ts, "  readonly {name}: {value};").unwrap();
    }
    ts += "};\n\n/**\n * The value of each option left out.\n * @example const address = DEFAULTS.baseUrl; // Anytype desktop's local API\n */\n";
    ts += "export declare const DEFAULTS: {\n";
    for (name, value) in facts::defaults() {
        writeln!(ts, "  readonly {name}: {};", shown(&value)).unwrap();
    }
    ts += "};\n";
    ts
}

/// The error-kinds table in Markdown.
fn kinds_table() -> String {
    let mut md = String::from("| `kind` | when | `status` |\n|---|---|---|\n");
    for kind in ErrorKind::ALL {
        writeln!(md, "| `{kind}` | {} | {} |", messages::kind_description(kind), facts::kind_status(kind)).unwrap();
    }
    md
}

/// `value` as JS source.
fn shown(value: &Shown) -> String {
    match value {
        Shown::Text(text) => js_string(text),
        Shown::Number(number) => number.to_string(),
        Shown::Bool(flag) => flag.to_string(),
    }
}

/// The members of an interface of `js/index.d.ts`, one per option, each with a doc comment that
/// an IDE shows on hover: what it does, its default and what it accepts.
fn members(options: &[OptionFact]) -> String {
    let mut ts = format!("{MEMBER_INDENT}// {HEADER}\n");
    for option in options {
        let default = option.default.as_ref().map(|value| format!(" Default `{}`.", shown(value))).unwrap_or_default();
        writeln!(ts, "{MEMBER_INDENT}/** {}{default} Accepts {}. */", option.does, option.accepts).unwrap();
        writeln!(ts, "{MEMBER_INDENT}{}?: {} | undefined;", option.name, option.ts_type).unwrap();
    }
    ts
}

/// The options table in Markdown: the call options, then `pair`'s `maxAttempts`.
fn options_table() -> String {
    let mut md = String::from("| option | type | default | accepts | what it does |\n|---|---|---|---|---|\n");
    for option in facts::call_options().iter().chain([&facts::max_attempts()]) {
        let default = option.default.as_ref().map(|value| format!("`{}`", shown(value))).unwrap_or_else(|| "none".into());
        writeln!(md, "| `{}` | `{}` | {default} | {} | {} |", option.name, option.ts_type, option.accepts, option.does).unwrap();
    }
    md
}

/// The arguments table in Markdown: each argument with a cap and what it accepts.
fn arguments_table() -> String {
    let mut md = String::from("| argument | accepts |\n|---|---|\n");
    for (name, accepts) in facts::arguments() {
        writeln!(md, "| `{name}` | {accepts} |").unwrap();
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_strings_are_ascii_and_read_back() {
        assert_eq!(js_string("a\"b\\c\u{85}\u{1F600}"), r#""a\"b\\c\u0085\ud83d\ude00""#);
    }

    #[test]
    fn runs_of_three_or_more_become_ranges() {
        assert_eq!(regex_class("\t\n\u{b} \u{2000}\u{2001}]"), r"\u0009-\u000b\u0020\u2000\u2001\u005d");
    }

    #[test]
    fn a_block_goes_between_its_marker_lines_only() {
        let dir = std::env::temp_dir().join(format!("xtask-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("doc.md");
        let text = format!("Quoted `{TABLE_OPEN}` stays.\n{TABLE_OPEN}\nold\n{TABLE_CLOSE}\nend\n");
        std::fs::write(&file, &text).unwrap();
        write(&file, Target::Block(TABLE_OPEN, TABLE_CLOSE, "new\n".into())).unwrap();
        let expected = format!("Quoted `{TABLE_OPEN}` stays.\n{TABLE_OPEN}\nnew\n{TABLE_CLOSE}\nend\n");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
        std::fs::write(&file, format!("{TABLE_CLOSE}\n{TABLE_OPEN}\n")).unwrap();
        assert!(write(&file, Target::Block(TABLE_OPEN, TABLE_CLOSE, "x\n".into())).is_err(), "markers out of order");
        std::fs::write(&file, "no markers\n").unwrap();
        write(&file, Target::Block(TABLE_OPEN, TABLE_CLOSE, "x\n".into())).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "no markers\n");
        std::fs::write(&file, format!("interface A {{\n  {OPTIONS_OPEN}\n  old\n  {OPTIONS_CLOSE}\n}}\n")).unwrap();
        write(&file, Target::Block(OPTIONS_OPEN, OPTIONS_CLOSE, "  new\n".into())).unwrap();
        let expected = format!("interface A {{\n  {OPTIONS_OPEN}\n  new\n  {OPTIONS_CLOSE}\n}}\n");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), expected, "indented markers");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A limit of `LIMITS` by its name.
    fn limit(name: &str) -> u64 {
        facts::limits().into_iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("no limit {name}")).1
    }

    /// The line of `text` that documents `name`: the table row that starts with it, or the doc
    /// comment above its member.
    fn line_of<'a>(text: &'a str, name: &str) -> &'a str {
        let lines: Vec<&str> = text.lines().collect();
        let row = format!("| `{name}` |");
        let member = format!("{MEMBER_INDENT}{name}?:");
        let found =
            lines.iter().position(|l| l.starts_with(&row)).or_else(|| lines.iter().position(|l| l.starts_with(&member)).map(|i| i - 1));
        lines[found.unwrap_or_else(|| panic!("{name} is missing"))]
    }

    #[test]
    fn the_options_table_has_a_row_per_option_in_order_then_max_attempts() {
        let table = options_table();
        let names: Vec<String> = table.lines().skip(2).map(|row| row.split('`').nth(1).unwrap().to_owned()).collect();
        let expected: Vec<&str> = OPTION_NAMES.iter().copied().chain(["maxAttempts"]).collect();
        assert_eq!(names, expected);
        assert!(table.lines().skip(2).all(|row| row.matches(" | ").count() == 4), "five cells a row:\n{table}");
    }

    #[test]
    fn the_table_and_the_types_show_the_core_defaults_and_caps() {
        let types = [members(&facts::call_options()), members(&[facts::max_attempts()])].concat();
        for (name, value) in facts::defaults() {
            let value = shown(&value);
            assert!(line_of(&options_table(), name).contains(&format!("| `{value}` |")), "{name}'s default in the table");
            assert!(line_of(&types, name).contains(&format!("Default `{value}`.")), "{name}'s default in the types");
        }
        for (name, cap) in [
            ("timeoutMs", "timeoutMaxMs"),
            ("maxAttempts", "maxAttemptsMax"),
            ("apiVersion", "apiVersionMaxLength"),
            ("baseUrl", "baseUrlMaxLength"),
        ] {
            let cap = format!(" {}", limit(cap));
            assert!(line_of(&options_table(), name).contains(&cap), "{name}'s cap in the table");
            assert!(line_of(&types, name).contains(&cap), "{name}'s cap in the types");
        }
        assert!(line_of(&options_table(), "signal").contains("| none |"), "signal has no default");
    }

    #[test]
    fn every_member_is_optional_and_documented() {
        let types = members(&facts::call_options());
        for name in OPTION_NAMES {
            assert!(line_of(&types, name).trim_start().starts_with("/** "), "{name} has a doc comment");
            assert!(types.contains(&format!("{MEMBER_INDENT}{name}?: ")), "{name} is optional");
        }
        assert!(types.lines().all(|line| line.starts_with(MEMBER_INDENT)), "indented as members:\n{types}");
    }

    #[test]
    fn the_arguments_table_shows_the_input_caps() {
        let table = arguments_table();
        for (name, cap) in
            [("appName", "appNameMaxChars"), ("challengeId", "challengeIdMaxLength"), ("apiKey", "apiKeyMaxLength"), ("code", "codeDigits")]
        {
            assert!(line_of(&table, name).contains(&format!(" {} ", limit(cap))), "{name}'s cap");
        }
    }
}
