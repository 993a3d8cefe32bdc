//! A portable regular-expression subset for rule sets: what behaves the same
//! in JS `RegExp` (without flags) and here. Patterns match the whole value,
//! like an HTML `pattern` attribute.
//!
//! Supported: literals, `.`, classes `[a-z_]` / `[^...]`, `\d \D \w \W \s \S`,
//! escaped metacharacters, groups `(...)` / `(?:...)`, `|`, and the greedy
//! quantifiers `* + ? {n} {n,} {n,m}`; `^` / `$` only at the ends. Refused:
//! look-around, back-references, `\b`, lazy quantifiers, Unicode escapes.
//! Matching is a Pike VM: time linear in the input, whatever the pattern.

/// Longest pattern accepted.
const MAX_PATTERN: usize = 512;
/// Largest compiled program (counted repetitions are expanded).
const MAX_PROGRAM: usize = 4096;

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    program: Vec<Inst>,
    /// The pattern as a sequence of classes, each repeated `min..=max`
    /// times (most rule-set patterns, such as `[A-Z]{2}` or
    /// `https?://[^\s]+`), where taking as many characters as each step
    /// allows is the only way to match: matched by counting instead of by
    /// the VM.
    steps: Option<Vec<Step>>,
}

/// A class repeated `min..=max` times, with the ASCII characters it
/// matches as a bitmap (bit `b % 8` of byte `b / 8` for the byte `b`):
/// ASCII text, which most values are, is matched a byte at a time.
#[derive(Clone, Debug)]
struct Step {
    class: Class,
    ascii: [u8; 16],
    min: u32,
    max: Option<u32>,
}

impl Step {
    fn new(class: &Class, min: u32, max: Option<u32>) -> Step {
        let mut ascii = [0u8; 16];
        for b in 0..128u8 {
            if let Some(byte) = ascii.get_mut(usize::from(b >> 3)) {
                *byte |= u8::from(class.matches(char::from(b))) << (b & 7);
            }
        }
        Step {
            class: class.clone(),
            ascii,
            min,
            max,
        }
    }
}

#[derive(Clone, Debug)]
enum Inst {
    Class(Class),
    Split(usize, usize),
    Jmp(usize),
    Match,
}

#[derive(Clone, Debug, Default)]
struct Class {
    ranges: Vec<(char, char)>,
    negated: bool,
}

impl Class {
    fn matches(&self, c: char) -> bool {
        // Plain loops in this file's hot paths: the size-optimised wasm
        // build calls a closure per item for `any`.
        for &(a, b) in &self.ranges {
            if a <= c && c <= b {
                return !self.negated;
            }
        }
        self.negated
    }

    /// Whether no character matches both (`false` when unsure).
    fn disjoint(&self, other: &Class) -> bool {
        // Every range of `a` inside one range of `b`.
        let within = |a: &Class, b: &Class| {
            (a.ranges.iter()).all(|&(lo, hi)| b.ranges.iter().any(|&(l, h)| l <= lo && hi <= h))
        };
        match (self.negated, other.negated) {
            (false, false) => !(self.ranges.iter())
                .any(|&(lo, hi)| other.ranges.iter().any(|&(l, h)| lo <= h && l <= hi)),
            (false, true) => within(self, other),
            (true, false) => within(other, self),
            (true, true) => false,
        }
    }
}

#[derive(Clone, Debug)]
enum Node {
    Class(Class),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat(Box<Node>, u32, Option<u32>),
}

const DIGIT: &[(char, char)] = &[('0', '9')];
const WORD: &[(char, char)] = &[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];
// JS `\s`: WhiteSpace and LineTerminator.
const SPACE: &[(char, char)] = &[
    ('\t', '\r'),
    (' ', ' '),
    ('\u{a0}', '\u{a0}'),
    ('\u{1680}', '\u{1680}'),
    ('\u{2000}', '\u{200a}'),
    ('\u{2028}', '\u{2029}'),
    ('\u{202f}', '\u{202f}'),
    ('\u{205f}', '\u{205f}'),
    ('\u{3000}', '\u{3000}'),
    ('\u{feff}', '\u{feff}'),
];
const LINE_TERMINATORS: &[(char, char)] = &[('\n', '\n'), ('\r', '\r'), ('\u{2028}', '\u{2029}')];

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    source: &'a str,
}

type ParseResult<T> = Result<T, String>;

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn err<T>(&self, what: &str) -> ParseResult<T> {
        Err(format!(
            "pattern {}: {what} at {}",
            crate::error::Quoted(self.source),
            self.pos
        ))
    }

    fn alternation(&mut self, depth: usize) -> ParseResult<Node> {
        if depth > 32 {
            return self.err("groups nested too deeply");
        }
        let mut branches = vec![self.concat(depth)?];
        while self.peek() == Some('|') {
            self.pos += 1;
            branches.push(self.concat(depth)?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Concat(vec![]))
        } else {
            Node::Alt(branches)
        })
    }

    fn concat(&mut self, depth: usize) -> ParseResult<Node> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom(depth)?;
            items.push(self.quantified(atom)?);
        }
        Ok(Node::Concat(items))
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        let text: String = self.chars.get(start..self.pos)?.iter().collect();
        text.parse().ok()
    }

    fn quantified(&mut self, atom: Node) -> ParseResult<Node> {
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => {
                self.pos += 1;
                let Some(min) = self.number() else {
                    return self.err("a literal { must be escaped");
                };
                let max = if self.peek() == Some(',') {
                    self.pos += 1;
                    if self.peek() == Some('}') {
                        None
                    } else {
                        Some(self.number().ok_or("bad {n,m}".to_owned())?)
                    }
                } else {
                    Some(min)
                };
                if self.peek() != Some('}') || max.is_some_and(|m| m < min) || min > 1000 {
                    return self.err("bad {n,m} quantifier");
                }
                (min, max)
            }
            _ => return Ok(atom),
        };
        self.pos += 1;
        if matches!(self.peek(), Some('?' | '*' | '+' | '{')) {
            return self.err("lazy or stacked quantifiers are not portable");
        }
        Ok(Node::Repeat(Box::new(atom), min, max))
    }

    fn atom(&mut self, depth: usize) -> ParseResult<Node> {
        let Some(c) = self.peek() else {
            return self.err("unexpected end");
        };
        self.pos += 1;
        let class = |ranges: &[(char, char)], negated| {
            Node::Class(Class {
                ranges: ranges.to_vec(),
                negated,
            })
        };
        match c {
            '(' => {
                if self.peek() == Some('?') {
                    if self.chars.get(self.pos + 1) != Some(&':') {
                        return self.err("look-around and named groups are not portable");
                    }
                    self.pos += 2;
                }
                let inner = self.alternation(depth + 1)?;
                if self.peek() != Some(')') {
                    return self.err("missing )");
                }
                self.pos += 1;
                Ok(inner)
            }
            '[' => self.class(),
            '.' => Ok(class(LINE_TERMINATORS, true)),
            '\\' => self.escape().map(Node::Class),
            '^' | '$' => {
                self.err("^ and $ are allowed only at the ends (matching is whole-value anyway)")
            }
            '*' | '+' | '?' | '{' | '}' | ']' | ')' => self.err("unescaped metacharacter"),
            c => Ok(class(&[(c, c)], false)),
        }
    }

    fn escape(&mut self) -> ParseResult<Class> {
        let Some(c) = self.peek() else {
            return self.err("trailing backslash");
        };
        self.pos += 1;
        let set = |ranges: &[(char, char)], negated| Class {
            ranges: ranges.to_vec(),
            negated,
        };
        Ok(match c {
            'd' => set(DIGIT, false),
            'D' => set(DIGIT, true),
            'w' => set(WORD, false),
            'W' => set(WORD, true),
            's' => set(SPACE, false),
            'S' => set(SPACE, true),
            'n' => set(&[('\n', '\n')], false),
            't' => set(&[('\t', '\t')], false),
            c if c.is_ascii() && b"\\^$.|?*+()[]{}/-".contains(&(c as u8)) => set(&[(c, c)], false),
            _ => return self.err("this escape is not portable"),
        })
    }

    fn class(&mut self) -> ParseResult<Node> {
        let mut out = Class::default();
        if self.peek() == Some('^') {
            out.negated = true;
            self.pos += 1;
        }
        let mut first = true;
        loop {
            let Some(c) = self.peek() else {
                return self.err("missing ]");
            };
            self.pos += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            let lo = match c {
                '\\' => {
                    let e = self.escape()?;
                    if e.negated
                        || e.ranges.len() != 1
                        || e.ranges.first().is_some_and(|r| r.0 != r.1)
                    {
                        out.ranges
                            .extend(e.ranges.iter().copied().filter(|_| !e.negated));
                        if e.negated {
                            return self.err("negated escapes inside [] are not supported");
                        }
                        continue;
                    }
                    e.ranges.first().map(|r| r.0).unwrap_or(c)
                }
                '[' => return self.err("nested [ must be escaped"),
                c => c,
            };
            if self.peek() == Some('-') && self.chars.get(self.pos + 1).is_some_and(|&n| n != ']') {
                self.pos += 1;
                let Some(mut hi) = self.peek() else {
                    return self.err("missing ]");
                };
                self.pos += 1;
                if hi == '\\' {
                    let e = self.escape()?;
                    match e.ranges.as_slice() {
                        [(a, b)] if a == b && !e.negated => hi = *a,
                        _ => return self.err("bad class range"),
                    }
                }
                if hi < lo {
                    return self.err("reversed class range");
                }
                out.ranges.push((lo, hi));
            } else {
                out.ranges.push((lo, lo));
            }
        }
        Ok(Node::Class(out))
    }
}

fn emit(node: &Node, prog: &mut Vec<Inst>) -> ParseResult<()> {
    if prog.len() > MAX_PROGRAM {
        return Err("pattern too large once repetitions are expanded".into());
    }
    match node {
        Node::Class(c) => prog.push(Inst::Class(c.clone())),
        Node::Concat(items) => {
            for n in items {
                emit(n, prog)?;
            }
        }
        Node::Alt(branches) => {
            let mut jumps = Vec::new();
            for (i, b) in branches.iter().enumerate() {
                if i + 1 < branches.len() {
                    let split = prog.len();
                    prog.push(Inst::Split(split + 1, 0));
                    emit(b, prog)?;
                    jumps.push(prog.len());
                    prog.push(Inst::Jmp(0));
                    let next = prog.len();
                    if let Some(Inst::Split(_, alt)) = prog.get_mut(split) {
                        *alt = next;
                    }
                } else {
                    emit(b, prog)?;
                }
            }
            let end = prog.len();
            for j in jumps {
                if let Some(Inst::Jmp(t)) = prog.get_mut(j) {
                    *t = end;
                }
            }
        }
        Node::Repeat(inner, min, max) => {
            for _ in 0..*min {
                emit(inner, prog)?;
            }
            match max {
                None => {
                    let split = prog.len();
                    prog.push(Inst::Split(split + 1, 0));
                    emit(inner, prog)?;
                    prog.push(Inst::Jmp(split));
                    let end = prog.len();
                    if let Some(Inst::Split(_, alt)) = prog.get_mut(split) {
                        *alt = end;
                    }
                }
                Some(max) => {
                    let mut splits = Vec::new();
                    for _ in *min..*max {
                        splits.push(prog.len());
                        prog.push(Inst::Split(prog.len() + 1, 0));
                        emit(inner, prog)?;
                        if prog.len() > MAX_PROGRAM {
                            return Err("pattern too large once repetitions are expanded".into());
                        }
                    }
                    let end = prog.len();
                    for s in splits {
                        if let Some(Inst::Split(_, alt)) = prog.get_mut(s) {
                            *alt = end;
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

/// The pattern as classes with repeat counts, when matching each step
/// greedily cannot miss a match: a step of variable length shares no
/// character with the steps that could take the character after it (up to
/// the first that takes at least one).
fn greedy_steps(node: &Node) -> Option<Vec<Step>> {
    let items = match node {
        Node::Concat(items) => items.as_slice(),
        _ => return None,
    };
    let mut steps = Vec::with_capacity(items.len());
    for item in items {
        steps.push(match item {
            Node::Class(class) => Step::new(class, 1, Some(1)),
            Node::Repeat(inner, min, max) => match inner.as_ref() {
                Node::Class(class) => Step::new(class, *min, *max),
                _ => return None,
            },
            _ => return None,
        });
    }
    for (i, step) in steps.iter().enumerate() {
        if Some(step.min) == step.max {
            continue;
        }
        for next in steps.iter().skip(i + 1) {
            if !step.class.disjoint(&next.class) {
                return None;
            }
            if next.min > 0 {
                break;
            }
        }
    }
    Some(steps)
}

impl Pattern {
    /// Compiles a pattern of the portable subset, or says what is not portable.
    pub fn compile(source: &str) -> Result<Pattern, String> {
        if source.chars().count() > MAX_PATTERN {
            return Err(format!("a pattern has at most {MAX_PATTERN} characters"));
        }
        let body = source.strip_prefix('^').unwrap_or(source);
        let body = match body.strip_suffix('$') {
            Some(b) if !b.ends_with('\\') => b,
            _ => body,
        };
        let mut p = Parser {
            chars: body.chars().collect(),
            pos: 0,
            source,
        };
        let node = p.alternation(0)?;
        if p.pos != p.chars.len() {
            return p.err("unbalanced )");
        }
        let mut program = Vec::new();
        emit(&node, &mut program)?;
        program.push(Inst::Match);
        if program.len() > MAX_PROGRAM {
            return Err("pattern too large once repetitions are expanded".into());
        }
        let steps = greedy_steps(&node);
        Ok(Pattern { program, steps })
    }

    /// Whether the whole of `text` matches.
    pub fn is_match(&self, text: &str) -> bool {
        if let Some(steps) = &self.steps {
            if text.is_ascii() {
                let bytes = text.as_bytes();
                let mut at = 0;
                for step in steps {
                    let mut count = 0u32;
                    while step.max.is_none_or(|m| count < m) {
                        match bytes.get(at) {
                            Some(&b)
                                if step
                                    .ascii
                                    .get(usize::from(b >> 3))
                                    .is_some_and(|m| m >> (b & 7) & 1 == 1) =>
                            {
                                at += 1
                            }
                            _ => break,
                        }
                        count += 1;
                    }
                    if count < step.min {
                        return false;
                    }
                }
                return at == bytes.len();
            }
            let mut chars = text.chars().peekable();
            for step in steps {
                let mut count = 0u32;
                while step.max.is_none_or(|m| count < m)
                    && chars.next_if(|&c| step.class.matches(c)).is_some()
                {
                    count += 1;
                }
                if count < step.min {
                    return false;
                }
            }
            return chars.next().is_none();
        }
        let n = self.program.len();
        let mut current: Vec<usize> = Vec::with_capacity(n);
        let mut next: Vec<usize> = Vec::with_capacity(n);
        let mut seen = vec![usize::MAX; n];
        let mut stack = Vec::new();
        self.add(&mut current, &mut seen, &mut stack, 0, 0);
        for (step, c) in text.chars().enumerate() {
            next.clear();
            for &pc in &current {
                if let Some(Inst::Class(class)) = self.program.get(pc) {
                    if class.matches(c) {
                        self.add(&mut next, &mut seen, &mut stack, pc + 1, step + 1);
                    }
                }
            }
            core::mem::swap(&mut current, &mut next);
            if current.is_empty() {
                return false;
            }
        }
        current
            .iter()
            .any(|&pc| matches!(self.program.get(pc), Some(Inst::Match)))
    }

    /// Adds a thread at `pc`, following jumps and splits (each pc once per
    /// step); `stack` is scratch space, kept between calls.
    fn add(
        &self,
        list: &mut Vec<usize>,
        seen: &mut [usize],
        stack: &mut Vec<usize>,
        pc: usize,
        step: usize,
    ) {
        stack.push(pc);
        while let Some(pc) = stack.pop() {
            match seen.get_mut(pc) {
                Some(s) if *s != step => *s = step,
                _ => continue,
            }
            match self.program.get(pc) {
                Some(Inst::Jmp(t)) => stack.push(*t),
                Some(Inst::Split(a, b)) => {
                    stack.push(*b);
                    stack.push(*a);
                }
                Some(_) => list.push(pc),
                None => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, t: &str) -> bool {
        Pattern::compile(p).unwrap().is_match(t)
    }

    #[test]
    fn greedy_steps_match_as_the_vm_does() {
        let texts = [
            "",
            "A",
            "AB",
            "ABC",
            "ab",
            "A B",
            "Ñ",
            "12",
            "1234567890123456789012",
            "http://x",
            "https://a.example/p?q=1",
            "https:/x",
            "httpss://x",
            "https://",
            "https:// x",
            "ftp://x",
            "ss:",
            "s:",
            ":",
            "a1",
            "aa1",
            "a11",
            "1a",
            "A-1",
            "AB-12",
            "-",
            "x\ny",
            "ÑA",
            "AÑ",
            "aé1",
            "A\u{2028}B",
            "https://é.example",
            "\u{7f}",
            "A\u{80}",
        ];
        let fast_ones = [
            "[A-Z]{2}",
            "[A-Z]{2,}",
            "[0-9]{4,20}",
            "[A-Za-z ,.\\-]*",
            "[^a-z]+",
            "\\d?",
            "[A-Z]{0}",
            "https?://[^\\s]+",
            "A[0-9]+",
            "a+1?",
            "[A-Z]{1,2}-\\d+",
            "s?:",
            ".+",
            "[a-z]*[0-9]*",
        ];
        for source in fast_ones {
            let fast = Pattern::compile(source).unwrap();
            assert!(fast.steps.is_some(), "{source}");
            let vm = Pattern {
                steps: None,
                ..fast.clone()
            };
            for t in texts {
                assert_eq!(fast.is_match(t), vm.is_match(t), "{source} on {t:?}");
            }
        }
        // Where a greedy step could take what a later one needs, the VM matches.
        for source in [
            "[0-9]{3}|[0-9]{6}",
            "a*a",
            "[a-z]*s?:",
            "[^0-9]+x",
            "[a-z]?[a-c]",
            "(ab)+",
            "a*[^b]",
        ] {
            assert!(
                Pattern::compile(source).unwrap().steps.is_none(),
                "{source}"
            );
        }
        assert!(m("a*a", "aaa") && m("[a-z]*s?:", "ss:") && m("[^0-9]+x", "abx"));
    }

    #[test]
    fn whole_value_matching() {
        assert!(m("[A-Za-z ,.\\-]+", "Rosa Quispe-Diaz, Jr."));
        assert!(!m("[A-Za-z ,.\\-]+", "Rosa2"));
        assert!(m("^\\d{3}-\\d{4}$", "123-4567"));
        assert!(!m("\\d{3}", "1234"));
        assert!(m("(?:ab|cd)*e?", "abcdab"));
        assert!(m("a{2,3}", "aaa") && !m("a{2,3}", "aaaa") && !m("a{2,3}", "a"));
        assert!(m("[^0-9]*", "abc") && !m("[^0-9]*", "a1"));
        assert!(m(".+", "xyz") && !m(".+", "a\nb"));
        assert!(m("\\w+@\\w+\\.com", "a_b@ex.com"));
        assert!(m("", "") && !m("", "a"));
        assert!(m("a|", "") && m("a|", "a"));
    }

    #[test]
    fn linear_time_on_hostile_patterns() {
        let p = Pattern::compile("(a*)*b").unwrap();
        assert!(!p.is_match(&"a".repeat(10_000)));
        let p = Pattern::compile("(a|a)*c").unwrap();
        assert!(!p.is_match(&"a".repeat(10_000)));
    }

    #[test]
    fn non_portable_syntax_is_refused() {
        for bad in [
            "(?=a)", "(?!a)", "(?<=a)b", "(?<n>a)", "(a)\\1", "\\bword", "a*?", "a+?", "\\p{L}",
            "\\u0041", "a{2", "(a", "a)", "[a", "[z-a]", "a^b", "*a", "a{5,2}",
        ] {
            assert!(Pattern::compile(bad).is_err(), "{bad}");
        }
        assert!(Pattern::compile(&"a".repeat(600)).is_err());
        assert!(Pattern::compile("(a{1000}){1000}").is_err());
    }
}
