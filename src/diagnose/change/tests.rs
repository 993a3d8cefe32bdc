//! Every change, found from a body that was really changed that way: each
//! case is (the bytes signed, the body received), the second made from the
//! first by hand or by the mangling itself, never by the change under test.

use super::*;

const BODY: &str = r#"{"url":"https://a.example/x","name":"José 😀","n":10}"#;
const PRETTY_2: &str =
    "{\n  \"url\": \"https://a.example/x\",\n  \"name\": \"José 😀\",\n  \"n\": 10\n}";
const BOM_STR: &str = "\u{feff}";

/// UTF-8 read as Latin-1 and written again as UTF-8.
fn mojibake(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

pub(in crate::diagnose) fn cases() -> Vec<(&'static str, Vec<u8>, Vec<u8>)> {
    let b = |s: &str| s.as_bytes().to_vec();
    let owned = |s: String| s.into_bytes();
    vec![
        (
            "json-stringify",
            b(BODY),
            b(&BODY.replace("\":", "\" :  ").replace(',', ",\n")),
        ),
        ("json-pretty-2", b(PRETTY_2), b(BODY)),
        (
            "json-pretty-4",
            owned(PRETTY_2.replace("  ", "    ")),
            b(BODY),
        ),
        (
            "json-pretty-tab",
            owned(PRETTY_2.replace("  ", "\t")),
            b(BODY),
        ),
        (
            "json-spaced",
            b(r#"{"url": "https://a.example/x", "name": "José 😀", "n": 10}"#),
            b(BODY),
        ),
        (
            "keys-sorted",
            b(r#"{"n":10,"name":"José 😀","url":"https://a.example/x"}"#),
            b(BODY),
        ),
        ("slashes-escaped", owned(BODY.replace('/', "\\/")), b(BODY)),
        (
            "slashes-unescaped",
            b(BODY),
            owned(BODY.replace('/', "\\/")),
        ),
        (
            "non-ascii-escaped",
            owned(BODY.replace("José 😀", r"Jos\u00e9 \ud83d\ude00")),
            b(BODY),
        ),
        (
            "non-ascii-escaped-upper",
            owned(BODY.replace("José 😀", r"Jos\u00E9 \uD83D\uDE00")),
            b(BODY),
        ),
        (
            "non-ascii-unescaped",
            b(BODY),
            owned(BODY.replace("José 😀", r"Jos\u00e9 \ud83d\ude00")),
        ),
        (
            "crlf-to-lf",
            b(PRETTY_2),
            owned(PRETTY_2.replace('\n', "\r\n")),
        ),
        (
            "lf-to-crlf",
            owned(PRETTY_2.replace('\n', "\r\n")),
            b(PRETTY_2),
        ),
        (
            "trailing-newline-removed",
            b(BODY),
            owned(format!("{BODY}\n")),
        ),
        (
            "trailing-newline-removed",
            b(BODY),
            owned(format!("{BODY}\r\n")),
        ),
        (
            "trailing-newline-added",
            owned(format!("{BODY}\n")),
            b(BODY),
        ),
        ("trailing-crlf-added", owned(format!("{BODY}\r\n")), b(BODY)),
        ("trailing-space-added", owned(format!("{BODY} ")), b(BODY)),
        (
            "whitespace-trimmed",
            b(BODY),
            owned(format!(" \t{BODY} \n")),
        ),
        ("bom-removed", b(BODY), owned(format!("{BOM_STR}{BODY}"))),
        ("bom-added", owned(format!("{BOM_STR}{BODY}")), b(BODY)),
        ("utf8-to-latin1", b(BODY), owned(mojibake(BODY))),
        ("latin1-to-utf8", owned(mojibake(BODY)), b(BODY)),
        ("percent-decoded", b("a b/é"), b("a%20b%2F%C3%A9")),
        ("form-decoded", b("a b+c/é"), b("a+b%2Bc%2F%C3%A9")),
        (
            "percent-encoded",
            b("a%20b%2F%C3%A9%7B%7D!'()*~"),
            b("a b/é{}!'()*~"),
        ),
        ("form-encoded", b("a+b%2Bc%2F%C3%A9%21*"), b("a b+c/é!*")),
        // Two changes: PHP's json_encode of what JavaScript sent...
        (
            "slashes-escaped+non-ascii-escaped",
            owned(
                BODY.replace('/', "\\/")
                    .replace("José 😀", r"Jos\u00e9 \ud83d\ude00"),
            ),
            b(BODY),
        ),
        // ...sorted and indented (the order JavaScript keeps)...
        (
            "keys-sorted+json-pretty-2",
            b("{\n  \"n\": 10,\n  \"name\": \"José 😀\",\n  \"url\": \"https://a.example/x\"\n}"),
            b(BODY),
        ),
        // ...a Windows editor that saved with a BOM and CRLF.
        (
            "bom-removed+crlf-to-lf",
            b(PRETTY_2),
            owned(format!("{BOM_STR}{}", PRETTY_2.replace('\n', "\r\n"))),
        ),
    ]
}

fn found(received: &[u8], signed: &[u8]) -> Option<String> {
    find(received, &mut |c| c == signed).map(|f| f.id())
}

#[test]
fn every_change_is_found_from_a_body_changed_that_way() {
    let cases = cases();
    for (id, signed, received) in &cases {
        assert_ne!(signed, received, "{id}");
        assert_eq!(found(received, signed).as_deref(), Some(*id), "{id}");
    }
    for change in CHANGES {
        assert!(
            cases.iter().any(|(id, _, _)| id == &change.id),
            "no case for {}",
            change.id
        );
    }
}

#[test]
fn ids_are_unique_and_descriptions_read_as_a_sentence() {
    for (i, c) in CHANGES.iter().enumerate() {
        assert!(CHANGES[..i].iter().all(|d| d.id != c.id), "{}", c.id);
        assert!(
            !c.what.ends_with('.') && !c.what.starts_with(char::is_uppercase),
            "{}",
            c.id
        );
    }
}

#[test]
fn a_change_no_candidate_covers_is_not_found() {
    let other = BODY.replace("10", "11");
    assert_eq!(found(BODY.as_bytes(), other.as_bytes()), None);
    assert_eq!(found(b"", b"x"), None);
    assert_eq!(found(b"not json", b"not  json"), None);
}

#[test]
fn escapes_change_strings_only() {
    let text = r#"{"a/b":"x\"/y\\/z","c":[1,"\ud800x",2]} // "#;
    let changed = |id: &str, input: &str| {
        let change = CHANGES.iter().find(|c| c.id == id).unwrap();
        let mut out = Vec::new();
        apply(change, &Input::new(input.as_bytes()), &mut out)
            .then(|| String::from_utf8(out).unwrap())
    };
    // An escaped backslash before / is not an escaped slash.
    assert_eq!(
        changed("slashes-escaped", text).unwrap(),
        r#"{"a\/b":"x\"\/y\\\/z","c":[1,"\ud800x",2]} // "#
    );
    assert_eq!(changed("slashes-unescaped", text), None);
    assert_eq!(
        changed("slashes-unescaped", r#"["\\/", "\/"]"#).unwrap(),
        r#"["\\/", "/"]"#
    );
    // A lone surrogate stays escaped; ASCII escapes stay.
    assert_eq!(
        changed(
            "non-ascii-unescaped",
            r#"["\ud800x", "\u0041\u00e9\ud83d\ude00\ud83d"]"#
        )
        .unwrap(),
        "[\"\\ud800x\", \"\\u0041é😀\\ud83d\"]"
    );
    // Text outside strings is left alone, an unterminated string runs to the end.
    assert_eq!(
        changed("non-ascii-escaped", "é \"é").unwrap(),
        "é \"\\u00e9"
    );
    assert_eq!(changed("slashes-escaped", "\"a/\\").unwrap(), "\"a\\/\\");
}

#[test]
fn changes_that_do_not_apply_are_skipped() {
    let ascii = Input::new(b"{}");
    let mut out = Vec::new();
    for id in [
        "json-stringify",
        "keys-sorted",
        "slashes-escaped",
        "non-ascii-escaped",
        "crlf-to-lf",
        "lf-to-crlf",
        "trailing-newline-removed",
        "whitespace-trimmed",
        "bom-removed",
        "utf8-to-latin1",
        "latin1-to-utf8",
        "percent-decoded",
        "form-decoded",
    ] {
        let change = CHANGES.iter().find(|c| c.id == id).unwrap();
        assert!(!apply(change, &ascii, &mut out), "{id}");
    }
    // Not UTF-8: the text changes do not apply; the byte changes do.
    let latin1 = Input::new(b"{\"a\":\"\xe9\"}");
    assert!(latin1.json().is_none());
    let to_utf8 = CHANGES.iter().find(|c| c.id == "latin1-to-utf8").unwrap();
    assert!(apply(to_utf8, &latin1, &mut out));
    assert_eq!(out, "{\"a\":\"é\"}".as_bytes());
}

#[test]
fn pairs_only_for_small_bodies() {
    let pad = |n: usize| {
        format!(
            "{{\"pad\":\"{}\",\"url\":\"a/b\",\"name\":\"é\"}}",
            "x".repeat(n)
        )
    };
    let php = |body: &str| body.replace('/', "\\/").replace('é', r"\u00e9");
    let small = pad(MAX_BODY_FOR_PAIRS - 100);
    assert_eq!(
        found(small.as_bytes(), php(&small).as_bytes()).as_deref(),
        Some("slashes-escaped+non-ascii-escaped")
    );
    let large = pad(MAX_BODY_FOR_PAIRS);
    assert_eq!(found(large.as_bytes(), php(&large).as_bytes()), None);
    // One change is still found in the largest body.
    let largest = pad(MAX_BODY_BYTES - 100);
    let escaped = largest.replace('/', "\\/");
    assert_eq!(
        found(largest.as_bytes(), escaped.as_bytes()).as_deref(),
        Some("slashes-escaped")
    );
}

#[test]
fn candidates_stay_bounded() {
    // Indenting 128 levels of a 1 MiB body would be far larger: refused.
    let levels = crate::limits::MAX_JSON_DEPTH;
    let inner = "0,".repeat((MAX_BODY_BYTES - 2 * levels) / 2 - 1) + "0";
    let deep = "[".repeat(levels) + &inner + &"]".repeat(levels);
    assert!(deep.len() <= MAX_BODY_BYTES);
    let input = Input::new(deep.as_bytes());
    let pretty = CHANGES.iter().find(|c| c.id == "json-pretty-4").unwrap();
    let mut out = Vec::new();
    assert!(!apply(pretty, &input, &mut out));
    assert!(out.len() <= MAX_CANDIDATE + 4);
}
