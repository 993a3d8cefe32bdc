//! The rule engine: a rule set is JSON data (schema in the README) of field
//! rules by dotted path. `validate` answers like PayerMax's
//! `paymentFieldValidation`: fields not sent are not validated unless
//! required; sent fields the rule set does not know are ignored.

use core::cmp::Ordering;

use super::pattern::Pattern;
use super::{validate_field, Context};
use crate::error::{Error, Quoted, Result};
use crate::json::Value;

/// A loaded rule set.
#[derive(Clone, Debug)]
pub struct RuleSet {
    /// Identifier, e.g. `payermax.payout.BR.BANK_TRANSFER`.
    pub id: String,
    /// What it checks.
    pub description: String,
    /// The rule set it extends, if any.
    pub extends: Option<String>,
    parameters: Vec<(String, Value)>,
    fields: Vec<(String, FieldRule)>,
}

#[derive(Clone, Debug, Default)]
struct FieldRule {
    base: Rule,
    when: Vec<(Condition, Rule)>,
}

#[derive(Clone, Debug)]
enum Type {
    String,
    Integer,
    Decimal,
    Boolean,
}

/// A value, a reference to a parameter (`{"param": "name"}`), or (in
/// `context`) to another field of the data (`{"field": "dotted.path"}`).
#[derive(Clone, Debug)]
enum Operand {
    Value(Value),
    Param(String),
    Field(String),
}

#[derive(Clone, Debug, Default)]
struct Rule {
    required: Option<Operand>,
    ty: Option<Type>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    allowed: Option<Operand>,
    pattern: Option<(String, Pattern)>,
    format_date: Option<bool>,
    check: Option<Vec<String>>,
    context: Vec<(String, Operand)>,
    min: Option<Operand>,
    max: Option<Operand>,
    scale: Option<u32>,
    message: Option<String>,
}

#[derive(Clone, Debug)]
enum Condition {
    Equals(String, Operand),
    In(String, Operand),
    NotIn(String, Operand),
    Present(String, bool),
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

/// Why a value failed: a rule's own words (said of the field), or a field
/// kind's message (a sentence of its own).
enum Problem {
    Rule(&'static str, String),
    Kind(&'static str, String),
}

/// One failed field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// Dotted path relative to `data`.
    pub field: String,
    /// Stable code.
    pub code: &'static str,
    /// English message.
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

fn bad(set: &str, why: impl core::fmt::Display) -> Error {
    Error::RuleSetInvalid(format!("{}: {why}", Quoted(set)))
}

fn members<'a>(
    v: &'a Value,
    set: &str,
    what: &str,
    allowed: &[&str],
) -> Result<&'a [(String, Value)]> {
    let Value::Object(m) = v else {
        return Err(bad(set, format_args!("{what} must be an object")));
    };
    if let Some((k, _)) = m.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
        return Err(bad(
            set,
            format_args!(
                "unknown key {} in {what}; allowed: {}",
                Quoted(k),
                allowed.join(", ")
            ),
        ));
    }
    Ok(m)
}

const RULE_KEYS: &[&str] = &[
    "required",
    "type",
    "minLength",
    "maxLength",
    "enum",
    "pattern",
    "format",
    "check",
    "context",
    "min",
    "max",
    "scale",
    "message",
    "when",
];

fn operand(v: &Value) -> Operand {
    let single = matches!(v, Value::Object(m) if m.len() == 1);
    match (
        v.get("param").and_then(Value::as_str),
        v.get("field").and_then(Value::as_str),
    ) {
        (Some(name), _) if single => Operand::Param(name.to_owned()),
        (_, Some(path)) if single => Operand::Field(path.to_owned()),
        _ => Operand::Value(v.clone()),
    }
}

fn uint(v: &Value, set: &str, what: &str) -> Result<usize> {
    match v {
        Value::Number(n) => n
            .as_str()
            .parse()
            .map_err(|_| bad(set, format_args!("{what} must be a whole number"))),
        _ => Err(bad(set, format_args!("{what} must be a whole number"))),
    }
}

fn parse_rule(
    v: &Value,
    set: &str,
    path: &str,
    nested: bool,
) -> Result<(Rule, Vec<(Condition, Rule)>)> {
    let m = members(v, set, path, RULE_KEYS)?;
    let mut r = Rule::default();
    let mut when = Vec::new();
    for (k, v) in m {
        let what = format!("{path}.{k}");
        match k.as_str() {
            "required" => r.required = Some(operand(v)),
            "type" => {
                r.ty = Some(match v.as_str() {
                    Some("string") => Type::String,
                    Some("integer") => Type::Integer,
                    Some("decimal") => Type::Decimal,
                    Some("boolean") => Type::Boolean,
                    _ => {
                        return Err(bad(
                            set,
                            format_args!("{what} must be string, integer, decimal or boolean"),
                        ))
                    }
                })
            }
            "minLength" => r.min_length = Some(uint(v, set, &what)?),
            "maxLength" => r.max_length = Some(uint(v, set, &what)?),
            "scale" => r.scale = Some(uint(v, set, &what)? as u32),
            "enum" => r.allowed = Some(operand(v)),
            "min" => r.min = Some(operand(v)),
            "max" => r.max = Some(operand(v)),
            "message" => r.message = v.as_str().map(str::to_owned),
            "format" => match v.as_str() {
                Some("date") => r.format_date = Some(true),
                _ => {
                    return Err(bad(
                        set,
                        format_args!("{what}: the only format is \"date\" (yyyy-MM-dd)"),
                    ))
                }
            },
            "pattern" => {
                let source = v
                    .as_str()
                    .ok_or_else(|| bad(set, format_args!("{what} must be a string")))?;
                let compiled =
                    Pattern::compile(source).map_err(|e| bad(set, format_args!("{what}: {e}")))?;
                r.pattern = Some((source.to_owned(), compiled));
            }
            "check" => {
                let kinds: Vec<String> = match v {
                    Value::String(s) => vec![s.clone()],
                    Value::Array(items) => items
                        .iter()
                        .filter_map(|i| i.as_str().map(str::to_owned))
                        .collect(),
                    _ => vec![],
                };
                if kinds.is_empty() {
                    return Err(bad(
                        set,
                        format_args!("{what} must be a field kind or a list of them"),
                    ));
                }
                for kind in &kinds {
                    if !super::KINDS.contains(&kind.as_str()) {
                        return Err(bad(
                            set,
                            format_args!("{what}: unknown kind {}", Quoted(kind)),
                        ));
                    }
                }
                r.check = Some(kinds);
            }
            "context" => {
                for (ck, cv) in members(v, set, &what, &["country", "bankCode"])? {
                    r.context.push((ck.clone(), operand(cv)));
                }
            }
            "when" => {
                if nested {
                    return Err(bad(set, format_args!("{what}: `when` cannot be nested")));
                }
                let Value::Array(items) = v else {
                    return Err(bad(
                        set,
                        format_args!("{what} must be a list of {{\"if\", \"then\"}}"),
                    ));
                };
                for (i, item) in items.iter().enumerate() {
                    let case = format!("{what}[{i}]");
                    members(item, set, &case, &["if", "then"])?;
                    let cond = item
                        .get("if")
                        .ok_or_else(|| bad(set, format_args!("{case} needs \"if\"")))?;
                    let then = item
                        .get("then")
                        .ok_or_else(|| bad(set, format_args!("{case} needs \"then\"")))?;
                    when.push((
                        parse_condition(cond, set, &case, 0)?,
                        parse_rule(then, set, &case, true)?.0,
                    ));
                }
            }
            _ => {}
        }
    }
    Ok((r, when))
}

fn parse_condition(v: &Value, set: &str, at: &str, depth: usize) -> Result<Condition> {
    if depth > 8 {
        return Err(bad(set, format_args!("{at}: conditions nested too deeply")));
    }
    members(
        v,
        set,
        at,
        &[
            "field", "equals", "in", "notIn", "present", "all", "any", "not",
        ],
    )?;
    let list = |key: &str| -> Result<Vec<Condition>> {
        match v.get(key) {
            Some(Value::Array(items)) => items
                .iter()
                .map(|c| parse_condition(c, set, at, depth + 1))
                .collect(),
            _ => Err(bad(
                set,
                format_args!("{at}.{key} must be a list of conditions"),
            )),
        }
    };
    if v.get("all").is_some() {
        return Ok(Condition::All(list("all")?));
    }
    if v.get("any").is_some() {
        return Ok(Condition::Any(list("any")?));
    }
    if let Some(inner) = v.get("not") {
        return Ok(Condition::Not(Box::new(parse_condition(
            inner,
            set,
            at,
            depth + 1,
        )?)));
    }
    let field = v
        .get("field")
        .and_then(Value::as_str)
        .ok_or_else(|| bad(set, format_args!("{at} needs \"field\" (a dotted path)")))?
        .to_owned();
    if let Some(x) = v.get("equals") {
        Ok(Condition::Equals(field, operand(x)))
    } else if let Some(x) = v.get("in") {
        Ok(Condition::In(field, operand(x)))
    } else if let Some(x) = v.get("notIn") {
        Ok(Condition::NotIn(field, operand(x)))
    } else if let Some(x) = v.get("present") {
        Ok(Condition::Present(field, matches!(x, Value::Bool(true))))
    } else {
        Err(bad(
            set,
            format_args!("{at} needs equals, in, notIn or present"),
        ))
    }
}

impl RuleSet {
    /// Loads a rule set from its JSON value.
    pub fn from_value(v: &Value) -> Result<RuleSet> {
        let id = v
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("(no id)")
            .to_owned();
        members(
            v,
            &id,
            "the rule set",
            &[
                "id",
                "description",
                "source",
                "extends",
                "parameters",
                "fields",
            ],
        )?;
        if v.get("id")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
        {
            return Err(bad(&id, "a rule set needs an \"id\""));
        }
        let mut fields = Vec::new();
        if let Some(f) = v.get("fields") {
            let Value::Object(m) = f else {
                return Err(bad(&id, "\"fields\" must be an object of dotted paths"));
            };
            for (path, rule) in m {
                let (base, when) = parse_rule(rule, &id, path, false)?;
                fields.push((path.clone(), FieldRule { base, when }));
            }
        }
        let parameters = match v.get("parameters") {
            Some(Value::Object(m)) => m.clone(),
            Some(_) => return Err(bad(&id, "\"parameters\" must be an object")),
            None => Vec::new(),
        };
        Ok(RuleSet {
            description: v
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            extends: v.get("extends").and_then(Value::as_str).map(str::to_owned),
            id,
            parameters,
            fields,
        })
    }

    /// This rule set laid over `base`: same-path rules merge attribute by
    /// attribute (this one's win), conditions add up, parameters merge.
    pub fn over(mut self, base: &RuleSet) -> RuleSet {
        let mut fields = base.fields.clone();
        for (path, rule) in self.fields.drain(..) {
            match fields.iter_mut().find(|(p, _)| *p == path) {
                Some((_, existing)) => {
                    existing.base = merge(&existing.base, &rule.base);
                    existing.when.extend(rule.when);
                }
                None => fields.push((path, rule)),
            }
        }
        let mut parameters = base.parameters.clone();
        for (k, v) in self.parameters.drain(..) {
            parameters.retain(|(bk, _)| *bk != k);
            parameters.push((k, v));
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
            if !self.parameters.iter().any(|(p, _)| p == k) {
                let known: Vec<&str> = self.parameters.iter().map(|(p, _)| p.as_str()).collect();
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
            self.parameters.retain(|(p, _)| p != k);
            self.parameters.push((k.clone(), v.clone()));
        }
        Ok(self)
    }

    fn resolve<'a>(&'a self, o: &'a Operand) -> Option<&'a Value> {
        match o {
            Operand::Value(v) => Some(v),
            Operand::Param(name) => self
                .parameters
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v),
            Operand::Field(_) => None,
        }
    }

    /// Validates `data` (the `data` object of a request).
    pub fn validate(&self, data: &Value) -> Report {
        let mut leaves = Vec::new();
        flatten(data, &mut String::new(), &mut leaves);
        let mut report = Report::default();
        for (path, value) in &leaves {
            let Some((_, rule)) = self.fields.iter().find(|(p, _)| p == path) else {
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
        for (path, rule) in &self.fields {
            if leaves.iter().any(|(p, _)| p == path) {
                continue;
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

    fn is_required(&self, rule: &Rule) -> bool {
        rule.required.as_ref().and_then(|o| self.resolve(o)) == Some(&Value::Bool(true))
    }

    fn failure(&self, path: &str, code: &'static str, message: &str, rule: &Rule) -> Failure {
        let message = match (&rule.message, code) {
            (Some(custom), c) if c != codes::REQUIRED => custom.clone(),
            _ => format!("{path} {message}"),
        };
        Failure {
            field: path.to_owned(),
            code,
            message,
        }
    }

    fn effective(&self, rule: &FieldRule, data: &Value) -> Rule {
        rule.when
            .iter()
            .filter(|(cond, _)| self.holds(cond, data))
            .fold(rule.base.clone(), |acc, (_, over)| merge(&acc, over))
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
            Condition::Present(f, want) => text(f).is_some() == *want,
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
        let units = text.encode_utf16().count();
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
        if let Some((source, p)) = &rule.pattern {
            if !p.is_match(text) {
                return Err(Problem::Rule(
                    codes::INVALID_FORMAT,
                    format!("does not match the required format {source}"),
                ));
            }
        }
        if rule.format_date == Some(true) && !is_iso_date(text) {
            return Err(Problem::Rule(
                codes::INVALID_FORMAT,
                "must be a date as yyyy-MM-dd".into(),
            ));
        }
        if let Some(kinds) = &rule.check {
            let resolved: Vec<(&str, Option<String>)> = rule
                .context
                .iter()
                .map(|(k, o)| {
                    let v = match o {
                        Operand::Field(path) => lookup(data, path),
                        other => self.resolve(other),
                    };
                    (
                        k.as_str(),
                        v.and_then(|v| v.scalar_text().map(str::to_owned)),
                    )
                })
                .collect();
            let ctx_value = |key: &str| {
                resolved
                    .iter()
                    .find(|(k, _)| *k == key)
                    .and_then(|(_, v)| v.as_deref())
            };
            let ctx = Context {
                country: ctx_value("country"),
                bank_code: ctx_value("bankCode"),
            };
            let mut first_error = None;
            for kind in kinds {
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

fn merge(base: &Rule, over: &Rule) -> Rule {
    Rule {
        required: over.required.clone().or_else(|| base.required.clone()),
        ty: over.ty.clone().or_else(|| base.ty.clone()),
        min_length: over.min_length.or(base.min_length),
        max_length: over.max_length.or(base.max_length),
        allowed: over.allowed.clone().or_else(|| base.allowed.clone()),
        pattern: over.pattern.clone().or_else(|| base.pattern.clone()),
        format_date: over.format_date.or(base.format_date),
        check: over.check.clone().or_else(|| base.check.clone()),
        context: if over.context.is_empty() {
            base.context.clone()
        } else {
            over.context.clone()
        },
        min: over.min.clone().or_else(|| base.min.clone()),
        max: over.max.clone().or_else(|| base.max.clone()),
        scale: over.scale.or(base.scale),
        message: over.message.clone().or_else(|| base.message.clone()),
    }
}

/// Leaves of `v` with their dotted paths (arrays are leaves; `null` is "not
/// sent"). As in `JSON.parse`, a repeated key counts once, with its last
/// value; a path reached twice (a key with a dot in it) keeps the last.
fn flatten(v: &Value, prefix: &mut String, out: &mut Vec<(String, Value)>) {
    collect_leaves(v, prefix, out);
    let mut i = 0;
    while i < out.len() {
        let path = out.get(i).map(|(p, _)| p.clone()).unwrap_or_default();
        if out.iter().skip(i + 1).any(|(p, _)| *p == path) {
            out.remove(i);
        } else {
            i += 1;
        }
    }
}

fn collect_leaves(v: &Value, prefix: &mut String, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(members) => {
            for (i, (k, child)) in members.iter().enumerate() {
                if members.iter().skip(i + 1).any(|(later, _)| later == k) {
                    continue; // a later duplicate wins
                }
                let len = prefix.len();
                if !prefix.is_empty() {
                    prefix.push('.');
                }
                prefix.push_str(k);
                collect_leaves(child, prefix, out);
                prefix.truncate(len);
            }
        }
        Value::Null => {}
        leaf => out.push((prefix.clone(), leaf.clone())),
    }
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
