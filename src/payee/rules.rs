//! The rule engine: a rule set (its schema is [`super::schema`]) holds
//! field rules by dotted path. `validate` answers like PayerMax's
//! `paymentFieldValidation`: fields not sent are not validated unless
//! required; sent fields the rule set does not know are ignored.

use core::cmp::Ordering;
use std::borrow::Cow;

use serde::{Serialize, Serializer};

pub use super::schema::RuleSet;
use super::schema::{Condition, Format, Operand, Rule, Type};
use super::{phone, validate_field, Context};
use crate::error::{Error, Quoted, Result};
use crate::json::Value;

/// Why a value failed: a rule's own words (said of the field), or a field
/// kind's message (a sentence of its own).
enum Problem {
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

    /// Validates `data` (the `data` object of a request).
    pub fn validate(&self, data: &Value) -> Report {
        let mut leaves = Vec::new();
        let mut present = Vec::new();
        self.flatten(data, &mut String::new(), &mut leaves, &mut present);
        let mut report = Report::default();
        for (path, value) in &leaves {
            let Some(rule) = self.rule_for(path) else {
                report.ignored.push(path.clone());
                continue;
            };
            let rule = self.effective(rule, data);
            if is_blank(value) {
                if self.is_required(&rule) {
                    report
                        .failed
                        .push(self.failure(path, codes::REQUIRED, "is required", &rule));
                }
                continue;
            }
            match self.check_value(&rule, value, data) {
                Ok(()) => report.passed.push(path.clone()),
                Err(Problem::Rule(code, message)) => report
                    .failed
                    .push(self.failure(path, code, &message, &rule)),
                // A field kind's message is a sentence of its own.
                Err(Problem::Kind(code, message)) => report.failed.push(Failure {
                    field: path.clone(),
                    code,
                    message: rule.message.clone().unwrap_or(message),
                }),
            }
        }
        for (pattern, rule) in &self.fields.0 {
            let may_require = |r: &Rule| r.required.is_some();
            if !may_require(rule) && !rule.when.iter().any(|w| may_require(&w.then.0)) {
                continue; // never required: nothing to say about its absence
            }
            let rule = self.effective(rule, data);
            if !self.is_required(&rule) {
                continue;
            }
            for path in instances(data, pattern) {
                // Sent, or under a value that is not the object it should be
                // (that value's own failure says so).
                let sent = |p: &String| {
                    path.strip_prefix(p.as_str())
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
                };
                if !leaves.iter().any(|(p, _)| sent(p)) && !present.contains(&path) {
                    report
                        .failed
                        .push(self.failure(&path, codes::REQUIRED, "is required", &rule));
                }
            }
        }
        report
    }

    /// Leaves of `v` with their dotted paths, `null` being "not sent"; in
    /// `present`, the objects and arrays that were descended into. An object
    /// or array is a leaf where a rule gives its path a type that is not
    /// one (so a wrong type is reported), and an array is descended into
    /// (`items[0].id`) only where rules name its items (`items[].id`). As in
    /// `JSON.parse`, a repeated key counts once, with its last value.
    fn flatten<'a>(
        &self,
        v: &'a Value,
        prefix: &mut String,
        out: &mut Vec<(String, &'a Value)>,
        present: &mut Vec<String>,
    ) {
        let rule_type = || self.rule_for(prefix).and_then(|r| r.ty);
        match v {
            Value::Object(members)
                if prefix.is_empty() || matches!(rule_type(), None | Some(Type::Object)) =>
            {
                if !prefix.is_empty() {
                    present.push(prefix.clone());
                }
                for (i, (k, child)) in members.iter().enumerate() {
                    if members.iter().skip(i + 1).any(|(later, _)| later == k) {
                        continue; // a later duplicate wins
                    }
                    let len = prefix.len();
                    if !prefix.is_empty() {
                        prefix.push('.');
                    }
                    prefix.push_str(k);
                    // A key with a dot in it can reach a path twice: the last wins.
                    out.retain(|(p, _)| p != prefix);
                    self.flatten(child, prefix, out, present);
                    prefix.truncate(len);
                }
            }
            Value::Array(items) if self.names_items(prefix) => {
                present.push(prefix.clone());
                for (i, item) in items.iter().enumerate() {
                    let len = prefix.len();
                    prefix.push_str(&format!("[{i}]"));
                    self.flatten(item, prefix, out, present);
                    prefix.truncate(len);
                }
            }
            Value::Null => {}
            leaf => out.push((prefix.clone(), leaf)),
        }
    }

    /// The rule for a path (`items[0].id` finds `items[].id`), found by binary
    /// search over the paths sorted once per rule set.
    fn rule_for(&self, path: &str) -> Option<&Rule> {
        let path = shape(path);
        let by_path = self.by_path.get_or_init(|| {
            let mut keys: Vec<(usize, String, usize)> = (self.fields.0.iter().enumerate())
                .map(|(i, (k, _))| (k.len(), k.clone(), i))
                .collect();
            keys.sort_unstable();
            keys
        });
        let at = by_path
            .binary_search_by(|(len, p, _)| {
                len.cmp(&path.len()).then_with(|| p.as_str().cmp(&path))
            })
            .ok()?;
        let &(_, _, i) = by_path.get(at)?;
        self.fields.0.get(i).map(|(_, rule)| rule)
    }

    /// Whether some rule names the items of the array at `path`.
    fn names_items(&self, path: &str) -> bool {
        let items = format!("{}[]", shape(path));
        self.fields.0.iter().any(|(p, _)| {
            p.strip_prefix(items.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
        })
    }

    fn is_required(&self, rule: &Rule) -> bool {
        rule.required.as_ref().and_then(|o| self.resolve(o)) == Some(&Value::Bool(true))
    }

    fn failure(&self, path: &str, code: &'static str, message: &str, rule: &Rule) -> Failure {
        // A rule's own message speaks of its format (pattern, date, scale,
        // field kind), not of a length, a type or an enum.
        let message = match (&rule.message, code) {
            (Some(custom), codes::INVALID_FORMAT | codes::INVALID_SCALE) => custom.clone(),
            _ => format!("{path} {message}"),
        };
        Failure {
            field: path.to_owned(),
            code,
            message,
        }
    }

    /// The rule with the `then` of every condition that holds laid over it.
    fn effective<'a>(&self, rule: &'a Rule, data: &Value) -> Cow<'a, Rule> {
        let mut out = Cow::Borrowed(rule);
        for w in rule.when.iter().filter(|w| self.holds(&w.condition, data)) {
            out = Cow::Owned(merge(&out, &w.then.0));
        }
        out
    }

    fn holds(&self, cond: &Condition, data: &Value) -> bool {
        let text = |field: &str| {
            lookup(data, field)
                .filter(|v| !is_blank(v))
                .and_then(|v| v.scalar_text().map(str::to_owned))
        };
        let in_list = |field: &str, o: &Operand| {
            let Some(t) = text(field) else { return false };
            match self.resolve(o) {
                Some(Value::Array(items)) => {
                    items.iter().any(|i| i.scalar_text() == Some(t.as_str()))
                }
                Some(v) => v.scalar_text() == Some(t.as_str()),
                None => false,
            }
        };
        match cond {
            Condition::Equals(f, o) | Condition::In(f, o) => in_list(f, o),
            Condition::NotIn(f, o) => text(f).is_some() && !in_list(f, o),
            Condition::Present(f, want) => lookup(data, f).is_some_and(|v| !is_blank(v)) == *want,
            Condition::All(cs) => cs.iter().all(|c| self.holds(c, data)),
            Condition::Any(cs) => cs.iter().any(|c| self.holds(c, data)),
            Condition::Not(c) => !self.holds(c, data),
        }
    }

    fn check_value(
        &self,
        rule: &Rule,
        value: &Value,
        data: &Value,
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
        if let Some(allowed) = rule.allowed.as_ref().and_then(|o| self.resolve(o)) {
            let options: Vec<&str> = match allowed {
                Value::Array(items) => items.iter().filter_map(Value::scalar_text).collect(),
                v => v.scalar_text().into_iter().collect(),
            };
            if !options.contains(&text) {
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
        if rule.format == Some(Format::Date) && !is_iso_date(text) {
            return Err(Problem::Rule(
                codes::INVALID_FORMAT,
                "must be a date as yyyy-MM-dd".into(),
            ));
        }
        let text_of = |o: &Option<Operand>| {
            let v = match o.as_ref()? {
                Operand::Field(path) => lookup(data, path),
                other => self.resolve(other),
            };
            v.and_then(|v| v.scalar_text().map(str::to_owned))
        };
        if let Some(kinds) = &rule.check {
            let (country, bank_code) = (
                text_of(&rule.context.country),
                text_of(&rule.context.bank_code),
            );
            let ctx = Context {
                country: country.as_deref(),
                bank_code: bank_code.as_deref(),
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
            let country = text_of(&rule.context.country);
            match phone::check(text, country.as_deref()) {
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
            let bound = |o: &Option<Operand>| {
                o.as_ref()
                    .and_then(|o| self.resolve(o))
                    .and_then(|v| v.scalar_text())
                    .and_then(|t| parse_decimal(t).map(|d| (t.to_owned(), d)))
            };
            if let Some((t, min)) = bound(&rule.min) {
                if n.cmp(&min) == Ordering::Less {
                    return Err(Problem::Rule(
                        codes::OUT_OF_RANGE,
                        format!("must be at least {t}"),
                    ));
                }
            }
            if let Some((t, max)) = bound(&rule.max) {
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
fn merge(base: &Rule, over: &Rule) -> Rule {
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

/// A path with its array indexes as `[]`: `items[0].id` is `items[].id`, the
/// path the rules use.
fn shape(path: &str) -> Cow<'_, str> {
    if !path.contains('[') {
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
fn instances(data: &Value, pattern: &str) -> Vec<String> {
    let Some((array, rest)) = pattern.split_once("[]") else {
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

fn lookup<'a>(data: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(data, |v, key| v.get(key))
}

fn is_blank(v: &Value) -> bool {
    matches!(v, Value::Null) || matches!(v, Value::String(s) if s.trim().is_empty())
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

    #[test]
    fn iso_dates() {
        assert!(
            is_iso_date("2024-02-29") && !is_iso_date("2023-02-29") && !is_iso_date("2024-2-29")
        );
    }
}
