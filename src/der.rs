//! A minimal DER reader: just enough to tell key containers apart before
//! handing them to the `rsa` crate, and to find the public key inside an
//! X.509 certificate. It never allocates and never panics.

/// Universal tags used in key containers.
pub const INTEGER: u8 = 0x02;
pub const BIT_STRING: u8 = 0x03;
pub const OCTET_STRING: u8 = 0x04;
pub const OID: u8 = 0x06;
pub const SEQUENCE: u8 = 0x30;

/// One TLV element: its tag, its content, and the whole encoding.
#[derive(Clone, Copy, Debug)]
pub struct Tlv<'a> {
    pub tag: u8,
    pub content: &'a [u8],
    pub raw: &'a [u8],
}

/// Reads consecutive TLV elements from a byte slice.
#[derive(Clone, Copy, Debug)]
pub struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { rest: bytes }
    }

    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The next element, or `None` when the input is exhausted or malformed.
    pub fn next_tlv(&mut self) -> Option<Tlv<'a>> {
        let (&tag, after_tag) = self.rest.split_first()?;
        if tag & 0x1f == 0x1f {
            return None; // multi-byte tags never occur in key containers
        }
        let (&first, mut after_len) = after_tag.split_first()?;
        let len = if first < 0x80 {
            usize::from(first)
        } else {
            let count = usize::from(first & 0x7f);
            if count == 0 || count > 4 {
                return None;
            }
            let (len_bytes, rest) = after_len.split_at_checked(count)?;
            after_len = rest;
            len_bytes
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | usize::from(b))
        };
        let (content, rest) = after_len.split_at_checked(len)?;
        let header_len = self.rest.len() - after_len.len();
        let raw = self.rest.get(..header_len + len)?;
        self.rest = rest;
        Some(Tlv { tag, content, raw })
    }

    /// The next element if it has the given tag.
    pub fn expect(&mut self, tag: u8) -> Option<Tlv<'a>> {
        let tlv = self.next_tlv()?;
        (tlv.tag == tag).then_some(tlv)
    }
}

/// The unsigned big-endian magnitude of a non-negative INTEGER's content,
/// without leading zero bytes; `None` for a negative or empty INTEGER.
pub fn unsigned(content: &[u8]) -> Option<&[u8]> {
    let (&first, _) = content.split_first()?;
    if first & 0x80 != 0 {
        return None;
    }
    Some(trim_zeros(content))
}

/// A big-endian magnitude without its leading zero bytes.
pub fn trim_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

/// Appends one TLV with a definite, minimal length.
pub fn write(out: &mut Vec<u8>, tag: u8, content: &[u8]) {
    out.push(tag);
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let significant = trim_zeros(&bytes);
        out.push(0x80 | significant.len() as u8);
        out.extend_from_slice(significant);
    }
    out.extend_from_slice(content);
}

/// Appends a non-negative INTEGER from big-endian magnitude bytes.
pub fn write_unsigned(out: &mut Vec<u8>, magnitude: &[u8]) {
    let digits = trim_zeros(magnitude);
    let mut content = Vec::with_capacity(digits.len() + 1);
    if digits.first().is_none_or(|&b| b & 0x80 != 0) {
        content.push(0);
    }
    content.extend_from_slice(digits);
    write(out, INTEGER, &content);
}

/// The elements of a SEQUENCE's content, or `None` if `bytes` is not exactly one SEQUENCE.
pub fn sequence(bytes: &[u8]) -> Option<Reader<'_>> {
    let mut outer = Reader::new(bytes);
    let seq = outer.expect(SEQUENCE)?;
    outer.is_empty().then(|| Reader::new(seq.content))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_short_and_long_lengths() {
        let mut long = vec![0x04, 0x81, 0x80];
        long.extend([7u8; 0x80]);
        let mut r = Reader::new(&long);
        let t = r.next_tlv().unwrap();
        assert_eq!(t.content.len(), 0x80);
        assert!(r.is_empty());
        let mut r = Reader::new(&[0x02, 0x01, 0x05]);
        assert_eq!(r.expect(INTEGER).unwrap().content, &[5]);
    }

    #[test]
    fn integers_round_trip() {
        for (magnitude, encoded) in [
            (&[][..], &[0x02, 0x01, 0x00][..]),
            (&[0x00, 0x01], &[0x02, 0x01, 0x01]),
            (&[0x80], &[0x02, 0x02, 0x00, 0x80]),
            (&[0x7f, 0xff], &[0x02, 0x02, 0x7f, 0xff]),
        ] {
            let mut out = Vec::new();
            write_unsigned(&mut out, magnitude);
            assert_eq!(out, encoded);
            let tlv = Reader::new(&out).expect(INTEGER).unwrap();
            let stripped: Vec<u8> = magnitude.iter().copied().skip_while(|&b| b == 0).collect();
            assert_eq!(unsigned(tlv.content).unwrap(), &stripped[..]);
        }
        assert!(unsigned(&[0x80]).is_none());
        let mut long = Vec::new();
        write(&mut long, OCTET_STRING, &[1; 300]);
        assert_eq!(&long[..4], &[0x04, 0x82, 0x01, 0x2c]);
    }

    #[test]
    fn rejects_truncation_and_bad_lengths() {
        assert!(Reader::new(&[0x30, 0x05, 0x00]).next_tlv().is_none());
        assert!(Reader::new(&[0x30, 0x80]).next_tlv().is_none());
        assert!(Reader::new(&[0x30, 0x85, 1, 1, 1, 1, 1])
            .next_tlv()
            .is_none());
        assert!(Reader::new(&[0x1f, 0x01, 0x00]).next_tlv().is_none());
        assert!(sequence(&[0x30, 0x00, 0x00]).is_none());
    }
}
