//! Just enough JSON for this API, without a JSON library (a smaller wasm file).
//!
//! - [`write_object`] writes a flat object of string fields, for request bodies.
//! - [`read_object`] checks that a whole body is valid JSON (RFC 8259) and, when it is an
//!   object, returns the top-level fields the caller asked for. Nested values are validated and
//!   skipped without recursion, so no nesting depth can overflow the stack. A repeated key keeps
//!   its last value, as `JSON.parse` does.

/// Writes `{"k1":"v1","k2":"v2",…}` with every value escaped as a JSON string.
pub fn write_object(fields: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(fields.iter().map(|(k, v)| k.len() + v.len() + 6).sum::<usize>() + 2);
    out.push('{');
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(&mut out, key);
        out.push(':');
        write_string(&mut out, value);
    }
    out.push('}');
    out
}

fn write_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// One requested top-level field of an object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// The key is not in the object.
    Missing,
    /// The value is a string (escapes decoded; an unpaired surrogate escape becomes U+FFFD).
    Str(String),
    /// The value is a number, boolean, null, array or object.
    NotString,
}

/// Why a body is not an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Not valid UTF-8 JSON.
    NotJson,
    /// Valid JSON, but an array, string, number, boolean or null.
    NotObject,
}

/// Parses `body` as one JSON value; when it is an object, returns the fields named in `wanted`
/// (same order).
pub fn read_object<const N: usize>(body: &[u8], wanted: [&str; N]) -> Result<[Field; N], Shape> {
    let mut found: [Field; N] = std::array::from_fn(|_| Field::Missing);
    read_fields(body, &wanted, &mut found)?;
    Ok(found)
}

/// [`read_object`] for any number of fields (one copy in the binary, not one per `N`):
/// `found[i]` gets the field named `wanted[i]`.
fn read_fields(body: &[u8], wanted: &[&str], found: &mut [Field]) -> Result<(), Shape> {
    let text = std::str::from_utf8(body).map_err(|_| Shape::NotJson)?;
    let mut p = Parser { s: text.as_bytes(), i: 0 };
    p.ws();
    let is_object = p.peek() == Some(b'{');
    if is_object {
        p.i += 1;
        p.ws();
        if p.peek() == Some(b'}') {
            p.i += 1;
        } else {
            loop {
                p.ws();
                let key = p.string()?;
                p.ws();
                p.expect(b':')?;
                p.ws();
                let slot = wanted.iter().position(|w| *w == key);
                if p.peek() == Some(b'"') {
                    let value = p.string()?;
                    if let Some(i) = slot {
                        found[i] = Field::Str(value);
                    }
                } else {
                    p.skip_value()?;
                    if let Some(i) = slot {
                        found[i] = Field::NotString;
                    }
                }
                p.ws();
                match p.next() {
                    Some(b',') => continue,
                    Some(b'}') => break,
                    _ => return Err(Shape::NotJson),
                }
            }
        }
    } else {
        p.skip_value()?;
    }
    p.ws();
    if p.i != p.s.len() {
        return Err(Shape::NotJson);
    }
    if is_object {
        Ok(())
    } else {
        Err(Shape::NotObject)
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.i += 1;
        Some(b)
    }

    fn expect(&mut self, b: u8) -> Result<(), Shape> {
        if self.next() == Some(b) {
            Ok(())
        } else {
            Err(Shape::NotJson)
        }
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// Skips one value of any kind. Containers are tracked on a heap stack, not by recursion.
    fn skip_value(&mut self) -> Result<(), Shape> {
        // Each entry is the closing byte of an open container.
        let mut open: Vec<u8> = Vec::new();
        loop {
            self.ws();
            // A value.
            match self.peek() {
                Some(opening @ (b'{' | b'[')) => {
                    let close = if opening == b'{' { b'}' } else { b']' };
                    self.i += 1;
                    self.ws();
                    if self.peek() == Some(close) {
                        self.i += 1;
                    } else {
                        open.push(close);
                        if close == b'}' {
                            self.member_key()?;
                        }
                        continue;
                    }
                }
                Some(b'"') => {
                    self.skip_string()?;
                }
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(b'-' | b'0'..=b'9') => self.number()?,
                _ => return Err(Shape::NotJson),
            }
            // After a value: close containers or move to the next element.
            loop {
                let Some(&close) = open.last() else { return Ok(()) };
                self.ws();
                match self.next() {
                    Some(b',') => {
                        if close == b'}' {
                            self.ws();
                            self.member_key()?;
                        }
                        break;
                    }
                    Some(b) if b == close => {
                        open.pop();
                    }
                    _ => return Err(Shape::NotJson),
                }
            }
        }
    }

    fn member_key(&mut self) -> Result<(), Shape> {
        self.skip_string()?;
        self.ws();
        self.expect(b':')
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), Shape> {
        if self.s[self.i..].starts_with(word) {
            self.i += word.len();
            Ok(())
        } else {
            Err(Shape::NotJson)
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<(), Shape> {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(Shape::NotJson),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(Shape::NotJson);
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(Shape::NotJson);
            }
        }
        Ok(())
    }

    fn skip_string(&mut self) -> Result<(), Shape> {
        self.scan_string(None)
    }

    fn string(&mut self) -> Result<String, Shape> {
        let mut out = String::new();
        self.scan_string(Some(&mut out))?;
        Ok(out)
    }

    /// Reads a string at the cursor, decoding it into `out` when given.
    fn scan_string(&mut self, mut out: Option<&mut String>) -> Result<(), Shape> {
        self.expect(b'"')?;
        loop {
            let start = self.i;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
            if let Some(out) = out.as_deref_mut() {
                // The input is valid UTF-8 and we stopped at an ASCII byte, so this is a char boundary.
                out.push_str(std::str::from_utf8(&self.s[start..self.i]).map_err(|_| Shape::NotJson)?);
            }
            match self.next() {
                Some(b'"') => return Ok(()),
                Some(b'\\') => {
                    let c = self.escape()?;
                    if let Some(out) = out.as_deref_mut() {
                        out.push(c);
                    }
                }
                _ => return Err(Shape::NotJson),
            }
        }
    }

    fn escape(&mut self) -> Result<char, Shape> {
        Ok(match self.next().ok_or(Shape::NotJson)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                if (0xD800..0xDC00).contains(&first) && self.s[self.i..].starts_with(b"\\u") {
                    let save = self.i;
                    self.i += 2;
                    let second = self.hex4()?;
                    if (0xDC00..0xE000).contains(&second) {
                        let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                        return Ok(char::from_u32(c).unwrap_or('\u{FFFD}'));
                    }
                    self.i = save;
                }
                char::from_u32(first).unwrap_or('\u{FFFD}')
            }
            _ => return Err(Shape::NotJson),
        })
    }

    fn hex4(&mut self) -> Result<u32, Shape> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = (self.next().ok_or(Shape::NotJson)? as char).to_digit(16).ok_or(Shape::NotJson)?;
            v = v * 16 + d;
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(body: &str, key: &str) -> Result<Field, Shape> {
        read_object(body.as_bytes(), [key]).map(|[f]| f)
    }

    #[test]
    fn writes_escaped_objects() {
        assert_eq!(write_object(&[("app_name", "Acme \"Clip\"\\\n\u{1}é")]), r#"{"app_name":"Acme \"Clip\"\\\n\u0001é"}"#);
        assert_eq!(write_object(&[("a", "1"), ("b", "2")]), r#"{"a":"1","b":"2"}"#);
    }

    #[test]
    fn round_trips_through_the_reader() {
        let text = "q\"\\/\n\t\u{1}\u{7f}é😀";
        let body = write_object(&[("x", text)]);
        assert_eq!(one(&body, "x"), Ok(Field::Str(text.into())));
    }

    #[test]
    fn reads_requested_fields() {
        let body = br#" {"object":"error","status":500,"code":"internal_server_error","message":"failed to authenticate user"} "#;
        let [object, code, message, status] = read_object(body, ["object", "code", "message", "status"]).unwrap();
        assert_eq!(object, Field::Str("error".into()));
        assert_eq!(code, Field::Str("internal_server_error".into()));
        assert_eq!(message, Field::Str("failed to authenticate user".into()));
        assert_eq!(status, Field::NotString);
        assert_eq!(one("{}", "a"), Ok(Field::Missing));
        assert_eq!(one(r#"{"a":{"b":[1,{"c":"d"}]},"z":"y"}"#, "z"), Ok(Field::Str("y".into())));
    }

    #[test]
    fn last_duplicate_key_wins() {
        assert_eq!(one(r#"{"a":"1","a":"2"}"#, "a"), Ok(Field::Str("2".into())));
        assert_eq!(one(r#"{"a":"1","a":null}"#, "a"), Ok(Field::NotString));
    }

    #[test]
    fn decodes_unicode_escapes() {
        assert_eq!(one(r#"{"a":"\u00e9\ud83d\ude00\u0041"}"#, "a"), Ok(Field::Str("é😀A".into())));
        assert_eq!(one(r#"{"a":"\ud800x"}"#, "a"), Ok(Field::Str("\u{FFFD}x".into())));
        assert_eq!(one(r#"{"a":"\ud800\u0041"}"#, "a"), Ok(Field::Str("\u{FFFD}A".into())));
    }

    #[test]
    fn other_shapes_are_not_objects() {
        for body in ["[]", "null", "42", "-0.5e+3", "\"s\"", "true", "[1,[2,{\"a\":[]}]]"] {
            assert_eq!(one(body, "a"), Err(Shape::NotObject), "{body}");
        }
    }

    #[test]
    fn invalid_json_is_refused() {
        for body in [
            "",
            " ",
            "{",
            "}",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\":1,}",
            "[1,]",
            "[1 2]",
            "{\"a\":1 \"b\":2}",
            "01",
            "1.",
            "-",
            "1e",
            "tru",
            "nul",
            "\"abc",
            "\"a\nb\"",
            "\"\\x\"",
            "\"\\u12\"",
            "{'a':1}",
            "{\"a\":1}x",
            "<!doctype html>",
            "{\"a\":[}",
            "{\"a\":{]}",
            "[{\"a\" 1}]",
            "{\"a\":1}{}",
            "NaN",
            "\u{feff}{}",
            "{a:1}",
        ] {
            assert_eq!(one(body, "a"), Err(Shape::NotJson), "{body:?}");
        }
        assert_eq!(read_object(b"{\"a\":\"\xff\"}", ["a"]), Err(Shape::NotJson));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 100_000;
        let deep = "[".repeat(depth) + &"]".repeat(depth);
        assert_eq!(one(&deep, "a"), Err(Shape::NotObject));
        let deep_obj = format!("{{\"a\":\"k\",\"b\":{}{}}}", "{\"x\":".repeat(depth), "}".repeat(depth).replacen('}', "1}", 1));
        assert_eq!(one(&deep_obj, "a"), Ok(Field::Str("k".into())));
        let unclosed = "[".repeat(depth);
        assert_eq!(one(&unclosed, "a"), Err(Shape::NotJson));
    }
}
