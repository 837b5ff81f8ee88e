//! Parsing and checking `baseUrl`, the address of Anytype's local API.
//!
//! Rules: an absolute `http:` or `https:` URL; no user name or password, query or fragment; a
//! path prefix is allowed and trailing slashes are dropped; at most [`BASE_URL_MAX_LEN`] bytes. Plain `http:` is accepted only for
//! loopback hosts (`localhost`, `127.0.0.0/8`, `[::1]`) unless the caller opts in with
//! `allowInsecureRemote`, because a key sent in clear over a network can be read by anyone on it.

use const_format::formatcp;

use crate::error::Error;
use crate::messages::{self, BASE_URL_RULE};

/// The port of Anytype desktop's local API.
pub const APP_PORT: u16 = 31009;
/// The port anytype-cli serves the same API on.
pub const CLI_PORT: u16 = 31012;
/// Where Anytype desktop serves its local API.
pub const DEFAULT_BASE_URL: &str = formatcp!("http://127.0.0.1:{APP_PORT}");
/// The longest `baseUrl`, in bytes: far more than any address of Anytype (or a proxy in front of
/// it) needs, and it keeps a hostile multi-megabyte string from being scanned or sent.
pub const BASE_URL_MAX_LEN: usize = 2048;

/// A checked, normalised base URL: lower-case scheme and host, no trailing slash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    text: String,
}

impl BaseUrl {
    /// Checks `raw` against the rules above.
    pub fn parse(raw: &str, allow_insecure_remote: bool) -> Result<BaseUrl, Error> {
        if raw.len() > BASE_URL_MAX_LEN {
            return Err(Error::invalid_input(messages::BASE_URL_TOO_LONG));
        }
        let (scheme, rest) = split_scheme(raw)?;
        // Byte scans throughout: every delimiter is ASCII, so each index found is a char boundary
        // and the checked splits below always succeed.
        let end = rest.bytes().position(|b| matches!(b, b'/' | b'?' | b'#')).unwrap_or(rest.len());
        let (authority, path) = rest.split_at_checked(end).unwrap_or((rest, ""));
        if path.bytes().any(|b| b == b'?' || b == b'#') || authority.bytes().any(|b| b == b'@') {
            return Err(Error::invalid_input(messages::BASE_URL_EXTRAS));
        }
        let (host, port) = split_host_port(authority)?;
        if !path.bytes().all(is_path_byte) {
            return Err(Error::invalid_input(messages::BASE_URL_PATH));
        }
        let host = host.to_ascii_lowercase();
        if scheme == "http" && !allow_insecure_remote && !is_loopback(&host) {
            return Err(Error::invalid_input(messages::BASE_URL_INSECURE));
        }
        let mut text = String::with_capacity(raw.len());
        text.push_str(scheme);
        text.push_str("://");
        text.push_str(&host);
        if let Some(port) = port {
            text.push(':');
            text.push_str(port);
        }
        let path_end = path.bytes().rposition(|b| b != b'/').map_or(0, |last| last + 1);
        text.push_str(path.get(..path_end).unwrap_or(""));
        Ok(BaseUrl { text })
    }

    /// The default, `http://127.0.0.1:31009`.
    pub fn default_url() -> BaseUrl {
        BaseUrl { text: DEFAULT_BASE_URL.to_owned() }
    }

    /// The normalised URL, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The host: a name, a dotted quad or a bracketed IPv6 literal such as `[::1]`, without the port.
    pub fn host(&self) -> &str {
        let rest = self.text.split_once("://").map_or("", |(_, rest)| rest);
        let authority = rest.split('/').next().unwrap_or("");
        match authority.bytes().position(|b| b == b']') {
            Some(end) if authority.starts_with('[') => authority.get(..=end).unwrap_or(authority),
            _ => authority.split(':').next().unwrap_or(authority),
        }
    }

    /// The full URL of an API path such as `/v1/auth/challenges`.
    pub fn join(&self, path: &str) -> String {
        let mut url = String::with_capacity(self.text.len() + path.len());
        url.push_str(&self.text);
        url.push_str(path);
        url
    }
}

fn split_scheme(raw: &str) -> Result<(&'static str, &str), Error> {
    if let Some(rest) = strip_prefix_ignore_case(raw, "http://") {
        Ok(("http", rest))
    } else if let Some(rest) = strip_prefix_ignore_case(raw, "https://") {
        Ok(("https", rest))
    } else {
        Err(Error::invalid_input(BASE_URL_RULE))
    }
}

/// `text` without `prefix`, compared ignoring ASCII case. Uses `str::get`, which cannot panic,
/// so no string-slicing panic path (and its formatting code) ends up in the wasm.
fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        text.get(prefix.len()..)
    } else {
        None
    }
}

fn split_host_port(authority: &str) -> Result<(&str, Option<&str>), Error> {
    let bad_host = || Error::invalid_input(messages::BASE_URL_HOST);
    let (host, port) = if authority.starts_with("[") {
        // An IPv6 literal up to the first "]" (the host keeps its brackets), then nothing or ":port".
        let end = authority.bytes().position(|b| b == b']').ok_or_else(bad_host)? + 1;
        let (host, after) = authority.split_at_checked(end).ok_or_else(bad_host)?;
        let inner = host.get(1..end - 1).unwrap_or("");
        if inner.is_empty() || !inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.') {
            return Err(bad_host());
        }
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(":").ok_or_else(bad_host)?),
        };
        (host, port)
    } else {
        // The port follows the last ":".
        let (host, port) = match authority.bytes().rposition(|b| b == b':') {
            Some(colon) => (authority.get(..colon).unwrap_or(""), authority.get(colon + 1..)),
            None => (authority, None),
        };
        let valid = !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
        if !valid {
            return Err(bad_host());
        }
        (host, port)
    };
    if let Some(port) = port {
        let valid = !port.is_empty()
            && port.len() <= 5
            && port.bytes().all(|b| b.is_ascii_digit())
            && (1..=65535).contains(&decimal(port.as_bytes()));
        if !valid {
            return Err(Error::invalid_input(messages::BASE_URL_PORT));
        }
    }
    Ok((host, port))
}

/// Unreserved, sub-delims, `:`, `@`, `/` and percent signs (RFC 3986 `pchar` and `/`).
fn is_path_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/%".contains(&b)
}

/// `localhost`, any `127.x.x.x` dotted quad, and `[::1]`.
fn is_loopback(host: &str) -> bool {
    if host == "localhost" || host == "[::1]" {
        return true;
    }
    let mut parts = 0;
    let all_octets = host.as_bytes().split(|&b| b == b'.').all(|part| {
        parts += 1;
        !part.is_empty() && part.len() <= 3 && part.iter().all(u8::is_ascii_digit) && decimal(part) <= 255
    });
    all_octets && parts == 4 && host.starts_with("127.")
}

/// The value of a run of at most 5 ASCII digits (the caller checks both).
fn decimal(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |value, &b| value * 10 + u32::from(b - b'0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_is_the_authority_without_the_port() {
        for (raw, host) in [
            ("http://127.0.0.1:31009", "127.0.0.1"),
            ("HTTP://LocalHost:31012/a/b/", "localhost"),
            ("http://[::1]:31009/x", "[::1]"),
            ("http://[::1]", "[::1]"),
            ("https://anytype.example", "anytype.example"),
        ] {
            assert_eq!(BaseUrl::parse(raw, false).unwrap().host(), host, "{raw}");
        }
        assert_eq!(BaseUrl::default_url().host(), "127.0.0.1");
    }

    fn ok(raw: &str) -> String {
        BaseUrl::parse(raw, false).unwrap_or_else(|e| panic!("{raw}: {e}")).as_str().to_owned()
    }

    fn refused(raw: &str, insecure: bool) {
        let e = BaseUrl::parse(raw, insecure).expect_err(raw);
        assert_eq!(e.kind(), crate::error::ErrorKind::InvalidInput);
    }

    #[test]
    fn loopback_http_is_accepted_and_normalised() {
        assert_eq!(ok("http://127.0.0.1:31009"), "http://127.0.0.1:31009");
        assert_eq!(ok("HTTP://LocalHost:31012///"), "http://localhost:31012");
        assert_eq!(ok("http://[::1]:31009/"), "http://[::1]:31009");
        assert_eq!(ok("http://127.1.2.3"), "http://127.1.2.3");
        assert_eq!(ok("http://127.0.0.1:8080/proxy/anytype/"), "http://127.0.0.1:8080/proxy/anytype");
        assert_eq!(ok("http://127.0.0.1:1/s/id=a,mode=2026"), "http://127.0.0.1:1/s/id=a,mode=2026");
    }

    #[test]
    fn remote_hosts_need_https_or_the_opt_in() {
        assert_eq!(ok("https://anytype.example.com"), "https://anytype.example.com");
        refused("http://192.168.1.5:31009", false);
        refused("http://localhost.evil.com", false);
        refused("http://127.0.0.1.evil.com", false);
        refused("http://128.0.0.1", false);
        assert_eq!(BaseUrl::parse("http://192.168.1.5:31009", true).unwrap().as_str(), "http://192.168.1.5:31009");
    }

    #[test]
    fn malformed_urls_are_refused() {
        for raw in [
            "",
            "127.0.0.1:31009",
            "ftp://127.0.0.1",
            "http://",
            "http://:31009",
            "http://user:pw@127.0.0.1",
            "http://127.0.0.1:31009?x=1",
            "http://127.0.0.1/#f",
            "http://127.0.0.1:0",
            "http://127.0.0.1:65536",
            "http://127.0.0.1:abc",
            "http://127.0.0.1 :1",
            "http://127.0.0.1/a b",
            "http://[::1",
            "http://[zz]",
            "http://127.0.0.1\\x",
            "javascript:alert(1)",
            "http://127.0.0.1:31009\n",
            "http://exa_mple.com",
        ] {
            refused(raw, true);
        }
    }

    #[test]
    fn long_urls_are_refused_before_anything_else() {
        let at_limit = format!("http://127.0.0.1:1/{}", "a".repeat(BASE_URL_MAX_LEN - 19));
        assert_eq!(at_limit.len(), BASE_URL_MAX_LEN);
        assert!(BaseUrl::parse(&at_limit, false).is_ok());
        refused(&format!("{at_limit}a"), true);
        refused(&format!("http://127.0.0.1/{}", "a".repeat(10_000_000)), false);
    }

    #[test]
    fn join_appends_the_api_path() {
        let base = BaseUrl::parse("http://127.0.0.1:31009/", false).unwrap();
        assert_eq!(base.join("/v1/auth/challenges"), "http://127.0.0.1:31009/v1/auth/challenges");
        assert_eq!(BaseUrl::default_url().as_str(), DEFAULT_BASE_URL);
    }
}
