//! The rule engine: a rule set (its schema is [`super::schema`]) holds
//! field rules by dotted path. `validate` answers like PayerMax's
//! `paymentFieldValidation`: fields not sent are not validated unless
//! required; sent fields the rule set does not know are ignored.

use core::cmp::Ordering;
use std::sync::OnceLock;

use serde::{Serialize, Serializer};

pub use super::schema::RuleSet;
use super::schema::{CheckContext, Condition, Format, Kinds, Operand, PatternRule, Rule, Type};
use super::{validate_field, Context};
use crate::error::{Error, Quoted, Result};
use crate::json::{self, Value};

/// Why a value failed: a rule's own words (said of the field), or a field
/// kind's message (a sentence of its own).
enum Problem {
    Rule(&'static str, String),
    Kind(&'static str, String),
}

/// One failed field: `{field, code, errorMsg}` in the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// Dotted path relative to `data`.
    pub field: String,
    /// Stable code.
    pub code: &'static str,
    /// English message.
    #[serde(rename = "errorMsg")]
    pub message: String,
}

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
    /// The report as JSON text, as its `Serialize` writes it, written
    /// directly (validation answers one per keystroke or per batch record).
    pub fn to_json(&self) -> String {
        fn fields(out: &mut String, paths: &[String]) {
            out.push('[');
            for (i, path) in paths.iter().enumerate() {
                out.push_str(if i == 0 {
                    "{\"field\":"
                } else {
                    ",{\"field\":"
                });
                json::write_string(out, path);
                out.push('}');
            }
            out.push(']');
        }
        let mut out = String::with_capacity(
            120 + 40 * (self.passed.len() + self.ignored.len() + 3 * self.failed.len()),
        );
        out.push_str("{\"validationCode\":\"");
        out.push_str(self.validation_code());
        out.push_str("\",\"validationPassedFields\":");
        fields(&mut out, &self.passed);
        out.push_str(",\"ignoredFields\":");
        fields(&mut out, &self.ignored);
        out.push_str(",\"validationFailedFields\":[");
        for (i, f) in self.failed.iter().enumerate() {
            out.push_str(if i == 0 {
                "{\"field\":"
            } else {
                ",{\"field\":"
            });
            json::write_string(&mut out, &f.field);
            out.push_str(",\"code\":");
            json::write_string(&mut out, f.code);
            out.push_str(",\"errorMsg\":");
            json::write_string(&mut out, &f.message);
            out.push('}');
        }
        out.push_str("]}");
        out
    }

    /// `PASS` or `PARAMS_INVALID`.
    pub fn validation_code(&self) -> &'static str {
        if self.failed.is_empty() {
            "PASS"
        } else {
            "PARAMS_INVALID"
        }
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
            by_path: OnceLock::new(),
            ..self
        }
    }

    /// The parameters with the caller's overrides applied.
    pub fn with_parameters(mut self, overrides: &[(String, Value)]) -> Result<RuleSet> {
        for (k, v) in overrides {
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
            self.parameters.insert(k.clone(), v.clone());
        }
        Ok(self)
    }

    fn resolve<'a>(&'a self, o: &'a Operand) -> Option<&'a Value> {
        match o {
            Operand::Value(v) => Some(v),
            Operand::Param(name) => self.parameters.get(name),
            Operand::Field(_) => None,
        }
    }

    /// The position in `fields` of the rule for `path`: a binary search
    /// over the paths ordered by length, then text (so that most steps
    /// compare two lengths), sorted once per rule set.
    fn rule_index(&self, path: &str) -> Option<usize> {
        let by_path = self.by_path.get_or_init(|| {
            (sorted_keys(&self.fields.0).into_iter())
                .map(|(len, p, i)| (len, p.to_owned(), i))
                .collect()
        });
        let at = by_path
            .binary_search_by(|(len, p, _)| len.cmp(&path.len()).then_with(|| p.as_str().cmp(path)))
            .ok()?;
        by_path.get(at).map(|&(_, _, i)| i)
    }

    /// The text of a check's context value: a field of the data, a
    /// parameter or a literal.
    fn context_text<'s>(&'s self, o: Option<&'s Operand>, data: &'s Value) -> Option<&'s str> {
        match o? {
            Operand::Field(path) => lookup(data, path),
            other => self.resolve(other),
        }?
        .scalar_text()
    }

    /// A `min` / `max` bound: its text and its value.
    fn bound<'s>(&'s self, o: Option<&'s Operand>) -> Option<(&'s str, Decimal)> {
        let t = self.resolve(o?)?.scalar_text()?;
        parse_decimal(t).map(|d| (t, d))
    }

    /// Validates `data` (the `data` object of a request).
    pub fn validate(&self, data: &Value) -> Report {
        let leaves = leaves(data);
        let mut report = Report {
            passed: Vec::with_capacity(leaves.len()),
            ..Report::default()
        };
        let mut sent = vec![false; self.fields.0.len()];
        for (path, value) in leaves {
            let Some((i, rule)) = self
                .rule_index(&path)
                .and_then(|i| Some((i, &self.fields.0.get(i)?.1)))
            else {
                report.ignored.push(path);
                continue;
            };
            if let Some(s) = sent.get_mut(i) {
                *s = true;
            }
            let rule = self.effective(rule, data);
            if is_blank(value) {
                if self.is_required(&rule) {
                    report
                        .failed
                        .push(self.failure(&path, codes::REQUIRED, "is required", &rule));
                }
                continue;
            }
            match self.check_value(&rule, value, data) {
                Ok(()) => report.passed.push(path),
                Err(Problem::Rule(code, message)) => report
                    .failed
                    .push(self.failure(&path, code, &message, &rule)),
                // A field kind's message is a sentence of its own.
                Err(Problem::Kind(code, message)) => report.failed.push(Failure {
                    field: path,
                    code,
                    message: rule.message.map_or(message, str::to_owned),
                }),
            }
        }
        for ((path, rule), _) in self.fields.0.iter().zip(&sent).filter(|(_, &s)| !s) {
            let may_require = |r: &Rule| r.required.is_some();
            if !may_require(rule) && !rule.when.iter().any(|w| may_require(&w.then.0)) {
                continue; // never required: nothing to say about its absence
            }
            let rule = self.effective(rule, data);
            if self.is_required(&rule) {
                report
                    .failed
                    .push(self.failure(path, codes::REQUIRED, "is required", &rule));
            }
        }
        report
    }

    fn is_required(&self, rule: &Effective<'_>) -> bool {
        rule.required.and_then(|o| self.resolve(o)) == Some(&Value::Bool(true))
    }

    fn failure(
        &self,
        path: &str,
        code: &'static str,
        message: &str,
        rule: &Effective<'_>,
    ) -> Failure {
        let message = match (rule.message, code) {
            (Some(custom), c) if c != codes::REQUIRED => custom.to_owned(),
            _ => format!("{path} {message}"),
        };
        Failure {
            field: path.to_owned(),
            code,
            message,
        }
    }

    /// The rule with the `then` of every condition that holds laid over it.
    fn effective<'a>(&self, rule: &'a Rule, data: &Value) -> Effective<'a> {
        rule.when
            .iter()
            .filter(|w| self.holds(&w.condition, data))
            .fold(Effective::of(rule), |out, w| out.under(&w.then.0))
    }

    fn holds(&self, cond: &Condition, data: &Value) -> bool {
        let text = |field: &str| lookup(data, field).filter(|v| !is_blank(v))?.scalar_text();
        let in_list = |field: &str, o: &Operand| {
            let Some(t) = text(field) else { return false };
            match self.resolve(o) {
                Some(Value::Array(items)) => items.iter().any(|i| i.scalar_text() == Some(t)),
                Some(v) => v.scalar_text() == Some(t),
                None => false,
            }
        };
        match cond {
            Condition::Equals(f, o) | Condition::In(f, o) => in_list(f, o),
            Condition::NotIn(f, o) => text(f).is_some() && !in_list(f, o),
            Condition::Present(f, want) => text(f).is_some() == *want,
            Condition::All(cs) => cs.iter().all(|c| self.holds(c, data)),
            Condition::Any(cs) => cs.iter().any(|c| self.holds(c, data)),
            Condition::Not(c) => !self.holds(c, data),
        }
    }

    fn check_value(
        &self,
        rule: &Effective<'_>,
        value: &Value,
        data: &Value,
    ) -> core::result::Result<(), Problem> {
        let text = value.scalar_text().unwrap_or_default();
        match (&rule.ty, value) {
            (Some(Type::String), Value::String(_))
            | (Some(Type::Boolean), Value::Bool(_))
            | (None, _) => {}
            (Some(Type::Integer), Value::Number(_) | Value::String(_)) if is_integer(text) => {}
            (Some(Type::Decimal), Value::Number(_) | Value::String(_))
                if parse_decimal(text).is_some() => {}
            (Some(t), _) => {
                let name = match t {
                    Type::String => "a string",
                    Type::Integer => "a whole number",
                    Type::Decimal => "a decimal number",
                    Type::Boolean => "true or false",
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
        if rule.min_length.is_some() || rule.max_length.is_some() {
            let units = u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX);
            if let Some(min) = rule.min_length.filter(|&m| units < m) {
                return Err(Problem::Rule(
                    codes::TOO_SHORT,
                    format!("must have at least {min} characters"),
                ));
            }
            if let Some(max) = rule.max_length.filter(|&m| units > m) {
                return Err(Problem::Rule(
                    codes::TOO_LONG,
                    format!("must have at most {max} characters"),
                ));
            }
        }
        if let Some(allowed) = rule.allowed.and_then(|o| self.resolve(o)) {
            let options = || -> Vec<&str> {
                match allowed {
                    Value::Array(items) => items.iter().filter_map(Value::scalar_text).collect(),
                    v => v.scalar_text().into_iter().collect(),
                }
            };
            let found = match allowed {
                Value::Array(items) => items.iter().any(|i| i.scalar_text() == Some(text)),
                v => v.scalar_text() == Some(text),
            };
            if !found {
                return Err(Problem::Rule(
                    codes::NOT_ALLOWED,
                    format!("must be one of {}", options().join(", ")),
                ));
            }
        }
        if let Some(pattern) = rule.pattern {
            if !pattern.compiled.is_match(text) {
                return Err(Problem::Rule(
                    codes::INVALID_FORMAT,
                    format!("does not match the required format {}", pattern.source),
                ));
            }
        }
        if rule.format == Some(Format::Date) && !is_iso_date(text) {
            return Err(Problem::Rule(
                codes::INVALID_FORMAT,
                "must be a date as yyyy-MM-dd".into(),
            ));
        }
        if let Some(kinds) = rule.check {
            let ctx = Context {
                country: self.context_text(rule.context.country.as_ref(), data),
                bank_code: self.context_text(rule.context.bank_code.as_ref(), data),
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
        if rule.min.is_some() || rule.max.is_some() || rule.scale.is_some() {
            let Some(n) = parse_decimal(text) else {
                return Err(Problem::Rule(
                    codes::TYPE_MISMATCH,
                    "must be a number".into(),
                ));
            };
            if let Some(scale) = rule.scale.filter(|&s| n.fraction.len() > s as usize) {
                return Err(Problem::Rule(
                    codes::INVALID_SCALE,
                    match scale {
                        0 => "must be a whole amount (this currency has no decimals)".into(),
                        s => format!("must have at most {s} decimal places"),
                    },
                ));
            }
            if let Some((t, min)) = self.bound(rule.min) {
                if n.cmp(&min) == Ordering::Less {
                    return Err(Problem::Rule(
                        codes::OUT_OF_RANGE,
                        format!("must be at least {t}"),
                    ));
                }
            }
            if let Some((t, max)) = self.bound(rule.max) {
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

/// A rule as it applies to one value: its attributes, with those of the
/// conditional rules that hold laid over them, borrowed from the rule set
/// (nothing is copied per call).
#[derive(Clone, Copy)]
struct Effective<'a> {
    required: Option<&'a Operand>,
    ty: Option<Type>,
    min_length: Option<u32>,
    max_length: Option<u32>,
    allowed: Option<&'a Operand>,
    pattern: Option<&'a PatternRule>,
    format: Option<Format>,
    check: Option<&'a Kinds>,
    context: &'a CheckContext,
    min: Option<&'a Operand>,
    max: Option<&'a Operand>,
    scale: Option<u32>,
    message: Option<&'a str>,
}

impl<'a> Effective<'a> {
    fn of(rule: &'a Rule) -> Self {
        Effective {
            required: rule.required.as_ref(),
            ty: rule.ty,
            min_length: rule.min_length,
            max_length: rule.max_length,
            allowed: rule.allowed.as_ref(),
            pattern: rule.pattern.as_ref(),
            format: rule.format,
            check: rule.check.as_ref(),
            context: &rule.context,
            min: rule.min.as_ref(),
            max: rule.max.as_ref(),
            scale: rule.scale,
            message: rule.message.as_deref(),
        }
    }

    /// `over`'s attributes where it has them, else these (a non-empty
    /// `context` replaces this one whole).
    fn under(self, over: &'a Rule) -> Self {
        let over = Effective::of(over);
        Effective {
            required: over.required.or(self.required),
            ty: over.ty.or(self.ty),
            min_length: over.min_length.or(self.min_length),
            max_length: over.max_length.or(self.max_length),
            allowed: over.allowed.or(self.allowed),
            pattern: over.pattern.or(self.pattern),
            format: over.format.or(self.format),
            check: over.check.or(self.check),
            context: if over.context.is_empty() {
                self.context
            } else {
                over.context
            },
            min: over.min.or(self.min),
            max: over.max.or(self.max),
            scale: over.scale.or(self.scale),
            message: over.message.or(self.message),
        }
    }

    /// An owned rule with these attributes and no conditions.
    fn to_rule(self) -> Rule {
        Rule {
            required: self.required.cloned(),
            ty: self.ty,
            min_length: self.min_length,
            max_length: self.max_length,
            allowed: self.allowed.cloned(),
            pattern: self.pattern.cloned(),
            format: self.format,
            check: self.check.cloned(),
            context: self.context.clone(),
            min: self.min.cloned(),
            max: self.max.cloned(),
            scale: self.scale,
            message: self.message.map(str::to_owned),
            when: Vec::new(),
        }
    }
}

/// `over`'s attributes where it has them, else `base`'s (conditions are
/// the caller's business).
fn merge(base: &Rule, over: &Rule) -> Rule {
    Effective::of(base).under(over).to_rule()
}

/// Up to this many members, an object is checked for repeated keys by
/// comparing each key with the later ones; beyond it, by sorting.
const FEW_MEMBERS: usize = 16;

/// Leaves of `data` with their dotted paths (arrays are leaves; `null` is
/// "not sent"). As in `JSON.parse`, a repeated key counts once, with its
/// last value; a path reached twice (a key with a dot in it) keeps the last.
/// The values are borrowed; time is linearithmic in the number of members.
fn leaves(data: &Value) -> Vec<(String, &Value)> {
    let mut out = Vec::with_capacity(16);
    let mut dotted = false;
    collect_leaves(data, &mut String::new(), &mut out, &mut dotted);
    if dotted {
        let last = last_of_each(&out);
        let mut i = 0;
        out.retain(|_| {
            i += 1;
            last.get(i - 1).copied().unwrap_or(true)
        });
    }
    out
}

fn collect_leaves<'a>(
    v: &'a Value,
    prefix: &mut String,
    out: &mut Vec<(String, &'a Value)>,
    dotted: &mut bool,
) {
    match v {
        Value::Object(members) => {
            let last = (members.len() > FEW_MEMBERS).then(|| last_of_each(members));
            for (i, (k, child)) in members.iter().enumerate() {
                let superseded = match &last {
                    Some(last) => !last.get(i).copied().unwrap_or(true),
                    None => members.iter().skip(i + 1).any(|(later, _)| later == k),
                };
                if superseded {
                    continue; // a later duplicate wins
                }
                *dotted |= k.as_bytes().contains(&b'.');
                let len = prefix.len();
                if !prefix.is_empty() {
                    prefix.push('.');
                }
                prefix.push_str(k);
                collect_leaves(child, prefix, out, dotted);
                prefix.truncate(len);
            }
        }
        Value::Null => {}
        leaf => out.push((prefix.clone(), leaf)),
    }
}

/// The keys of `items` with their lengths and positions, in order of
/// length, key, then position.
fn sorted_keys<T>(items: &[(String, T)]) -> Vec<(usize, &str, usize)> {
    let mut keys: Vec<(usize, &str, usize)> = (items.iter().enumerate())
        .map(|(i, (k, _))| (k.len(), k.as_str(), i))
        .collect();
    keys.sort_unstable();
    keys
}

/// For each item, whether no later item has the same key.
fn last_of_each<T>(items: &[(String, T)]) -> Vec<bool> {
    let mut last = vec![true; items.len()];
    for pair in sorted_keys(items).windows(2) {
        if let [(_, a, i), (_, b, _)] = pair {
            if a == b {
                if let Some(l) = last.get_mut(*i) {
                    *l = false;
                }
            }
        }
    }
    last
}

fn lookup<'a>(data: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(data, |v, key| v.get(key))
}

fn is_blank(v: &Value) -> bool {
    matches!(v, Value::Null) || matches!(v, Value::String(s) if s.chars().all(char::is_whitespace))
}

fn is_integer(t: &str) -> bool {
    let digits = t.strip_prefix('-').unwrap_or(t);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_iso_date(t: &str) -> bool {
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
struct Decimal {
    negative: bool,
    integer: String,
    fraction: String,
}

fn parse_decimal(t: &str) -> Option<Decimal> {
    let (negative, rest) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t),
    };
    let (int, frac) = rest.split_once('.').unwrap_or((rest, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || (rest.contains('.') && frac.is_empty())
    {
        return None;
    }
    Some(Decimal {
        negative,
        integer: int.trim_start_matches('0').to_owned(),
        fraction: frac.to_owned(),
    })
}

impl Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        let zero = |d: &Decimal| d.integer.is_empty() && d.fraction.bytes().all(|b| b == b'0');
        let (a_neg, b_neg) = (self.negative && !zero(self), other.negative && !zero(other));
        if a_neg != b_neg {
            return if a_neg {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        let frac = |d: &Decimal| d.fraction.trim_end_matches('0').to_owned();
        let magnitude = self
            .integer
            .len()
            .cmp(&other.integer.len())
            .then_with(|| self.integer.cmp(&other.integer))
            .then_with(|| frac(self).cmp(&frac(other)));
        if a_neg {
            magnitude.reverse()
        } else {
            magnitude
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_compare_exactly() {
        let d = |t: &str| parse_decimal(t).unwrap();
        assert_eq!(d("10.00").cmp(&d("10")), Ordering::Equal);
        assert_eq!(d("9.99").cmp(&d("10.00")), Ordering::Less);
        assert_eq!(d("2000.01").cmp(&d("2000.00")), Ordering::Greater);
        assert_eq!(d("-1").cmp(&d("0")), Ordering::Less);
        assert_eq!(d("-0.0").cmp(&d("0")), Ordering::Equal);
        assert_eq!(d("-2").cmp(&d("-10")), Ordering::Greater);
        assert_eq!(d("0.5").cmp(&d("0.45")), Ordering::Greater);
        for bad in ["", "-", "1.", ".5", "1e3", "1,5", "١"] {
            assert!(parse_decimal(bad).is_none(), "{bad}");
        }
    }

    /// Leaves as the engine read them before it was made linearithmic:
    /// each key compared with the later ones, each path with the later ones.
    fn quadratic_leaves(v: &Value) -> Vec<(String, &Value)> {
        fn collect<'a>(v: &'a Value, prefix: &str, out: &mut Vec<(String, &'a Value)>) {
            match v {
                Value::Object(members) => {
                    for (i, (k, child)) in members.iter().enumerate() {
                        if members.iter().skip(i + 1).any(|(later, _)| later == k) {
                            continue;
                        }
                        let path = if prefix.is_empty() {
                            k.clone()
                        } else {
                            format!("{prefix}.{k}")
                        };
                        collect(child, &path, out);
                    }
                }
                Value::Null => {}
                leaf => out.push((prefix.to_owned(), leaf)),
            }
        }
        let mut out = Vec::new();
        collect(v, "", &mut out);
        let mut i = 0;
        while i < out.len() {
            if out.iter().skip(i + 1).any(|(p, _)| *p == out[i].0) {
                out.remove(i);
            } else {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn leaves_keep_the_last_of_repeated_keys_and_paths() {
        // Objects below and above FEW_MEMBERS, with repeated keys, keys with
        // dots that meet nested paths, and nulls.
        let mut seed = 7u32;
        let mut next = |n: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % n
        };
        for members in [0, 1, 5, FEW_MEMBERS, FEW_MEMBERS + 1, 60, 300] {
            let mut text = String::from("{");
            for i in 0..members {
                if i > 0 {
                    text.push(',');
                }
                let key = match next(5) {
                    0 => format!("a.b{}", next(4)),
                    1 => "a".to_owned(),
                    _ => format!("k{}", next(members as u32 / 2 + 1)),
                };
                let value = match next(4) {
                    0 => format!("{{\"b{}\":{i},\"c\":null}}", next(4)),
                    1 => "null".to_owned(),
                    _ => i.to_string(),
                };
                text.push_str(&format!("\"{key}\":{value}"));
            }
            text.push('}');
            let data = json::parse(&text).unwrap();
            assert_eq!(leaves(&data), quadratic_leaves(&data), "{text}");
        }
    }

    #[test]
    fn report_json_is_what_serde_writes() {
        let report = Report {
            passed: vec!["a".into(), "b.c".into()],
            ignored: vec!["x\"y".into()],
            failed: vec![
                Failure {
                    field: "d".into(),
                    code: codes::REQUIRED,
                    message: "d is required".into(),
                },
                Failure {
                    field: "e\u{1}é😀\u{2028}".into(),
                    code: codes::TOO_LONG,
                    message: "tab\there \\ \"quoted\"\n".into(),
                },
            ],
        };
        assert_eq!(report.to_json(), serde_json::to_string(&report).unwrap());
        let empty = Report::default();
        assert_eq!(empty.to_json(), serde_json::to_string(&empty).unwrap());
    }

    #[test]
    fn iso_dates() {
        assert!(
            is_iso_date("2024-02-29") && !is_iso_date("2023-02-29") && !is_iso_date("2024-2-29")
        );
    }
}
