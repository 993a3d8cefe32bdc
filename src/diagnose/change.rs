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

/// Bodies up to this size are also tried with every ordered pair of changes
/// (gateway notifications are a few KiB; a pair search of a body this size
/// takes some 100 ms in wasm).
pub const MAX_BODY_FOR_PAIRS: usize = 16 * 1024;

/// The largest candidate built: indenting a deep body multiplies its size.
const MAX_CANDIDATE: usize = 4 * MAX_BODY_BYTES;

/// One way the signed bytes may differ from the body.
pub(super) struct Change {
    /// Stable name, reported as `variant`.
    pub id: &'static str,
    /// Completes "the signed bytes are this body ...".
    pub what: &'static str,
    op: Op,
}

/// What a change does to its input.
#[derive(Clone, Copy)]
enum Op {
    /// The input between two byte strings.
    Around(&'static [u8], &'static [u8]),
    /// The input without its final CRLF or LF.
    NoFinalNewline,
    /// The input without ASCII white space around it.
    Trim,
    /// The input without this prefix.
    NoPrefix(&'static [u8]),
    /// Every line ending (CRLF or LF) as this one.
    LineEndings(&'static [u8]),
    /// `/` in strings as `\/`.
    EscapeSlashes,
    /// `\/` in strings as `/`.
    UnescapeSlashes,
    /// Non-ASCII characters in strings as `\uXXXX` (upper-case hex, or not).
    EscapeNonAscii(bool),
    /// `\uXXXX` escapes of non-ASCII characters as UTF-8.
    UnescapeNonAscii,
    /// The JSON value written again.
    Json(Style),
    /// Each character (all below U+0100) as one byte.
    Utf8ToLatin1,
    /// Each byte as a character, in UTF-8.
    Latin1ToUtf8,
    /// `%XX` as the byte (and `+` as a space, or not).
    PercentDecode(bool),
    /// Bytes other than letters, digits and these as `%XX` (a space as `+`, or not).
    PercentEncode(&'static [u8], bool),
}

impl Op {
    /// Whether the JSON value of the output is that of the input (white
    /// space, escapes and formatting only).
    fn keeps_json_value(self) -> bool {
        match self {
            Op::Around(before, _) => before.is_empty(),
            Op::Json(style) => !matches!(style.order, Order::Sorted),
            Op::NoFinalNewline
            | Op::Trim
            | Op::LineEndings(_)
            | Op::EscapeSlashes
            | Op::UnescapeSlashes
            | Op::EscapeNonAscii(_)
            | Op::UnescapeNonAscii => true,
            _ => false,
        }
    }
}

/// The changes, in the order they are tried: edits of a few bytes first,
/// then escapes, then whole re-serialisations (which also explain some
/// white space edits, less precisely), then charsets and URL encodings.
pub(super) const CHANGES: &[Change] = &[
    Change {
        id: "trailing-newline-removed",
        what: "without its final line break",
        op: Op::NoFinalNewline,
    },
    Change {
        id: "trailing-newline-added",
        what: "followed by a line feed (\\n)",
        op: Op::Around(b"", b"\n"),
    },
    Change {
        id: "trailing-crlf-added",
        what: "followed by CRLF (\\r\\n)",
        op: Op::Around(b"", b"\r\n"),
    },
    Change {
        id: "trailing-space-added",
        what: "followed by a space",
        op: Op::Around(b"", b" "),
    },
    Change {
        id: "whitespace-trimmed",
        what: "without the white space around it",
        op: Op::Trim,
    },
    Change {
        id: "bom-removed",
        what: "without its byte order mark (EF BB BF)",
        op: Op::NoPrefix(BOM),
    },
    Change {
        id: "bom-added",
        what: "preceded by a byte order mark (EF BB BF)",
        op: Op::Around(BOM, b""),
    },
    Change {
        id: "crlf-to-lf",
        what: "with CRLF line endings turned into LF",
        op: Op::LineEndings(b"\n"),
    },
    Change {
        id: "lf-to-crlf",
        what: "with LF line endings turned into CRLF",
        op: Op::LineEndings(b"\r\n"),
    },
    Change {
        id: "slashes-escaped",
        what: "with each / in strings escaped as \\/ (PHP's json_encode)",
        op: Op::EscapeSlashes,
    },
    Change {
        id: "slashes-unescaped",
        what: "with each \\/ in strings written as /",
        op: Op::UnescapeSlashes,
    },
    Change {
        id: "non-ascii-escaped",
        what: "with non-ASCII characters in strings escaped as \\uXXXX (PHP, Python)",
        op: Op::EscapeNonAscii(false),
    },
    Change {
        id: "non-ascii-escaped-upper",
        what: "with non-ASCII characters in strings escaped as \\uXXXX in upper case (Java)",
        op: Op::EscapeNonAscii(true),
    },
    Change {
        id: "non-ascii-unescaped",
        what: "with \\uXXXX escapes of non-ASCII characters written as UTF-8",
        op: Op::UnescapeNonAscii,
    },
    Change {
        id: "json-stringify",
        what: "after JSON.parse and JSON.stringify (one line, as JavaScript writes it)",
        op: Op::Json(JS),
    },
    Change {
        id: "json-pretty-2",
        what: "pretty-printed with 2 spaces (JSON.stringify(value, null, 2))",
        op: Op::Json(Style { indent: "  ", ..JS }),
    },
    Change {
        id: "json-pretty-4",
        what: "pretty-printed with 4 spaces",
        op: Op::Json(Style { indent: "    ", ..JS }),
    },
    Change {
        id: "json-pretty-tab",
        what: "pretty-printed with tabs",
        op: Op::Json(Style { indent: "\t", ..JS }),
    },
    Change {
        id: "json-spaced",
        what: "re-serialised with a space after each , and : (Python's json.dumps)",
        op: Op::Json(Style { spaced: true, ..KEPT }),
    },
    Change {
        id: "keys-sorted",
        what: "re-serialised with keys sorted (recursively, as FastJSON writes them)",
        op: Op::Json(Style { order: Order::Sorted, ..KEPT }),
    },
    Change {
        id: "utf8-to-latin1",
        what: "with each character as one Latin-1 byte: its UTF-8 was read as Latin-1 and encoded again after signing (é became Ã©)",
        op: Op::Utf8ToLatin1,
    },
    Change {
        id: "latin1-to-utf8",
        what: "read as Latin-1 and encoded again as UTF-8 (é as Ã©) before signing",
        op: Op::Latin1ToUtf8,
    },
    Change {
        id: "percent-decoded",
        what: "percent-decoded (%XX as the byte)",
        op: Op::PercentDecode(false),
    },
    Change {
        id: "form-decoded",
        what: "form-decoded (+ as a space, %XX as the byte)",
        op: Op::PercentDecode(true),
    },
    Change {
        id: "percent-encoded",
        what: "percent-encoded (encodeURIComponent)",
        op: Op::PercentEncode(b"-_.!~*'()", false),
    },
    Change {
        id: "form-encoded",
        what: "form-encoded (application/x-www-form-urlencoded)",
        op: Op::PercentEncode(b"*-._", true),
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
pub(super) fn find(body: &[u8], matches: &mut dyn FnMut(&[u8]) -> bool) -> Option<Found> {
    // Different changes often give the same bytes: each is hashed once.
    let mut seen = vec![fingerprint(body)];
    let matches = &mut |candidate: &[u8]| {
        let print = fingerprint(candidate);
        !seen.contains(&print) && {
            seen.push(print);
            matches(candidate)
        }
    };
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
        // A re-serialisation reads only the JSON value: after a change that
        // keeps the value, it gives what it gives alone.
        let redundant = |b: &Change| matches!(b.op, Op::Json(_)) && a.op.keeps_json_value();
        for b in CHANGES.iter().filter(|b| b.id != a.id && !redundant(b)) {
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

/// Length and FNV-1a of some bytes: many times faster than the SHA-256 it
/// saves, and a collision costs at most a missed candidate.
fn fingerprint(bytes: &[u8]) -> (usize, u64) {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    (bytes.len(), hash)
}

/// `change` of `input` into `out`: false when it does not apply, changes
/// nothing, or grows past [`MAX_CANDIDATE`].
fn apply(change: &Change, input: &Input<'_>, out: &mut Vec<u8>) -> bool {
    out.clear();
    let bytes = input.bytes;
    let applies = match change.op {
        Op::Around(before, after) => {
            out.extend_from_slice(before);
            out.extend_from_slice(bytes);
            out.extend_from_slice(after);
            true
        }
        Op::NoFinalNewline => {
            let without = bytes
                .strip_suffix(b"\r\n")
                .or_else(|| bytes.strip_suffix(b"\n"));
            without.map(|b| out.extend_from_slice(b)).is_some()
        }
        Op::Trim => {
            out.extend_from_slice(bytes.trim_ascii());
            true
        }
        Op::NoPrefix(prefix) => bytes
            .strip_prefix(prefix)
            .map(|b| out.extend_from_slice(b))
            .is_some(),
        Op::LineEndings(ending) => bytes.contains(&b'\n') && line_endings(bytes, out, ending),
        Op::EscapeSlashes => in_strings(input, out, '/', &mut |p, out| match p {
            Piece::Plain(t) => replace_char(t, '/', "\\/", out),
            Piece::Outside(t) | Piece::Escape(t) => out.extend_from_slice(t.as_bytes()),
        }),
        Op::UnescapeSlashes => in_strings(input, out, '\\', &mut |p, out| match p {
            Piece::Escape("\\/") => out.push(b'/'),
            Piece::Outside(t) | Piece::Plain(t) | Piece::Escape(t) => {
                out.extend_from_slice(t.as_bytes())
            }
        }),
        Op::EscapeNonAscii(upper) => !bytes.is_ascii() && escape_non_ascii(input, out, upper),
        Op::UnescapeNonAscii => unescape_non_ascii(input, out),
        Op::Json(style) => styled(input, out, style),
        Op::Utf8ToLatin1 => utf8_to_latin1(input, out),
        Op::Latin1ToUtf8 => latin1_to_utf8(input, out),
        Op::PercentDecode(plus_is_space) => percent_decode(bytes, out, plus_is_space),
        Op::PercentEncode(keep, space_as_plus) => percent_encode(bytes, out, keep, space_as_plus),
    };
    applies && out.as_slice() != bytes && out.len() <= MAX_CANDIDATE
}

/// A body, or a body changed once, with its JSON parsed when first needed.
struct Input<'a> {
    bytes: &'a [u8],
    json: OnceCell<Option<Value<'a>>>,
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

    fn json(&self) -> Option<&Value<'a>> {
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
fn pieces<'a>(text: &'a str, f: &mut dyn FnMut(Piece<'a>)) {
    let mut rest = text;
    let mut in_string = false;
    while !rest.is_empty() {
        let stop = |b: &u8| *b == b'"' || (in_string && *b == b'\\');
        let run = rest.bytes().position(|b| stop(&b)).unwrap_or(rest.len());
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
    f: &mut dyn FnMut(Piece<'a>, &mut Vec<u8>),
) -> bool {
    let Some(text) = input.text().filter(|t| t.contains(needle)) else {
        return false;
    };
    pieces(text, &mut |p| f(p, out));
    true
}

fn escape_non_ascii(input: &Input<'_>, out: &mut Vec<u8>, upper: bool) -> bool {
    in_strings(input, out, '"', &mut |p, out| match p {
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
    let hex = escape.strip_prefix("\\u")?;
    hex.chars()
        .try_fold(0, |acc, c| Some(acc << 4 | c.to_digit(16)?))
}

fn unescape_non_ascii(input: &Input<'_>, out: &mut Vec<u8>) -> bool {
    // A high surrogate waits for its low half.
    let mut high: Option<(u32, &str)> = None;
    let found = in_strings(input, out, '\\', &mut |p, out| {
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
        match b {
            0..0x80 => out.push(b),
            _ => out.extend_from_slice(&[0xc0 | b >> 6, 0x80 | (b & 0x3f)]),
        }
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
