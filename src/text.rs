//! Finding a string in a string, a byte at a time.
//!
//! The standard library's `str::find(&str)` (and `contains`, `replace`,
//! `split_once`, `match_indices` with a `&str` pattern, and
//! `contains(char)` for a `char` not known to be ASCII) runs the two-way
//! algorithm, whose searcher and the panic messages of string slicing it
//! brings in (with `char`'s debug formatting) cost the `.wasm` 4.7 KB
//! gzipped. The needles here are a few bytes and the texts short (keys,
//! paths, payee fields): a plain scan does. A match of valid UTF-8 in valid
//! UTF-8 always starts and ends on character boundaries, so the positions
//! found slice the text safely.

/// The byte position of the first `needle` in `text` (never for an empty
/// needle: every caller looks for a non-empty one).
pub(crate) fn find(text: &str, needle: &str) -> Option<usize> {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    if needle.is_empty() {
        return None;
    }
    (0..text.len()).find(|&at| text.get(at..at + needle.len()) == Some(needle))
}

/// Whether `text` holds `needle`.
pub(crate) fn contains(text: &str, needle: &str) -> bool {
    find(text, needle).is_some()
}

/// `text` split around its first `needle`.
pub(crate) fn split_once<'a>(text: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let at = find(text, needle)?;
    Some((text.get(..at)?, text.get(at + needle.len()..)?))
}

/// `text` with every `from` as `to`, left to right without overlaps. With
/// `to` no longer than `from`, the answer never outgrows its first
/// allocation: a caller that wipes it (key text) wipes every copy.
pub(crate) fn replace(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((before, after)) = split_once(rest, from) {
        out.push_str(before);
        out.push_str(to);
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each answers as the standard library's own does.
    #[test]
    fn as_std_does() {
        let texts = [
            "",
            "a",
            "[]",
            "a[]b[]",
            "[][]",
            "x.[].y",
            "ééé[]é",
            "--- -----END ",
            "\\r\\n\\\\n",
        ];
        let needles = ["[]", "a", "é[", "-----END ", "\\n", "\\r", "..", "[][]"];
        for text in texts {
            for needle in needles {
                assert_eq!(find(text, needle), text.find(needle), "{text:?} {needle:?}");
                assert_eq!(contains(text, needle), text.contains(needle));
                assert_eq!(split_once(text, needle), text.split_once(needle));
                assert_eq!(replace(text, needle, "<>"), text.replace(needle, "<>"));
            }
        }
        assert_eq!(find("abc", ""), None);
    }
}
