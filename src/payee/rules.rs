//! The rule engine: a rule set (its schema is [`super::schema`]) holds
//! field rules by dotted path. `validate` answers like PayerMax's
//! `paymentFieldValidation`: fields not sent are not validated unless
//! required; sent fields the rule set does not know are ignored.

use core::cmp::Ordering;
use std::borrow::Cow;
use std::sync::OnceLock;

use serde::{Serialize, Serializer};

pub use super::schema::RuleSet;
use super::schema::{Condition, Format, Operand, Rule, Type};
use super::{phone, validate_field, Context};
use crate::error::{Error, Quoted, Result};
use crate::json::{self, Value};

/// Why a value failed: a rule's own words (said of the field), or a field
/// kind's message (a sentence of its own).
pub(super) enum Problem {
    Rule(&'static str, String),
    Kind(&'static str, String),
}

pub use crate::error::FieldFailure as Failure;

/// The answer, in the shape of `paymentFieldValidation`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Fields checked and found valid.
    pub passed: Vec<String>,
    /// Fields sent that the rule set does not use.
    pub ignored: Vec<String>,
    /// Fields that failed, with why.
    pub failed: Vec<Failure>,
}

/// The report as `paymentFieldValidation` answers: `{validationCode,
/// validationPassedFields: [{field}], ignoredFields: [{field}],
/// validationFailedFields: [{field, code, errorMsg}]}`.
impl Serialize for Report {
    fn serialize<S: Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Field<'a> {
            field: &'a str,
        }
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Shape<'a> {
            validation_code: &'static str,
            validation_passed_fields: Vec<Field<'a>>,
            ignored_fields: Vec<Field<'a>>,
            validation_failed_fields: &'a [Failure],
        }
        fn fields(paths: &[String]) -> Vec<Field<'_>> {
            paths.iter().map(|p| Field { field: p }).collect()
        }
        Shape {
            validation_code: self.validation_code(),
            validation_passed_fields: fields(&self.passed),
            ignored_fields: fields(&self.ignored),
            validation_failed_fields: &self.failed,
        }
        .serialize(s)
    }
}

impl Report {
    /// The report as text for the JS layer, which builds the
    /// `paymentFieldValidation` shape from it: the validation code, then
    /// the passed fields, the ignored fields and the failures (field, code,
    /// message for each), each list led by U+0002 and each string ended by
    /// U+0001. U+0001, U+0002 and U+001B within a string are written as
    /// U+001B and the character 0x40 above (`A`, `B`, `[`). The JS layer
    /// splits this faster than `JSON.parse` reads arrays, and it takes
    /// fewer copies to write than JSON.
    pub fn to_compact_text(&self) -> String {
        let mut text = CompactText::new();
        for p in &self.passed {
            text.passed(p);
        }
        for p in &self.ignored {
            text.ignored(p);
        }
        text.finish(&self.failed)
    }

    /// Adds another rule set's findings on the same data: its failures
    /// (one per field: where this report already refused a field, its
    /// reason stands), and the fields it checked that this report only
    /// ignored.
    pub fn absorb(&mut self, other: Report) {
        for f in other.failed {
            if !self.failed.iter().any(|g| g.field == f.field) {
                self.passed.retain(|p| *p != f.field);
                self.ignored.retain(|p| *p != f.field);
                self.failed.push(f);
            }
        }
        for p in other.passed {
            if self.ignored.contains(&p) && !self.failed.iter().any(|f| f.field == p) {
                self.ignored.retain(|i| *i != p);
                self.passed.push(p);
            }
        }
    }

    /// `PASS` or `PARAMS_INVALID`.
    pub fn validation_code(&self) -> &'static str {
        validation_code(&self.failed)
    }
}

/// `PASS` where nothing failed, else `PARAMS_INVALID`.
fn validation_code(failed: &[Failure]) -> &'static str {
    if failed.is_empty() {
        "PASS"
    } else {
        "PARAMS_INVALID"
    }
}

/// Rule-level failure codes (field kinds add theirs, e.g. `INVALID_CHECKSUM`).
pub mod codes {
    /// A required field is missing or empty.
    pub const REQUIRED: &str = "REQUIRED";
    /// Not of the declared type.
    pub const TYPE_MISMATCH: &str = "TYPE_MISMATCH";
    /// Shorter than `minLength`.
    pub const TOO_SHORT: &str = "TOO_SHORT";
    /// Longer than `maxLength`.
    pub const TOO_LONG: &str = "TOO_LONG";
    /// Not one of the allowed values.
    pub const NOT_ALLOWED: &str = "NOT_ALLOWED";
    /// Does not match the pattern or the date format.
    pub const INVALID_FORMAT: &str = "INVALID_FORMAT";
    /// Below `min` or above `max`.
    pub const OUT_OF_RANGE: &str = "OUT_OF_RANGE";
    /// More decimal places than `scale`.
    pub const INVALID_SCALE: &str = "INVALID_SCALE";
}

impl RuleSet {
    /// This rule set laid over `base`: same-path rules merge attribute by
    /// attribute (this one's win), conditions add up, parameters merge.
    pub fn over(mut self, base: &RuleSet) -> RuleSet {
        let mut fields = base.fields.clone();
        for (path, rule) in self.fields.0.drain(..) {
            match fields.0.iter_mut().find(|(p, _)| *p == path) {
                Some((_, existing)) => {
                    let mut when = core::mem::take(&mut existing.when);
                    when.extend(rule.when.iter().cloned());
                    *existing = Rule {
                        when,
                        ..merge(existing, &rule)
                    };
                }
                None => fields.0.push((path, rule)),
            }
        }
        let mut parameters = base.parameters.clone();
        for (k, v) in self.parameters.0.drain(..) {
            parameters.insert(k, v);
        }
        RuleSet {
            fields,
            parameters,
            index: IndexCell::default(),
            ..self
        }
    }

    /// The parameters with the caller's overrides applied.
    pub fn with_parameters(mut self, overrides: &[(String, Value<'static>)]) -> Result<RuleSet> {
        self.check_parameters(overrides)?;
        for (k, v) in overrides {
            self.parameters.insert(k.clone(), v.clone());
        }
        Ok(self)
    }

    /// Refuses an override of a parameter the rule set does not have.
    pub(crate) fn check_parameters(&self, overrides: &[(String, Value<'static>)]) -> Result<()> {
        for (k, _) in overrides {
            if self.parameters.get(k).is_none() {
                let known: Vec<&str> = self.parameters.0.iter().map(|(p, _)| p.as_str()).collect();
                return Err(Error::InvalidArgument(format!(
                    "rule set {} has no parameter {}; its parameters are: {}",
                    Quoted(&self.id),
                    Quoted(k),
                    if known.is_empty() {
                        "none".to_owned()
                    } else {
                        known.join(", ")
                    }
                )));
            }
        }
        Ok(())
    }

    /// Validates `data` (the `data` object of a request).
    pub fn validate(&self, data: &Value) -> Report {
        let mut report = Report::default();
        self.run(data, &[], &mut report);
        report
    }

    /// Validates `data` with parameter overrides (as
    /// [`with_parameters`](Self::with_parameters) would apply them, without
    /// copying the rule set).
    pub fn validate_with(
        &self,
        data: &Value,
        overrides: &[(String, Value<'static>)],
    ) -> Result<Report> {
        self.check_parameters(overrides)?;
        let mut report = Report::default();
        self.run(data, overrides, &mut report);
        Ok(report)
    }

    /// [`validate_with`](Self::validate_with)'s report as
    /// [`Report::to_compact_text`] writes it, without making the report.
    pub fn validate_to_compact_text(
        &self,
        data: &Value,
        overrides: &[(String, Value<'static>)],
    ) -> Result<String> {
        self.check_parameters(overrides)?;
        let mut text = CompactText::new();
        self.run(data, overrides, &mut text);
        let failed = core::mem::take(&mut text.failed);
        Ok(text.finish(&failed))
    }

    /// `self`'s report with `other`'s findings added as
    /// [`Report::absorb`] adds them, from one walk of the data while the
    /// two rule sets descend into it alike (nearly always: else two).
    pub fn validate_adding(&self, other: &RuleSet, data: &Value) -> Report {
        let (mut report, mut added) = (Report::default(), Report::default());
        self.adding(other, data, [&mut report, &mut added]);
        report.absorb(added);
        report
    }

    /// The failures of [`validate_adding`](Self::validate_adding), without
    /// the lists of fields passed and ignored: what decides whether a
    /// request is signed.
    pub fn failures_adding(&self, other: &RuleSet, data: &Value) -> Vec<Failure> {
        let (mut failed, mut added) = (Vec::new(), Vec::new());
        self.adding(other, data, [&mut failed, &mut added]);
        let mut report = Report {
            failed,
            ..Report::default()
        };
        report.absorb(Report {
            failed: added,
            ..Report::default()
        });
        report.failed
    }

    /// The failures of [`validate`](Self::validate) alone.
    pub fn failures(&self, data: &Value) -> Vec<Failure> {
        let mut failed = Vec::new();
        self.run(data, &[], &mut failed);
        failed
    }

    /// `self`'s findings on `data` in `ours`, `other`'s in `theirs`.
    fn adding(&self, other: &RuleSet, data: &Value, [ours, theirs]: [&mut dyn Findings; 2]) {
        let (first, second) = (Run::new(self, data, &[]), Run::new(other, data, &[]));
        match Walk::of(&first, Some(&second), data) {
            Some(walk) => {
                first.judge(&walk, 0, ours);
                second.judge(&walk, 1, theirs);
            }
            None => {
                self.run(data, &[], ours);
                other.run(data, &[], theirs);
            }
        }
    }

    fn index(&self) -> &Index {
        self.index.0.get_or_init(|| Index::new(&self.fields.0))
    }

    fn run(&self, data: &Value, overrides: &[(String, Value<'static>)], out: &mut dyn Findings) {
        let run = Run::new(self, data, overrides);
        // One rule set descends alike with itself: the walk always ends.
        let walk = Walk::of(&run, None, data).unwrap_or_default();
        run.judge(&walk, 0, out);
    }
}

/// Whether [`RuleSet::validate_adding`] walks `data` once for the two
/// rule sets (else twice).
#[cfg(test)]
pub(super) fn walks_alike(first: &RuleSet, second: &RuleSet, data: &Value) -> bool {
    let (first, second) = (Run::new(first, data, &[]), Run::new(second, data, &[]));
    Walk::of(&first, Some(&second), data).is_some()
}

/// A rule set's [`Index`], made on first use. A copy of the rule set
/// makes its own (a copy is made to be changed, as [`RuleSet::over`] does).
#[derive(Debug, Default)]
pub(crate) struct IndexCell(OnceLock<Index>);

impl Clone for IndexCell {
    fn clone(&self) -> IndexCell {
        IndexCell::default()
    }
}

/// What validating needs of a rule set besides its rules, made once from
/// them (a built-in rule set keeps it for every later call).
#[derive(Debug, Default)]
pub(crate) struct Index {
    /// The positions of the rules in an open-addressing table by the hash
    /// of their paths (`u32::MAX`: empty); its length is a power of two.
    slots: Vec<u32>,
    /// The shapes of the arrays whose items some rule names (`items` for
    /// `items[].id`).
    item_arrays: Vec<String>,
    /// The positions of the rules that can be required (by `required` or by
    /// a `when`), in order, each with whether its path names array items.
    may_require: Vec<(usize, bool)>,
    /// For each rule with conditions (at most [`MAX_LAID_OUT`]), the rule
    /// as it applies while a given set of them holds: at `holding - 1`,
    /// where bit `k` of `holding` says that the `k`th condition holds.
    layered: Vec<Vec<Rule>>,
}

/// The most conditions of one rule whose combinations the index lays out
/// ahead (built-in rules have at most 3).
const MAX_LAID_OUT: usize = 4;

/// FNV-1a of the path's shape (array indexes left out, as [`shape`]
/// does), and whether it has an index: a few instructions a byte, in one
/// pass over the path.
fn path_hash(path: &str) -> (usize, bool) {
    let PathHash { h, indexed, .. } = PathHash::START.feed(path.as_bytes());
    (h as usize, indexed)
}

/// [`path_hash`] as it goes: a path's hash goes on from its prefix's, so
/// that each key costs only its own bytes.
#[derive(Clone, Copy)]
struct PathHash {
    h: u32,
    in_index: bool,
    indexed: bool,
}

impl PathHash {
    const START: PathHash = PathHash {
        h: 0x811c_9dc5,
        in_index: false,
        indexed: false,
    };

    /// [`feed`](Self::feed) of an object key, and whether the key is
    /// plain: not empty, and no `.`, `[` or `]` in it.
    fn feed_key(self, key: &[u8]) -> (PathHash, bool) {
        // Nearly every key is plain and fed outside an index, where the
        // hash is plain FNV-1a: a few instructions a byte.
        let (mut h, mut plain) = (self.h, !key.is_empty());
        for &b in key {
            plain &= !matches!(b, b'.' | b'[' | b']');
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
        if plain && !self.in_index {
            return (PathHash { h, ..self }, true);
        }
        (self.feed(key), plain)
    }

    /// The hash gone on over `bytes`, array indexes left out.
    fn feed(mut self, bytes: &[u8]) -> PathHash {
        for &b in bytes {
            match b {
                b'[' => (self.in_index, self.indexed) = (true, true),
                b']' => self.in_index = false,
                _ if self.in_index => continue,
                _ => {}
            }
            self.h = (self.h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
        self
    }
}

impl Index {
    fn new(fields: &[(String, Rule)]) -> Index {
        let mut slots = vec![u32::MAX; (fields.len() * 2).next_power_of_two()];
        let mask = slots.len() - 1;
        for (i, (path, _)) in fields.iter().enumerate() {
            let mut at = path_hash(path).0 & mask;
            // Paths are unique, and half the table at least stays empty.
            while slots.get(at).is_some_and(|&s| s != u32::MAX) {
                at = (at + 1) & mask;
            }
            if let Some(slot) = slots.get_mut(at) {
                *slot = u32::try_from(i).unwrap_or(u32::MAX);
            }
        }
        let mut item_arrays: Vec<String> = Vec::new();
        for (path, _) in fields {
            let bytes = path.as_bytes();
            for at in (0..bytes.len()).filter(|&at| bytes.get(at..at + 2) == Some(b"[]")) {
                let rest = path.get(at + 2..).unwrap_or_default();
                let array = path.get(..at).unwrap_or_default();
                if (rest.is_empty() || rest.starts_with(['.', '[']))
                    && !item_arrays.iter().any(|a| a == array)
                {
                    item_arrays.push(array.to_owned());
                }
            }
        }
        let may_require = |r: &Rule| r.required.is_some();
        let may_require = (fields.iter().enumerate())
            .filter(|(_, (_, r))| may_require(r) || r.when.iter().any(|w| may_require(&w.then.0)))
            .map(|(i, (path, _))| (i, crate::text::contains(path, "[]")))
            .collect();
        let mut layered = Vec::with_capacity(fields.len());
        for (_, rule) in fields {
            // The highest condition that holds laid over the layers of the
            // lower ones, as they are laid in order.
            let mut layers: Vec<Rule> = Vec::new();
            let n = if rule.when.len() <= MAX_LAID_OUT {
                rule.when.len()
            } else {
                0
            };
            for holding in 1..1_usize << n {
                let last = holding.ilog2();
                let lower = holding ^ 1 << last;
                let under = layers.get(lower.wrapping_sub(1)).unwrap_or(rule);
                if let Some(w) = rule.when.get(last as usize) {
                    layers.push(merge(under, &w.then.0));
                }
            }
            layered.push(layers);
        }
        Index {
            slots,
            item_arrays,
            may_require,
            layered,
        }
    }
}

/// Where a path of the walk is in [`Walk::paths`] (start, end).
type Span = (usize, usize);

/// A leaf of the data: its path, its value and the position of its rule
/// in each rule set of the walk.
struct Leaf<'a> {
    path: Span,
    value: &'a Value<'a>,
    rules: [Option<usize>; 2],
}

/// The leaves of the data, and the objects and arrays descended into
/// (a required field under one of them is not missing). Their paths are
/// written one after another in `paths`: one allocation for all, where a
/// `String` each took one per path and one more to free it.
#[derive(Default)]
struct Walk<'a> {
    paths: String,
    leaves: Vec<Leaf<'a>>,
    present: Vec<Span>,
}

impl Walk<'_> {
    /// Keeps a copy of `path` in `paths`.
    fn keep(&mut self, path: &str) -> Span {
        let at = self.paths.len();
        self.paths.push_str(path);
        (at, self.paths.len())
    }
}

/// The text of a kept path.
fn kept(paths: &str, (at, end): Span) -> &str {
    paths.get(at..end).unwrap_or_default()
}

/// What a judgement finds, leaf by leaf: a [`Report`], the failures
/// alone, or the report as compact text.
trait Findings {
    /// Told first: how many leaves there are.
    fn expect(&mut self, _leaves: usize) {}
    fn passed(&mut self, path: &str);
    fn ignored(&mut self, path: &str);
    /// Where the failures go, in order.
    fn failed(&mut self) -> &mut Vec<Failure>;
}

impl Findings for Report {
    fn expect(&mut self, leaves: usize) {
        self.passed.reserve(leaves);
    }
    fn passed(&mut self, path: &str) {
        self.passed.push(path.to_owned());
    }
    fn ignored(&mut self, path: &str) {
        self.ignored.push(path.to_owned());
    }
    fn failed(&mut self) -> &mut Vec<Failure> {
        &mut self.failed
    }
}

/// The failures alone (what decides whether a request is signed).
impl Findings for Vec<Failure> {
    fn passed(&mut self, _: &str) {}
    fn ignored(&mut self, _: &str) {}
    fn failed(&mut self) -> &mut Vec<Failure> {
        self
    }
}

/// The report as [`Report::to_compact_text`] writes it, written as the
/// leaves are judged: no string per field.
struct CompactText {
    /// U+0002, then the passed fields; the validation code goes in front
    /// at the end.
    passed: String,
    ignored: String,
    failed: Vec<Failure>,
}

impl CompactText {
    #[allow(clippy::single_char_add_str)] // see `CompactText::finish`
    fn new() -> CompactText {
        // Room for a report of a few dozen fields; a longer one grows.
        let mut passed = String::with_capacity(1024);
        passed.push_str("\u{2}");
        CompactText {
            passed,
            ignored: String::new(),
            failed: Vec::new(),
        }
    }

    /// The text, with `failed` (this text's own failures, or a report's).
    // `push_str` of one ASCII character: `push(char)` is a call that encodes
    // UTF-8 at run time in the size-optimised wasm build.
    #[allow(clippy::single_char_add_str)]
    fn finish(self, failed: &[Failure]) -> String {
        let CompactText {
            passed: mut out,
            ignored,
            ..
        } = self;
        out.insert_str(0, validation_code(failed));
        out.push_str("\u{2}");
        out.push_str(&ignored);
        out.push_str("\u{2}");
        for f in failed {
            put_text(&mut out, &f.field);
            put_text(&mut out, f.code);
            put_text(&mut out, &f.message);
        }
        out
    }
}

impl Findings for CompactText {
    fn passed(&mut self, path: &str) {
        put_text(&mut self.passed, path);
    }
    fn ignored(&mut self, path: &str) {
        put_text(&mut self.ignored, path);
    }
    fn failed(&mut self) -> &mut Vec<Failure> {
        &mut self.failed
    }
}

/// A walk for one or two rule sets: where the second would descend into a
/// value and the first not (or the reverse), it gives up.
struct Walker<'r, 'a> {
    first: &'r Run<'a>,
    second: Option<&'r Run<'a>>,
    walk: Walk<'a>,
    /// Whether every key met so far is plain: not empty and without `.`,
    /// `[` or `]`. While it holds, no two keys have reached the same
    /// dotted path (a path of plain keys names them alone), so `flatten`
    /// need not look for an earlier leaf with the path.
    plain: bool,
    diverged: bool,
}

impl<'a> Walk<'a> {
    /// The walk of `data` for `first` (and `second`), or `None` where the
    /// two would not descend alike.
    fn of(first: &Run<'a>, second: Option<&Run<'a>>, data: &'a Value) -> Option<Walk<'a>> {
        let mut walker = Walker {
            first,
            second,
            walk: Walk {
                paths: String::with_capacity(512),
                leaves: Vec::with_capacity(16),
                present: Vec::with_capacity(8),
            },
            plain: true,
            diverged: false,
        };
        let rules = walker.rules_for("", PathHash::START);
        walker.flatten(data, rules, PathHash::START, &mut String::with_capacity(64));
        (!walker.diverged).then_some(walker.walk)
    }
}

impl<'a> Walker<'_, 'a> {
    /// Leaves of `v` (whose rule in each rule set is in `rules`) with their
    /// dotted paths, `null` being "not sent"; in `present`, the objects
    /// and arrays that were descended into. An object or array is a leaf
    /// where a rule gives its path a type that is not one (so a wrong type
    /// is reported), and an array is descended into (`items[0].id`) only
    /// where rules name its items (`items[].id`). As in `JSON.parse`, a
    /// repeated key counts once, with its last value. Once a key that is
    /// not plain has been met (see [`Walker::plain`]), two keys can reach
    /// the same path: the last wins.
    // `push_str` of one ASCII character, as in `CompactText::finish`.
    #[allow(clippy::single_char_add_str)]
    fn flatten(
        &mut self,
        v: &'a Value,
        rules: [Option<usize>; 2],
        hash: PathHash,
        prefix: &mut String,
    ) {
        let descend = match v {
            Value::Object(_) | Value::Array(_) => {
                let [rule, other] = rules;
                let descend = self.first.descends(v, rule, prefix);
                if (self.second).is_some_and(|run| run.descends(v, other, prefix) != descend) {
                    self.diverged = true;
                    return;
                }
                descend
            }
            _ => false,
        };
        match v {
            Value::Object(members) if descend => {
                if !prefix.is_empty() {
                    let kept = self.walk.keep(prefix);
                    self.walk.present.push(kept);
                }
                for (i, (k, child)) in members.iter().enumerate() {
                    let k = json::text(k);
                    if (members.iter().skip(i + 1))
                        .any(|(later, _)| json::same(json::text(later), k))
                    {
                        continue; // a later duplicate wins
                    }
                    let len = prefix.len();
                    let mut hash = hash;
                    if !prefix.is_empty() {
                        prefix.push_str(".");
                        hash = hash.feed(b".");
                    }
                    prefix.push_str(k);
                    let (hash, plain) = hash.feed_key(k.as_bytes());
                    self.plain &= plain;
                    if !self.plain {
                        let Walk { paths, leaves, .. } = &mut self.walk;
                        leaves.retain(|l| kept(paths, l.path) != prefix.as_str());
                    }
                    let rules = self.rules_for(prefix, hash);
                    self.flatten(child, rules, hash, prefix);
                    prefix.truncate(len);
                    if self.diverged {
                        return;
                    }
                }
            }
            Value::Array(items) if descend => {
                let kept = self.walk.keep(prefix);
                self.walk.present.push(kept);
                for (i, item) in items.iter().enumerate() {
                    let len = prefix.len();
                    prefix.push_str("[");
                    prefix.push_str(&i.to_string());
                    prefix.push_str("]");
                    let hash = hash.feed(prefix.as_bytes().get(len..).unwrap_or_default());
                    let rules = self.rules_for(prefix, hash);
                    self.flatten(item, rules, hash, prefix);
                    prefix.truncate(len);
                    if self.diverged {
                        return;
                    }
                }
            }
            Value::Null => {}
            leaf => {
                let path = self.walk.keep(prefix);
                self.walk.leaves.push(Leaf {
                    path,
                    value: leaf,
                    rules,
                });
            }
        }
    }

    /// The position of the rule for `path` in each rule set.
    fn rules_for(&self, path: &str, hash: PathHash) -> [Option<usize>; 2] {
        let other = self.second.and_then(|run| run.rule_for(path, hash));
        [self.first.rule_for(path, hash), other]
    }
}

/// A rule as it applies in a run ([`Run::effective`]): laid out ahead in
/// the index (nearly always), or made for this run. Two words, where a
/// `Cow<Rule>` would move the whole rule (about 400 bytes) each time.
enum Effective<'a> {
    Laid(&'a Rule),
    Made(Box<Rule>),
}

impl core::ops::Deref for Effective<'_> {
    type Target = Rule;
    fn deref(&self) -> &Rule {
        match self {
            Effective::Laid(rule) => rule,
            Effective::Made(rule) => rule,
        }
    }
}

/// One validation: the rule set, its index, the data and the parameter
/// overrides.
struct Run<'a> {
    set: &'a RuleSet,
    index: &'a Index,
    data: &'a Value<'a>,
    overrides: &'a [(String, Value<'static>)],
}

impl<'a> Run<'a> {
    fn new(
        set: &'a RuleSet,
        data: &'a Value,
        overrides: &'a [(String, Value<'static>)],
    ) -> Run<'a> {
        Run {
            set,
            index: set.index(),
            data,
            overrides,
        }
    }

    /// What this rule set finds on the leaves of `walk` (their rules in
    /// this rule set at `rules[k]`), told to `out` leaf by leaf, then the
    /// fields required and not sent.
    fn judge(&self, walk: &Walk<'a>, k: usize, out: &mut dyn Findings) {
        let Walk {
            paths: texts,
            leaves,
            present,
        } = walk;
        // Fields required and not sent, found first (and reported after
        // what the leaves hold).
        let mut missing = Vec::new();
        // Conditions hold or not for the whole run: the rules that can be
        // required keep what they made for their leaves.
        let mut made: Vec<(usize, Effective<'_>)> =
            Vec::with_capacity(self.index.may_require.len());
        for &(i, in_arrays) in &self.index.may_require {
            let Some((pattern, rule)) = self.set.fields.0.get(i) else {
                continue;
            };
            made.push((i, self.effective(i, rule)));
            let Some((_, rule)) = made.last() else {
                continue;
            };
            if !self.is_required(rule) {
                continue;
            }
            // Sent, or under a value that is not the object it should be
            // (that value's own failure says so). The objects and arrays
            // descended into are looked through first: fewer than the leaves.
            let absent = |path: &str| {
                !present.iter().any(|&p| json::same(kept(texts, p), path))
                    && !leaves.iter().any(|l: &Leaf<'_>| {
                        let sent = kept(texts, l.path).as_bytes();
                        path.as_bytes().starts_with(sent)
                            && matches!(path.as_bytes().get(sent.len()), None | Some(b'.' | b'['))
                    })
            };
            if !in_arrays {
                // Most required fields are sent, as a leaf of their own rule.
                let sent = (leaves.iter()).any(|l| {
                    matches!(l.rules.get(k), Some(&Some(r)) if r == i)
                        && json::same(kept(texts, l.path), pattern)
                });
                if !sent && absent(pattern) {
                    missing.push(self.failure(pattern, codes::REQUIRED, "is required", rule));
                }
                continue;
            }
            for path in instances(self.data, pattern) {
                if absent(&path) {
                    missing.push(self.failure(&path, codes::REQUIRED, "is required", rule));
                }
            }
        }
        out.expect(leaves.len());
        for Leaf { path, value, rules } in leaves {
            let path = kept(texts, *path);
            let at = rules.get(k).copied().flatten();
            let Some((i, (_, rule))) = at.and_then(|i| Some((i, self.set.fields.0.get(i)?))) else {
                out.ignored(path);
                continue;
            };
            let rule = match made.iter().position(|(r, _)| *r == i) {
                Some(m) => made.swap_remove(m).1,
                None => self.effective(i, rule),
            };
            let failure = if is_blank(value) {
                if !self.is_required(&rule) {
                    continue;
                }
                self.failure(path, codes::REQUIRED, "is required", &rule)
            } else {
                match self.check_value(&rule, value) {
                    Ok(()) => {
                        out.passed(path);
                        continue;
                    }
                    Err(Problem::Rule(code, message)) => self.failure(path, code, &message, &rule),
                    // A field kind's message is a sentence of its own.
                    Err(Problem::Kind(code, message)) => Failure {
                        field: path.to_owned(),
                        code,
                        message: rule.message.clone().unwrap_or(message),
                    },
                }
            };
            out.failed().push(failure);
        }
        out.failed().append(&mut missing);
    }

    fn resolve<'b>(&'b self, o: &'b Operand) -> Option<&'b Value<'static>> {
        match o {
            Operand::Value(v) => Some(v),
            Operand::Param(name) => (self.overrides.iter().rev())
                .find(|(k, _)| k == name)
                .map(|(_, v)| v)
                .or_else(|| self.set.parameters.get(name)),
            Operand::Field(_) => None,
        }
    }

    /// The position of the rule for a path (`items[0].id` finds
    /// `items[].id`), given its hash.
    fn rule_for(&self, path: &str, hash: PathHash) -> Option<usize> {
        let PathHash { h, indexed, .. } = hash;
        let hash = h as usize;
        // A `Cow` would be dropped (a call) for every path, borrowed or not.
        let shaped;
        let path = if indexed {
            shaped = shape(path);
            json::text(&shaped)
        } else {
            path
        };
        let slots = &self.index.slots;
        let mask = slots.len().checked_sub(1)?;
        let mut at = hash & mask;
        loop {
            let i = *slots.get(at)? as usize;
            match self.set.fields.0.get(i) {
                Some((p, _)) if json::same(p, path) => return Some(i),
                Some(_) => at = (at + 1) & mask,
                None => return None,
            }
        }
    }

    /// Whether the walk goes into `v` at `path` (whose rule is `rule`): an
    /// object the rule does not give another type, the whole data, or an
    /// array whose items rules name.
    fn descends(&self, v: &Value, rule: Option<usize>, path: &str) -> bool {
        match v {
            Value::Object(_) => {
                path.is_empty()
                    || matches!(
                        rule.and_then(|i| self.set.fields.0.get(i)?.1.ty),
                        None | Some(Type::Object)
                    )
            }
            Value::Array(_) => self.names_items(path),
            _ => false,
        }
    }

    /// Whether some rule names the items of the array at `path`.
    fn names_items(&self, path: &str) -> bool {
        let path = shape(path);
        self.index.item_arrays.iter().any(|a| *a == path)
    }

    fn is_required(&self, rule: &Rule) -> bool {
        matches!(
            rule.required.as_ref().and_then(|o| self.resolve(o)),
            Some(Value::Bool(true))
        )
    }

    fn failure(&self, path: &str, code: &'static str, message: &str, rule: &Rule) -> Failure {
        // A rule's own message speaks of its format (pattern, date, scale,
        // field kind), not of a length, a type or an enum.
        let message = match (rule.message.as_deref(), code) {
            (Some(custom), codes::INVALID_FORMAT | codes::INVALID_SCALE) => custom.to_owned(),
            _ => format!("{path} {message}"),
        };
        Failure {
            field: path.to_owned(),
            code,
            message,
        }
    }

    /// The rule with the `then` of every condition that holds laid over it
    /// (`i` is its position): laid out ahead in the index, or made here
    /// for a rule with more conditions than that.
    fn effective(&self, i: usize, rule: &'a Rule) -> Effective<'a> {
        let mut holding = 0;
        for (k, w) in rule.when.iter().enumerate() {
            if self.holds(&w.condition) {
                holding |= 1_usize.checked_shl(k as u32).unwrap_or(0);
            }
        }
        if rule.when.len() <= MAX_LAID_OUT {
            let layered = self
                .index
                .layered
                .get(i)
                .and_then(|l| l.get(holding.wrapping_sub(1)));
            return Effective::Laid(layered.unwrap_or(rule));
        }
        let mut out = Effective::Laid(rule);
        for w in rule.when.iter().filter(|w| self.holds(&w.condition)) {
            out = Effective::Made(Box::new(merge(&out, &w.then.0)));
        }
        out
    }

    fn holds(&self, cond: &'a Condition) -> bool {
        let text = |field: &str| {
            lookup(self.data, field)
                .filter(|v| !is_blank(v))
                .and_then(Value::scalar_text)
        };
        let listed = |t: &str, o: &'a Operand| self.resolve(o).is_some_and(|v| lists(v, t));
        match cond {
            Condition::Equals(f, o) | Condition::In(f, o) => text(f).is_some_and(|t| listed(t, o)),
            Condition::NotIn(f, o) => text(f).is_some_and(|t| !listed(t, o)),
            Condition::Present(f, want) => {
                lookup(self.data, f).is_some_and(|v| !is_blank(v)) == *want
            }
            Condition::All(cs) => cs.iter().all(|c| self.holds(c)),
            Condition::Any(cs) => cs.iter().any(|c| self.holds(c)),
            Condition::Not(c) => !self.holds(c),
        }
    }

    fn check_value<'r>(
        &'r self,
        rule: &'r Rule,
        value: &'r Value,
    ) -> core::result::Result<(), Problem> {
        let text = value.scalar_text().unwrap_or_default();
        match (&rule.ty, value) {
            (Some(Type::String), Value::String(_))
            | (Some(Type::Text), Value::String(_) | Value::Number(_))
            | (Some(Type::Boolean), Value::Bool(_))
            | (Some(Type::Object), Value::Object(_))
            | (Some(Type::Array), Value::Array(_))
            | (None, _) => {}
            (Some(Type::Integer), Value::Number(_) | Value::String(_)) if is_integer(text) => {}
            (Some(Type::Decimal), Value::Number(_) | Value::String(_))
                if parse_decimal(text).is_some() => {}
            (Some(t), _) => {
                let name = match t {
                    Type::String => "a string",
                    Type::Text => "a string",
                    Type::Integer => "a whole number",
                    Type::Decimal => "a decimal number",
                    Type::Boolean => "true or false",
                    Type::Object => "an object",
                    Type::Array => "an array",
                };
                return Err(Problem::Rule(
                    codes::TYPE_MISMATCH,
                    format!("must be {name}"),
                ));
            }
        }
        if matches!(value, Value::Array(_) | Value::Object(_)) {
            return Ok(());
        }
        let (min_length, max_length) = (rule.min_length, rule.max_length);
        if min_length.is_some() || max_length.is_some() {
            // A text has no more UTF-16 units than UTF-8 bytes: they are
            // counted only where its bytes do not decide.
            let bytes = u32::try_from(text.len()).unwrap_or(u32::MAX);
            let units = || u32::try_from(utf16_len(text)).unwrap_or(u32::MAX);
            if let Some(min) = min_length.filter(|&m| bytes < m || units() < m) {
                return Err(Problem::Rule(
                    codes::TOO_SHORT,
                    format!("must have at least {min} characters"),
                ));
            }
            if let Some(max) = max_length.filter(|&m| bytes > m && units() > m) {
                return Err(Problem::Rule(
                    codes::TOO_LONG,
                    format!("must have at most {max} characters"),
                ));
            }
        }
        if let Some(allowed) = rule.allowed.as_ref().and_then(|o| self.resolve(o)) {
            if !lists(allowed, text) {
                let options: Vec<&str> = listed(allowed)
                    .iter()
                    .filter_map(Value::scalar_text)
                    .collect();
                return Err(Problem::Rule(
                    codes::NOT_ALLOWED,
                    format!("must be one of {}", options.join(", ")),
                ));
            }
        }
        if let Some(pattern) = &rule.pattern {
            if !pattern.compiled.is_match(text) {
                return Err(Problem::Rule(
                    codes::INVALID_FORMAT,
                    format!("does not match the required format {}", pattern.source),
                ));
            }
        }
        if matches!(rule.format, Some(Format::Date)) && !is_iso_date(text) {
            return Err(Problem::Rule(
                codes::INVALID_FORMAT,
                "must be a date as yyyy-MM-dd".into(),
            ));
        }
        let text_of = |o: &'r Option<Operand>| {
            match o.as_ref()? {
                Operand::Field(path) => lookup(self.data, path),
                other => self.resolve(other),
            }
            .and_then(Value::scalar_text)
        };
        let context = &rule.context;
        if let Some(kinds) = &rule.check {
            let ctx = Context {
                country: text_of(&context.country),
                bank_code: text_of(&context.bank_code),
            };
            let mut first_error = None;
            for kind in &kinds.0 {
                match validate_field(kind, text, ctx) {
                    Ok(Ok(_)) => {
                        first_error = None;
                        break;
                    }
                    Ok(Err(e)) => {
                        first_error.get_or_insert(Problem::Kind(e.code, e.message));
                    }
                    Err(e) => {
                        first_error
                            .get_or_insert(Problem::Kind(codes::INVALID_FORMAT, e.to_string()));
                    }
                }
            }
            if let Some(err) = first_error {
                return Err(err);
            }
        }
        if let Some(types) = &rule.phone_type {
            match phone::check(text, text_of(&context.country)) {
                Err(e) => return Err(Problem::Kind(e.code, e.message)),
                Ok(p) if !types.accepts(p.kind) => {
                    return Err(Problem::Rule(
                        codes::NOT_ALLOWED,
                        format!(
                            "must be a {} phone number: {} is {}",
                            types.0.join(" or ").replace('_', " "),
                            p.e164,
                            match p.kind {
                                "unknown" =>
                                    "of a country whose numbering plan is not known here".to_owned(),
                                k => format!("a {} number", k.replace('_', " ")),
                            }
                        ),
                    ));
                }
                Ok(_) => {}
            }
        }
        let (min, max, scale) = (rule.min.as_ref(), rule.max.as_ref(), rule.scale);
        if min.is_some() || max.is_some() || scale.is_some() {
            let Some(n) = parse_decimal(text) else {
                return Err(Problem::Rule(
                    codes::TYPE_MISMATCH,
                    "must be a number".into(),
                ));
            };
            if let Some(scale) = scale.filter(|&s| n.fraction.len() > s as usize) {
                return Err(Problem::Rule(
                    codes::INVALID_SCALE,
                    match scale {
                        0 => "must be a whole amount (this currency has no decimals)".into(),
                        s => format!("must have at most {s} decimal places"),
                    },
                ));
            }
            let bound = |o: Option<&'r Operand>| {
                o.and_then(|o| self.resolve(o))
                    .and_then(Value::scalar_text)
                    .and_then(|t| parse_decimal(t).map(|d| (t, d)))
            };
            if let Some((t, min)) = bound(min) {
                if n.cmp(&min) == Ordering::Less {
                    return Err(Problem::Rule(
                        codes::OUT_OF_RANGE,
                        format!("must be at least {t}"),
                    ));
                }
            }
            if let Some((t, max)) = bound(max) {
                if n.cmp(&max) == Ordering::Greater {
                    return Err(Problem::Rule(
                        codes::OUT_OF_RANGE,
                        format!("must be at most {t}"),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// `over`'s attributes where it has them, else `base`'s (conditions are
/// the caller's business).
pub(super) fn merge(base: &Rule, over: &Rule) -> Rule {
    Rule {
        required: over.required.clone().or_else(|| base.required.clone()),
        ty: over.ty.or(base.ty),
        min_length: over.min_length.or(base.min_length),
        max_length: over.max_length.or(base.max_length),
        allowed: over.allowed.clone().or_else(|| base.allowed.clone()),
        pattern: over.pattern.clone().or_else(|| base.pattern.clone()),
        format: over.format.or(base.format),
        check: over.check.clone().or_else(|| base.check.clone()),
        phone_type: over.phone_type.clone().or_else(|| base.phone_type.clone()),
        context: if over.context.is_empty() {
            base.context.clone()
        } else {
            over.context.clone()
        },
        min: over.min.clone().or_else(|| base.min.clone()),
        max: over.max.clone().or_else(|| base.max.clone()),
        scale: over.scale.or(base.scale),
        message: over.message.clone().or_else(|| base.message.clone()),
        when: Vec::new(),
    }
}

/// The length of `text` in UTF-16 code units: one for each character, two
/// for those beyond the BMP (four UTF-8 bytes, led by a byte from 0xF0).
fn utf16_len(text: &str) -> usize {
    // A plain loop: the size-optimised wasm build calls a closure per byte
    // for `map` and `sum`.
    let mut units = 0;
    for &b in text.as_bytes() {
        units += usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0);
    }
    units
}

/// `s` and U+0001 after it, as [`Report::to_compact_text`] writes a string.
#[allow(clippy::single_char_add_str)] // see `CompactText::finish`
fn put_text(out: &mut String, s: &str) {
    // Most strings have no control character (JSON's plain run stops at
    // the first, and at `"` and `\`): one copy.
    if crate::json::plain_run(s.as_bytes()) < s.len() {
        for c in s.chars() {
            match c {
                '\u{1}' | '\u{2}' | '\u{1b}' => {
                    out.push('\u{1b}');
                    out.push(char::from(c as u8 + 0x40));
                }
                c => out.push(c),
            }
        }
    } else {
        out.push_str(s);
    }
    out.push_str("\u{1}");
}

/// A path with its array indexes as `[]`: `items[0].id` is `items[].id`, the
/// path the rules use.
fn shape(path: &str) -> Cow<'_, str> {
    if !path.as_bytes().contains(&b'[') {
        return Cow::Borrowed(path);
    }
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The concrete paths a rule path stands for in `data`: itself, or with
/// each `[]` replaced by the index of every item there is.
pub(super) fn instances(data: &Value, pattern: &str) -> Vec<String> {
    let Some((array, rest)) = crate::text::split_once(pattern, "[]") else {
        return vec![pattern.to_owned()];
    };
    let Some(Value::Array(items)) = lookup(data, array) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let here = format!("{array}[{i}]");
        match rest.strip_prefix('.') {
            Some(tail) => out.extend(
                instances(item, tail)
                    .into_iter()
                    .map(|p| format!("{here}.{p}")),
            ),
            None if rest.is_empty() => out.push(here),
            None => out.extend(
                instances(item, rest)
                    .into_iter()
                    .map(|p| format!("{here}{p}")),
            ),
        }
    }
    out
}

pub(super) fn lookup<'a>(data: &'a Value<'a>, path: &str) -> Option<&'a Value<'a>> {
    // As `path.split('.')`, a byte at a time: the size-optimised wasm build
    // searches for a `char` pattern through a slower generic searcher.
    let (mut v, mut rest) = (data, path);
    loop {
        match rest.as_bytes().iter().position(|&b| b == b'.') {
            Some(dot) => {
                v = v.get(rest.get(..dot)?)?;
                rest = rest.get(dot + 1..)?;
            }
            None => return v.get(rest),
        }
    }
}

/// Whether `v`'s scalar text is `t` (an enum's value, a condition's).
fn is_text(v: &Value, t: &str) -> bool {
    v.scalar_text().is_some_and(|s| json::same(s, t))
}

/// What a value lists (an `allowed` or a condition's values): an array's
/// items, or the value itself.
fn listed<'v, 'a>(v: &'v Value<'a>) -> &'v [Value<'a>] {
    match v {
        Value::Array(items) => items,
        v => core::slice::from_ref(v),
    }
}

/// Whether `t` is among the texts `v` lists.
fn lists(v: &Value, t: &str) -> bool {
    listed(v).iter().any(|i| is_text(i, t))
}

fn is_blank(v: &Value) -> bool {
    // As `s.trim().is_empty()`, stopping at the first character that is
    // not white space; most values start with an ASCII character that is
    // not (Unicode's white space in ASCII is 0x09-0x0D and the space),
    // which is seen without decoding a character.
    match v {
        Value::Null => true,
        Value::String(s) => match json::text(s).as_bytes().first() {
            Some(&b) if b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ') => false,
            _ => s.chars().all(char::is_whitespace),
        },
        _ => false,
    }
}

pub(super) fn is_integer(t: &str) -> bool {
    let digits = t.strip_prefix('-').unwrap_or(t);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

pub(super) fn is_iso_date(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 10
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && t.get(..4)
            .and_then(|y| y.parse().ok())
            .is_some_and(|y: u32| {
                let two = |at: usize| t.get(at..at + 2).and_then(|s| s.parse().ok()).unwrap_or(0);
                super::field::is_date(y, two(5), two(8))
            })
}

/// A decimal number as sign, integer digits and fraction digits (no
/// exponent), compared exactly.
#[derive(Debug, PartialEq, Eq)]
struct Decimal<'a> {
    negative: bool,
    integer: &'a str,
    fraction: &'a str,
}

fn parse_decimal(t: &str) -> Option<Decimal<'_>> {
    // One pass over the bytes: digits, and at most one dot with digits on
    // both sides.
    let bytes = t.as_bytes();
    let negative = bytes.first() == Some(&b'-');
    let start = usize::from(negative);
    let mut dot = None;
    let mut at = start;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'0'..=b'9' => {}
            b'.' if dot.is_none() => dot = Some(at),
            _ => return None,
        }
        at += 1;
    }
    let int_end = dot.unwrap_or(bytes.len());
    if int_end == start || dot.is_some_and(|d| d + 1 == bytes.len()) {
        return None;
    }
    let mut lead = start;
    while lead < int_end && bytes.get(lead) == Some(&b'0') {
        lead += 1;
    }
    Some(Decimal {
        negative,
        integer: t.get(lead..int_end)?,
        fraction: t.get(int_end + 1..).unwrap_or_default(),
    })
}

impl Decimal<'_> {
    fn cmp(&self, other: &Decimal<'_>) -> Ordering {
        let zero = |d: &Decimal<'_>| d.integer.is_empty() && d.fraction.bytes().all(|b| b == b'0');
        let (a_neg, b_neg) = (self.negative && !zero(self), other.negative && !zero(other));
        if a_neg != b_neg {
            return if a_neg {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        fn frac<'s>(d: &Decimal<'s>) -> &'s str {
            d.fraction.trim_end_matches('0')
        }
        let magnitude = self
            .integer
            .len()
            .cmp(&other.integer.len())
            .then_with(|| self.integer.cmp(other.integer))
            .then_with(|| frac(self).cmp(frac(other)));
        if a_neg {
            magnitude.reverse()
        } else {
            magnitude
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn decimals_compare_exactly() {
        let d = |t: &'static str| parse_decimal(t).unwrap();
        assert_eq!(d("10.00").cmp(&d("10")), Ordering::Equal);
        assert_eq!(d("9.99").cmp(&d("10.00")), Ordering::Less);
        assert_eq!(d("2000.01").cmp(&d("2000.00")), Ordering::Greater);
        assert_eq!(d("-1").cmp(&d("0")), Ordering::Less);
        assert_eq!(d("-0.0").cmp(&d("0")), Ordering::Equal);
        assert_eq!(d("-2").cmp(&d("-10")), Ordering::Greater);
        assert_eq!(d("0.5").cmp(&d("0.45")), Ordering::Greater);
        for bad in [
            "", "-", "1.", ".5", "1e3", "1,5", "١", "1.2.3", "--1", "-.5", "+1", " 1", "1 ",
        ] {
            assert!(parse_decimal(bad).is_none(), "{bad}");
        }
        let parts = |t: &'static str| {
            let d = d(t);
            (d.negative, d.integer, d.fraction)
        };
        assert_eq!(parts("-007.50"), (true, "7", "50"));
        assert_eq!(parts("000"), (false, "", ""));
        assert_eq!(parts("0.0"), (false, "", "0"));
    }

    #[test]
    fn the_compact_report_holds_what_the_serde_shape_does() {
        let report = Report {
            passed: vec!["a".into(), "b.c".into(), "q\"uote\\".into()],
            ignored: vec![
                "x[0].y".into(),
                "\u{1}ctl\n".into(),
                "ñ😀".into(),
                String::new(),
                "\u{2}\u{1b}A\u{1b}".into(),
            ],
            failed: vec![
                Failure {
                    field: "f".into(),
                    code: codes::TOO_LONG,
                    message: "f must have at most 3 characters".into(),
                },
                Failure {
                    field: "g\t".into(),
                    code: codes::REQUIRED,
                    message: "\u{7f}\u{2028} is required".into(),
                },
            ],
        };
        // Read as the JS layer reads it (`reportOf` in payee.js).
        let strings = |list: &str| -> Vec<String> {
            let mut out: Vec<String> = list.split('\u{1}').map(str::to_owned).collect();
            assert_eq!(out.pop().as_deref(), Some(""), "{list:?}");
            for s in &mut out {
                let mut chars = s.chars();
                let mut plain = String::new();
                while let Some(c) = chars.next() {
                    plain.push(match c {
                        '\u{1b}' => char::from(chars.next().unwrap() as u8 - 0x40),
                        c => c,
                    });
                }
                *s = plain;
            }
            out
        };
        for r in [report, Report::default()] {
            let text = r.to_compact_text();
            let [code, passed, ignored, failed] = text.split('\u{2}').collect::<Vec<_>>()[..]
            else {
                panic!("{text:?}");
            };
            let fields = |list: &str| -> Vec<serde_json::Value> {
                (strings(list).iter())
                    .map(|f| serde_json::json!({ "field": f }))
                    .collect()
            };
            let failures: Vec<serde_json::Value> = (strings(failed).chunks(3))
                .map(|f| serde_json::json!({ "field": f[0], "code": f[1], "errorMsg": f[2] }))
                .collect();
            let rebuilt = serde_json::json!({
                "validationCode": code,
                "validationPassedFields": fields(passed),
                "ignoredFields": fields(ignored),
                "validationFailedFields": failures,
            });
            assert_eq!(rebuilt, serde_json::to_value(&r).unwrap());
        }
    }

    #[test]
    fn a_path_hashes_as_its_shape() {
        for path in [
            "",
            "a",
            "a.b",
            "items[0].id",
            "items[12].sub[3].code",
            "x[]",
            "[0]",
            "a[b]c",
        ] {
            let (hash, indexed) = path_hash(path);
            assert_eq!(hash, path_hash(&shape(path)).0, "{path}");
            assert_eq!(indexed, path.contains('['), "{path}");
            // Fed in two pieces, cut anywhere, as flatten feeds a key at a time.
            for cut in 0..=path.len() {
                let (head, tail) = path.as_bytes().split_at(cut);
                let fed = PathHash::START.feed(head).feed(tail);
                let (keyed, plain) = PathHash::START.feed(head).feed_key(tail);
                assert_eq!(
                    (keyed.h, keyed.indexed),
                    (fed.h, fed.indexed),
                    "{path} cut {cut}"
                );
                let special = tail.is_empty() || tail.iter().any(|b| b".[]".contains(b));
                assert_eq!(plain, !special, "{path} cut {cut}");
                assert_eq!(
                    (fed.h as usize, fed.indexed),
                    (hash, indexed),
                    "{path} cut {cut}"
                );
            }
        }
    }

    #[test]
    fn utf16_lengths_count_as_js_does() {
        for t in [
            "",
            "abc",
            "ñandú",
            "€",
            "😀",
            "a😀b",
            "\u{10ffff}\u{ffff}",
            "\u{7f}\u{80}\u{7ff}\u{800}",
        ] {
            assert_eq!(utf16_len(t), t.encode_utf16().count(), "{t:?}");
        }
    }

    #[test]
    fn blank_is_all_white_space() {
        let mut texts: Vec<String> = (0..=0x7f_u8).map(|b| char::from(b).to_string()).collect();
        for t in [
            "",
            "  ",
            " x",
            "\u{a0}",
            "\u{a0}x",
            "\u{3000}\u{2028}",
            "\u{85}",
            "é",
            "\t\n",
        ] {
            texts.push(t.to_owned());
        }
        for t in texts {
            let blank = t.chars().all(char::is_whitespace);
            assert_eq!(is_blank(&Value::String(t.as_str().into())), blank, "{t:?}");
        }
        assert!(is_blank(&Value::Null) && !is_blank(&Value::Bool(false)));
    }

    #[test]
    fn iso_dates() {
        assert!(
            is_iso_date("2024-02-29") && !is_iso_date("2023-02-29") && !is_iso_date("2024-2-29")
        );
    }
}
