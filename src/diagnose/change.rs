//! The candidate changes of a body. Each turns the body as received into
//! the bytes some common mistake would have signed instead; the search
//! tries each one, then (for bodies up to [`MAX_BODY_FOR_PAIRS`]) each
//! ordered pair, and stops at the first whose bytes match the signed digest.
//! A candidate costs one hash; buffers are reused and the body's JSON is
//! parsed once per input.

use core::cell::OnceCell;

use super::reserialise::{self, Order, Style};
use crate::json::{self, Value};
use crate::limits::MAX_BODY_BYTES;

/// Bodies up to this size are also tried with every ordered pair of changes.
pub const MAX_BODY_FOR_PAIRS: usize = 64 * 1024;

/// The largest candidate built: indenting a deep body multiplies its size.
const MAX_CANDIDATE: usize = 4 * MAX_BODY_BYTES;

/// One way the signed bytes may differ from the body.
pub(super) struct Change {
    /// Stable name, reported as `variant`.
    pub id: &'static str,
    /// Completes "the signed bytes are this body ...".
    pub what: &'static str,
    /// Writes the changed bytes into an empty buffer; false when the change
    /// does not apply to this input.
    apply: fn(&Input<'_>, &mut Vec<u8>) -> bool,
}

/// The changes, in the order they are tried: edits of a few bytes first,
/// then escapes, then whole re-serialisations (which also explain some
/// white space edits, less precisely), then charsets and URL encodings.
pub(super) const CHANGES: &[Change] = &[
    Change {
        id: "trailing-newline-removed",
        what: "without its final line break",
        apply: |i, out| {
            let without = i.bytes.strip_suffix(b"\r\n");
            let without = without.or_else(|| i.bytes.strip_suffix(b"\n"));
            without.map(|b| out.extend_from_slice(b)).is_some()
        },
    },
    Change {
        id: "trailing-newline-added",
        what: "followed by a line feed (\\n)",
        apply: |i, out| around(i, out, b"", b"\n"),
    },
    Change {
        id: "trailing-crlf-added",
        what: "followed by CRLF (\\r\\n)",
        apply: |i, out| around(i, out, b"", b"\r\n"),
    },
    Change {
        id: "trailing-space-added",
        what: "followed by a space",
        apply: |i, out| around(i, out, b"", b" "),
    },
    Change {
        id: "whitespace-trimmed",
        what: "without the white space around it",
        apply: |i, out| {
            out.extend_from_slice(i.bytes.trim_ascii());
            true
        },
    },
    Change {
        id: "bom-removed",
        what: "without its byte order mark (EF BB BF)",
        apply: |i, out| i.bytes.strip_prefix(BOM).map(|b| out.extend_from_slice(b)).is_some(),
    },
    Change {
        id: "bom-added",
        what: "preceded by a byte order mark (EF BB BF)",
        apply: |i, out| around(i, out, BOM, b""),
    },
    Change {
        id: "crlf-to-lf",
        what: "with CRLF line endings turned into LF",
        apply: |i, out| {
            let crlf = i.bytes.windows(2).any(|w| w == b"\r\n");
            crlf && line_endings(i.bytes, out, b"\n")
        },
    },
    Change {
        id: "lf-to-crlf",
        what: "with LF line endings turned into CRLF",
        apply: |i, out| i.bytes.contains(&b'\n') && line_endings(i.bytes, out, b"\r\n"),
    },
    Change {
        id: "slashes-escaped",
        what: "with each / in strings escaped as \\/ (PHP's json_encode)",
        apply: |i, out| in_strings(i, out, '/', |p, out| escape_slashes(p, out)),
    },
    Change {
        id: "slashes-unescaped",
        what: "with each \\/ in strings written as /",
        apply: |i, out| in_strings(i, out, '\\', |p, out| unescape_slashes(p, out)),
    },
    Change {
        id: "non-ascii-escaped",
        what: "with non-ASCII characters in strings escaped as \\uXXXX (PHP, Python)",
        apply: |i, out| escape_non_ascii(i, out, false),
    },
    Change {
        id: "non-ascii-escaped-upper",
        what: "with non-ASCII characters in strings escaped as \\uXXXX in upper-case hex (Java)",
        apply: |i, out| escape_non_ascii(i, out, true),
    },
    Change {
        id: "non-ascii-unescaped",
        what: "with \\uXXXX escapes of non-ASCII characters written as UTF-8",
        apply: unescape_non_ascii,
    },
    Change {
        id: "json-stringify",
        what: "after JSON.parse and JSON.stringify (one line, as JavaScript writes it)",
        apply: |i, out| styled(i, out, JS),
    },
    Change {
        id: "json-pretty-2",
        what: "pretty-printed with 2 spaces (JSON.stringify(value, null, 2))",
        apply: |i, out| styled(i, out, Style { indent: "  ", ..JS }),
    },
    Change {
        id: "json-pretty-4",
        what: "pretty-printed with 4 spaces",
        apply: |i, out| styled(i, out, Style { indent: "    ", ..JS }),
    },
    Change {
        id: "json-pretty-tab",
        what: "pretty-printed with tabs",
        apply: |i, out| styled(i, out, Style { indent: "\t", ..JS }),
    },
    Change {
        id: "json-spaced",
        what: "re-serialised with a space after each , and : (Python's json.dumps)",
        apply: |i, out| styled(i, out, Style { spaced: true, ..KEPT }),
    },
    Change {
        id: "keys-sorted",
        what: "re-serialised with keys sorted (recursively; FastJSON, the Java SDK's JSON library, writes them so)",
        apply: |i, out| styled(i, out, Style { order: Order::Sorted, ..KEPT }),
    },
    Change {
        id: "utf8-to-latin1",
        what: "with each character written back as one Latin-1 byte: its UTF-8 was read as Latin-1 and encoded again after signing (é became Ã©)",
        apply: utf8_to_latin1,
    },
    Change {
        id: "latin1-to-utf8",
        what: "read as Latin-1 and encoded again as UTF-8 (é as Ã©): the signer decoded it with the wrong charset",
        apply: latin1_to_utf8,
    },
    Change {
        id: "percent-decoded",
        what: "percent-decoded (%XX as the byte)",
        apply: |i, out| percent_decode(i.bytes, out, false),
    },
    Change {
        id: "form-decoded",
        what: "form-decoded (+ as a space, %XX as the byte)",
        apply: |i, out| percent_decode(i.bytes, out, true),
    },
    Change {
        id: "percent-encoded",
        what: "percent-encoded (encodeURIComponent)",
        apply: |i, out| percent_encode(i.bytes, out, b"-_.!~*'()", false),
    },
    Change {
        id: "form-encoded",
        what: "form-encoded (application/x-www-form-urlencoded)",
        apply: |i, out| percent_encode(i.bytes, out, b"*-._", true),
    },
];

/// What the search found: one change, or two applied in order.
pub(super) struct Found {
    pub first: &'static Change,
    pub then: Option<&'static Change>,
}

impl Found {
    /// `id`, or `first+then`.
    pub fn id(&self) -> String {
        match self.then {
            Some(then) => format!("{}+{}", self.first.id, then.id),
            None => self.first.id.to_owned(),
        }
    }

    /// Completes "the signed bytes are this body ...".
    pub fn what(&self) -> String {
        match self.then {
            Some(then) => format!("{}, then {}", self.first.what, then.what),
            None => self.first.what.to_owned(),
        }
    }
}

/// The first change, then the first ordered pair of changes (for bodies up
/// to [`MAX_BODY_FOR_PAIRS`]), whose bytes `matches`.
pub(super) fn find(body: &[u8], mut matches: impl FnMut(&[u8]) -> bool) -> Option<Found> {
    let input = Input::new(body);
    let mut first = Vec::new();
    let mut second = Vec::new();
    for change in CHANGES {
        if apply(change, &input, &mut first) && matches(&first) {
            return Some(Found {
                first: change,
                then: None,
            });
        }
    }
    if body.len() > MAX_BODY_FOR_PAIRS {
        return None;
    }
    for a in CHANGES {
        if !apply(a, &input, &mut first) {
            continue;
        }
        let changed = Input::new(&first);
        for b in CHANGES.iter().filter(|b| b.id != a.id) {
            if apply(b, &changed, &mut second) && second != body && matches(&second) {
                return Some(Found {
                    first: a,
                    then: Some(b),
                });
            }
        }
    }
    None
}

/// `change` of `input` into `out`: false when it does not apply, changes
/// nothing, or grows past [`MAX_CANDIDATE`].
fn apply(change: &Change, input: &Input<'_>, out: &mut Vec<u8>) -> bool {
    out.clear();
    (change.apply)(input, out) && out.as_slice() != input.bytes && out.len() <= MAX_CANDIDATE
}

/// A body, or a body changed once, with its JSON parsed when first needed.
struct Input<'a> {
    bytes: &'a [u8],
    json: OnceCell<Option<Value>>,
}

impl<'a> Input<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Input {
            bytes,
            json: OnceCell::new(),
        }
    }

    fn text(&self) -> Option<&'a str> {
        core::str::from_utf8(self.bytes).ok()
    }

    fn json(&self) -> Option<&Value> {
        self.json
            .get_or_init(|| self.text().and_then(|t| json::parse(t).ok()))
            .as_ref()
    }
}

const BOM: &[u8] = b"\xef\xbb\xbf";

/// `JSON.stringify(JSON.parse(body))`.
const JS: Style = Style {
    indent: "",
    spaced: false,
    order: Order::Js,
    js_numbers: true,
};

/// One line, members as they came, numbers as written (another language's
/// parser and writer).
const KEPT: Style = Style {
    order: Order::Insertion,
    js_numbers: false,
    ..JS
};

fn styled(input: &Input<'_>, out: &mut Vec<u8>, style: Style) -> bool {
    let Some(value) = input.json() else {
        return false;
    };
    // Written in place: the (empty) buffer lends its capacity to the text.
    let mut text = String::from_utf8(core::mem::take(out)).unwrap_or_default();
    let written = reserialise::write(value, style, MAX_CANDIDATE, &mut text);
    *out = text.into_bytes();
    written
}

fn around(input: &Input<'_>, out: &mut Vec<u8>, before: &[u8], after: &[u8]) -> bool {
    out.extend_from_slice(before);
    out.extend_from_slice(input.bytes);
    out.extend_from_slice(after);
    true
}

/// Every line ending (CRLF or a lone LF) as `ending`.
fn line_endings(bytes: &[u8], out: &mut Vec<u8>, ending: &[u8]) -> bool {
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        match line.strip_suffix(b"\n") {
            Some(line) => {
                out.extend_from_slice(line.strip_suffix(b"\r").unwrap_or(line));
                out.extend_from_slice(ending);
            }
            None => out.extend_from_slice(line),
        }
    }
    true
}

/// A piece of JSON text as [`pieces`] cuts it.
enum Piece<'a> {
    /// Text outside strings, quotes included.
    Outside(&'a str),
    /// Characters inside a string, without escapes.
    Plain(&'a str),
    /// One escape sequence inside a string (`\n`, `\/`, `\u00e9`).
    Escape(&'a str),
}

/// Cuts JSON text into pieces (any text: an unterminated string runs to
/// the end).
fn pieces<'a>(text: &'a str, mut f: impl FnMut(Piece<'a>)) {
    let mut rest = text;
    let mut in_string = false;
    while !rest.is_empty() {
        let stops: &[char] = if in_string { &['"', '\\'] } else { &['"'] };
        let run = rest.find(stops).unwrap_or(rest.len());
        let (head, tail) = rest.split_at_checked(run).unwrap_or((rest, ""));
        if !head.is_empty() {
            f(if in_string {
                Piece::Plain(head)
            } else {
                Piece::Outside(head)
            });
        }
        let len = match tail.as_bytes() {
            [b'"', ..] => 1,
            [b'\\', b'u', hex @ ..]
                if hex
                    .get(..4)
                    .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) =>
            {
                6
            }
            [b'\\', ..] => {
                1 + tail
                    .get(1..)
                    .and_then(|t| t.chars().next())
                    .map_or(0, char::len_utf8)
            }
            _ => 0,
        };
        let (mark, tail) = tail.split_at_checked(len).unwrap_or((tail, ""));
        if mark == "\"" {
            f(Piece::Outside(mark));
            in_string = !in_string;
        } else if !mark.is_empty() {
            f(Piece::Escape(mark));
        }
        rest = tail;
    }
}

/// `text` with each `c` as `with`.
fn replace_char(text: &str, c: char, with: &str, out: &mut Vec<u8>) {
    for (i, part) in text.split(c).enumerate() {
        if i > 0 {
            out.extend_from_slice(with.as_bytes());
        }
        out.extend_from_slice(part.as_bytes());
    }
}

/// The input with `f` applied to the pieces of its strings (when the text
/// has `needle` at all).
fn in_strings<'a>(
    input: &Input<'a>,
    out: &mut Vec<u8>,
    needle: char,
    mut f: impl FnMut(Piece<'a>, &mut Vec<u8>),
) -> bool {
    let Some(text) = input.text().filter(|t| t.contains(needle)) else {
        return false;
    };
    pieces(text, |p| f(p, out));
    true
}

fn escape_slashes(p: Piece<'_>, out: &mut Vec<u8>) {
    match p {
        Piece::Plain(t) => replace_char(t, '/', "\\/", out),
        Piece::Outside(t) | Piece::Escape(t) => out.extend_from_slice(t.as_bytes()),
    }
}

fn unescape_slashes(p: Piece<'_>, out: &mut Vec<u8>) {
    match p {
        Piece::Escape("\\/") => out.push(b'/'),
        Piece::Outside(t) | Piece::Plain(t) | Piece::Escape(t) => {
            out.extend_from_slice(t.as_bytes())
        }
    }
}

fn escape_non_ascii(input: &Input<'_>, out: &mut Vec<u8>, upper: bool) -> bool {
    if input.bytes.is_ascii() {
        return false;
    }
    in_strings(input, out, '"', |p, out| match p {
        Piece::Plain(t) => {
            for c in t.chars() {
                if c.is_ascii() {
                    out.push(c as u8);
                    continue;
                }
                for unit in c.encode_utf16(&mut [0; 2]) {
                    out.extend_from_slice(b"\\u");
                    for shift in [12, 8, 4, 0] {
                        let digit = crate::hex::digit((*unit >> shift) as u8);
                        out.push(if upper {
                            digit.to_ascii_uppercase()
                        } else {
                            digit
                        } as u8);
                    }
                }
            }
        }
        Piece::Outside(t) | Piece::Escape(t) => out.extend_from_slice(t.as_bytes()),
    })
}

/// The code unit of a `\uXXXX` escape.
fn unit(escape: &str) -> Option<u32> {
    u32::from_str_radix(escape.strip_prefix("\\u")?, 16).ok()
}

fn unescape_non_ascii(input: &Input<'_>, out: &mut Vec<u8>) -> bool {
    // A high surrogate waits for its low half.
    let mut high: Option<(u32, &str)> = None;
    let found = in_strings(input, out, '\\', |p, out| {
        if let (Some((hi, _)), Piece::Escape(e)) = (high, &p) {
            if let Some(c) = unit(e)
                .filter(|lo| (0xdc00..0xe000).contains(lo))
                .and_then(|lo| char::from_u32(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)))
            {
                high = None;
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                return;
            }
        }
        if let Some((_, pending)) = high.take() {
            out.extend_from_slice(pending.as_bytes());
        }
        match p {
            Piece::Escape(e) => match unit(e) {
                Some(u @ 0xd800..=0xdbff) => high = Some((u, e)),
                Some(u @ 0x80..) => match char::from_u32(u) {
                    Some(c) => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
                    None => out.extend_from_slice(e.as_bytes()),
                },
                _ => out.extend_from_slice(e.as_bytes()),
            },
            Piece::Outside(t) | Piece::Plain(t) => out.extend_from_slice(t.as_bytes()),
        }
    });
    if let Some((_, pending)) = high {
        out.extend_from_slice(pending.as_bytes());
    }
    found
}

fn utf8_to_latin1(input: &Input<'_>, out: &mut Vec<u8>) -> bool {
    let Some(text) = input.text().filter(|t| !t.is_ascii()) else {
        return false;
    };
    for c in text.chars() {
        match u8::try_from(u32::from(c)) {
            Ok(b) => out.push(b),
            Err(_) => return false,
        }
    }
    true
}

fn latin1_to_utf8(input: &Input<'_>, out: &mut Vec<u8>) -> bool {
    if input.bytes.is_ascii() {
        return false;
    }
    for &b in input.bytes {
        let c = char::from(b);
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    }
    true
}

fn percent_decode(bytes: &[u8], out: &mut Vec<u8>, plus_is_space: bool) -> bool {
    if !bytes
        .iter()
        .any(|&b| b == b'%' || (plus_is_space && b == b'+'))
    {
        return false;
    }
    let mut rest = bytes;
    while let Some((&b, tail)) = rest.split_first() {
        let hex = |i: usize| tail.get(i).and_then(|&h| char::from(h).to_digit(16));
        match (b, hex(0), hex(1)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                rest = tail.get(2..).unwrap_or_default();
                continue;
            }
            (b'+', _, _) if plus_is_space => out.push(b' '),
            _ => out.push(b),
        }
        rest = tail;
    }
    true
}

/// Bytes other than ASCII letters, digits and `keep` as `%XX`; with
/// `space_as_plus`, a space as `+`.
fn percent_encode(bytes: &[u8], out: &mut Vec<u8>, keep: &[u8], space_as_plus: bool) -> bool {
    for &b in bytes {
        if b.is_ascii_alphanumeric() || keep.contains(&b) {
            out.push(b);
        } else if b == b' ' && space_as_plus {
            out.push(b'+');
        } else {
            out.push(b'%');
            for nibble in [b >> 4, b & 0x0f] {
                out.push(crate::hex::digit(nibble).to_ascii_uppercase() as u8);
            }
        }
    }
    true
}

#[cfg(test)]
pub(super) mod tests;
