//! The rule engine as it was first written, kept for tests only: the
//! straightforward reading of the rules that the indexed engine in
//! `rules.rs` must answer exactly like.

use core::cmp::Ordering;
use std::borrow::Cow;

use super::rules::{
    codes, instances, is_integer, is_iso_date, lookup, merge, Failure, Problem, Report,
};
use super::schema::{Condition, Format, Operand, Rule, RuleSet, Type};
use super::{phone, validate_field, Context};
use crate::json::Value;

/// A rule set with its parameters applied.
pub(crate) struct Old(pub RuleSet);

impl Old {
    fn resolve<'a>(&'a self, o: &'a Operand) -> Option<&'a Value<'static>> {
        match o {
            Operand::Value(v) => Some(v),
            Operand::Param(name) => self.0.parameters.get(name),
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
        for (pattern, rule) in &self.0.fields.0 {
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
        v: &'a Value<'a>,
        prefix: &mut String,
        out: &mut Vec<(String, &'a Value<'a>)>,
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

    fn rule_for(&self, path: &str) -> Option<&Rule> {
        let path = shape(path);
        self.0
            .fields
            .0
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, r)| r)
    }

    /// Whether some rule names the items of the array at `path`.
    fn names_items(&self, path: &str) -> bool {
        let items = format!("{}[]", shape(path));
        self.0.fields.0.iter().any(|(p, _)| {
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

fn is_blank(v: &Value) -> bool {
    matches!(v, Value::Null) || matches!(v, Value::String(s) if s.trim().is_empty())
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

/// The engine against this reference: every built-in and generated rule
/// set, on data built from the set's own paths (valid, invalid, blank,
/// wrongly typed and unknown values, dotted and repeated keys, arrays,
/// parameter overrides).
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::payee::builtin;

    /// Generated data owns its text.
    type Value = crate::json::Value<'static>;

    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn chance(&mut self, percent: u64) -> bool {
            self.next() % 100 < percent
        }
    }

    fn num(t: &str) -> Value {
        crate::json::parse_owned(t).unwrap()
    }

    /// Scalars the rule set itself names (enums, conditions, parameters).
    fn named(set: &RuleSet, out: &mut Vec<Value>) {
        fn operand(o: &Option<Operand>, out: &mut Vec<Value>) {
            if let Some(Operand::Value(v)) = o {
                value(v, out);
            }
        }
        fn value(v: &Value, out: &mut Vec<Value>) {
            match v {
                Value::Array(items) => items.iter().for_each(|i| value(i, out)),
                Value::Object(_) => {}
                v => out.push(v.clone()),
            }
        }
        fn condition(c: &Condition, out: &mut Vec<Value>) {
            match c {
                Condition::Equals(_, o) | Condition::In(_, o) | Condition::NotIn(_, o) => {
                    operand(&Some(o.clone()), out)
                }
                Condition::Present(..) => {}
                Condition::All(cs) | Condition::Any(cs) => {
                    cs.iter().for_each(|c| condition(c, out))
                }
                Condition::Not(c) => condition(c, out),
            }
        }
        fn rule(r: &Rule, out: &mut Vec<Value>) {
            operand(&r.allowed, out);
            operand(&r.min, out);
            operand(&r.max, out);
            for w in &r.when {
                condition(&w.condition, out);
                rule(&w.then.0, out);
            }
        }
        for (_, r) in &set.fields.0 {
            rule(r, out);
        }
        for (_, v) in &set.parameters.0 {
            value(v, out);
        }
    }

    fn scalar(rng: &mut Rng, pool: &[Value]) -> Value {
        const TEXT: &[&str] = &[
            "",
            " ",
            "PE",
            "BR",
            "pe",
            "BANK_TRANSFER",
            "PERSONAL",
            "00219300247595201411",
            "002-193-002475952014-11",
            "10117410",
            "20100070970",
            "111.444.777-35",
            "150.00",
            "150.001",
            "0",
            "-3",
            "1.5",
            "abc",
            "Rosa Quispe",
            "Ros@",
            "2024-02-29",
            "2023-02-29",
            "rosa@example.com",
            "rosa@",
            "https://a.example/x",
            "ftp://x",
            "912345678",
            "11912345678",
            "5.5",
            "7",
            "+51912345678",
            "PEN",
            "IDR",
            "DNI",
            "RUC",
            "A_1",
            "ñandú",
            "12",
            "15",
            "16",
            "0000000000000000000000000000000000000000000000000000000000000000000000",
        ];
        match rng.below(10) {
            0..=3 => Value::String(TEXT[rng.below(TEXT.len())].into()),
            4..=6 if !pool.is_empty() => pool[rng.below(pool.len())].clone(),
            7 => num(["10", "1.5", "-0", "1e3", "150.00", "0.001", "3"][rng.below(7)]),
            8 => Value::Bool(rng.chance(50)),
            _ => Value::Null,
        }
    }

    /// Sets `value` at the rule path `path` in `data` (`[]` makes arrays).
    fn put(rng: &mut Rng, data: &mut Vec<(Cow<'static, str>, Value)>, path: &str, value: Value) {
        let (head, rest) = match path.find(['.', '[']) {
            Some(i) => (&path[..i], Some(&path[i..])),
            None => (path, None),
        };
        let Some(rest) = rest else {
            data.push((head.to_owned().into(), value));
            return;
        };
        let slot = match data.iter().position(|(k, _)| k == head) {
            Some(i) => i,
            None => {
                let empty = if rest.starts_with('[') {
                    Value::Array(Vec::new())
                } else {
                    Value::Object(Vec::new())
                };
                data.push((head.to_owned().into(), empty));
                data.len() - 1
            }
        };
        match (&mut data[slot].1, rest) {
            (Value::Object(members), r) if r.starts_with('.') => put(rng, members, &r[1..], value),
            (Value::Array(items), r) if r.starts_with("[]") => {
                let tail = &r[2..];
                if items.is_empty() || rng.chance(30) {
                    items.push(Value::Object(Vec::new()));
                }
                let at = rng.below(items.len());
                match (&mut items[at], tail.strip_prefix('.')) {
                    (Value::Object(members), Some(t)) => put(rng, members, t, value),
                    (item, None) if tail.is_empty() => *item = value,
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// Layers, parameters, conditions of every form, messages, contexts
    /// and arrays within arrays, which the built-in sets use only in part.
    const LAYERED: &str = r#"{
        "id": "test.layered",
        "parameters": {"need": true, "codes": ["PE", "BR"], "low": "1.5", "kinds": "pe.dni"},
        "fields": {
            "country": {"type": "string"},
            "amount": {"type": "decimal", "scale": 2, "min": {"param": "low"}, "max": "100",
                "message": "amount must be a small amount",
                "when": [
                    {"if": {"field": "country", "in": {"param": "codes"}}, "then": {"scale": 0, "message": "whole"}},
                    {"if": {"field": "mode", "equals": "A"}, "then": {"scale": 1, "max": "10"}},
                    {"if": {"any": [{"field": "mode", "present": true}, {"not": {"field": "tag", "present": false}}]},
                     "then": {"required": true, "min": "3"}}
                ]},
            "mode": {"type": "string", "enum": ["A", "B", "C"], "minLength": 1, "maxLength": 1,
                "when": [{"if": {"field": "country", "notIn": ["PE"]}, "then": {"required": {"param": "need"}, "enum": ["A"]}},
                         {"if": {"all": [{"field": "tag", "equals": "x"}, {"field": "country", "equals": "PE"}]},
                          "then": {"enum": {"param": "codes"}, "message": "m"}}]},
            "tag": {"type": "text", "pattern": "[a-z]+", "message": "tags are lower case",
                "when": [{"if": {"field": "mode", "equals": "B"}, "then": {"pattern": "[0-9]+"}},
                         {"if": {"field": "mode", "equals": "B"}, "then": {"format": "date"}}]},
            "doc": {"check": ["pe.dni", "pe.ruc"], "message": "not a document",
                "when": [{"if": {"field": "country", "equals": "BR"}, "then": {"check": "br.cpf"}}]},
            "phone": {"check": "phone", "context": {"country": {"field": "country"}},
                "when": [{"if": {"field": "mode", "equals": "C"}, "then": {"context": {"country": "BR"}}},
                         {"if": {"field": "tag", "present": true}, "then": {"message": "bad phone"}}]},
            "items[].id": {"required": true, "type": "integer", "max": "99"},
            "items[].tags[]": {"type": "string", "maxLength": 3},
            "items[].sub[].code": {"required": {"param": "need"}, "enum": "X"},
            "list[]": {"required": true, "type": "boolean"},
            "box": {"type": "object", "required": true},
            "box.inner": {"type": "array"},
            "flag": {"type": "boolean", "required": {"param": "need"}},
            "code": {"type": "string", "maxLength": 8, "message": "bad code",
                "when": [{"if": {"field": "country", "equals": "PE"}, "then": {"maxLength": 4}},
                         {"if": {"field": "mode", "equals": "A"}, "then": {"enum": ["AB", "ABCD", "X"]}},
                         {"if": {"field": "mode", "in": ["A", "B"]}, "then": {"required": true}},
                         {"if": {"field": "tag", "present": true}, "then": {"pattern": "[A-Z]+", "message": "upper"}},
                         {"if": {"field": "country", "notIn": ["BR"]}, "then": {"minLength": 2}},
                         {"if": {"field": "mode", "equals": "C"}, "then": {"required": {"param": "need"}, "maxLength": 1}}]}
        }
    }"#;

    /// Values that make the layers of `LAYERED` meet.
    const HINTS: &[(&str, &[&str])] = &[
        ("country", &["PE", "BR", "MX"]),
        ("mode", &["A", "B", "C"]),
        ("amount", &["5.5", "150.00", "7", "2", "1.5"]),
        ("tag", &["x", "12", "2024-02-29"]),
        ("doc", &["10117410", "20100070970", "111.444.777-35", "1"]),
        ("phone", &["912345678", "11912345678"]),
        ("items[].sub[].code", &["X", "Y"]),
        ("code", &["AB", "ABCD", "X", "abc", "ABCDEFGHIJ"]),
    ];

    /// Data for a rule set whose rule paths are `paths`: most of them
    /// sent, with values of every kind (hinted ones for `LAYERED`), some as
    /// dotted keys or twice, and unknown, empty and repeated keys.
    fn random_data(rng: &mut Rng, paths: &[&str], pool: &[Value], layered: bool) -> Value {
        let mut data = Vec::new();
        for path in paths {
            if !rng.chance(70) {
                continue;
            }
            let hint = HINTS.iter().find(|(p, _)| p == path && layered);
            let v = match rng.below(12) {
                _ if hint.is_some() && rng.chance(80) => {
                    let values = hint.map(|(_, v)| *v).unwrap_or_default();
                    Value::String(values[rng.below(values.len())].into())
                }
                0 => Value::Object(Vec::new()),
                1 => Value::Array(vec![scalar(rng, pool)]),
                _ => scalar(rng, pool),
            };
            if rng.chance(4) {
                // The dotted path as one key, beside or instead of the nesting.
                data.push((path.replace("[]", "[0]").into(), v));
            } else {
                put(rng, &mut data, path, v);
            }
            if rng.chance(3) {
                let again = scalar(rng, pool);
                put(rng, &mut data, path, again);
            }
        }
        if rng.chance(20) {
            data.push(("unknownField".into(), scalar(rng, pool)));
        }
        if rng.chance(5) {
            data.push((
                String::new().into(),
                Value::Object(vec![("country".into(), scalar(rng, pool))]),
            ));
        }
        if rng.chance(10) && !data.is_empty() {
            let i = rng.below(data.len());
            let dup = data[i].clone();
            data.push(dup);
        }
        Value::Object(data)
    }

    fn sets() -> Vec<&'static RuleSet> {
        let mut out: Vec<&RuleSet> = builtin::ids()
            .iter()
            .map(|id| builtin::get(id).unwrap())
            .collect();
        for name in crate::payermax::data::endpoints() {
            out.extend(crate::payermax::data::schema(name).unwrap());
        }
        out.push(Box::leak(Box::new(builtin::custom(LAYERED).unwrap())));
        out
    }

    #[test]
    fn the_engine_answers_as_the_reference_does() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut compared = 0;
        let mut failures = 0;
        for set in sets() {
            let mut pool = Vec::new();
            named(set, &mut pool);
            let paths: Vec<&str> = set.fields.0.iter().map(|(p, _)| p.as_str()).collect();
            let rounds = if set.id == "test.layered" { 3000 } else { 60 };
            for _ in 0..rounds {
                let data = random_data(&mut rng, &paths, &pool, set.id == "test.layered");
                let mut overrides = Vec::new();
                for (name, _) in &set.parameters.0 {
                    if rng.chance(30) {
                        let v = match rng.below(3) {
                            0 => Value::Bool(rng.chance(50)),
                            1 => Value::Array(pool.iter().take(rng.below(4)).cloned().collect()),
                            _ => scalar(&mut rng, &pool),
                        };
                        overrides.push((name.clone(), v));
                    }
                }
                let expected =
                    Old(set.clone().with_parameters(&overrides).unwrap()).validate(&data);
                let got = set.validate_with(&data, &overrides).unwrap();
                if overrides.is_empty() {
                    assert_eq!(set.failures(&data), expected.failed, "{}", set.id);
                }
                // The compact text written as the leaves are judged is the
                // report's.
                assert_eq!(
                    set.validate_to_compact_text(&data, &overrides).unwrap(),
                    expected.to_compact_text(),
                    "{} on {}",
                    set.id,
                    data.to_json()
                );
                compared += 1;
                failures += expected.failed.len();
                assert_eq!(got, expected, "{} on {}", set.id, data.to_json());
            }
        }
        assert!(
            compared > 1000 && failures > 1000,
            "{compared} reports, {failures} failures"
        );
    }

    /// Keys that are escaped in the compact text, a dotted key that names
    /// the same path as a nested one (the last wins), a field refused and a
    /// field missing: the text written as the leaves are judged is the
    /// report's, as the JS layer reads it.
    #[test]
    fn the_compact_text_is_the_reports() {
        let set = builtin::get("payermax.payout.PE.BANK_TRANSFER").unwrap();
        let text = "{\"country\":\"PE\",\"a\\u0001b\":\"1\",\"\\u001b\\u0002\":[2],\
            \"payeeInfo\":{\"accountInfo\":{\"accountNo\":\"1\"},\"payeeType\":\"NOBODY\"},\
            \"payeeInfo.accountInfo.accountNo\":\"00219300247595201411\",\"trade\":{}}";
        let data = crate::json::parse(text).unwrap();
        let report = set.validate(&data);
        assert!(
            !report.passed.is_empty() && report.ignored.len() >= 2,
            "{report:?}"
        );
        assert!(report.failed.len() >= 2, "{report:?}");
        let compact = set.validate_to_compact_text(&data, &[]).unwrap();
        assert_eq!(compact, report.to_compact_text());
        assert!(compact.contains("a\u{1b}Ab\u{1}") && compact.contains("\u{1b}[\u{1b}B\u{1}"));
        // A valid record: no failure, and the same text.
        let valid = crate::json::parse(r#"{"outTradeNo":"T_1","country":"PE","trade":{"amount":"150.00","currency":"PEN"},"payeeInfo":{"paymentMethodType":"BANK_TRANSFER","payeeType":"PERSONAL","accountInfo":{"accountNo":"00219300247595201411"},"name":{"firstName":"Rosa","lastName":"Quispe"},"document":{"documentType":"DNI","documentId":"10117410"},"email":"rosa@example.com"},"notifyUrl":"https://shop.example.com/payouts"}"#).unwrap();
        let report = set.validate(&valid);
        assert!(
            report.failed.is_empty() && report.passed.len() > 5,
            "{report:?}"
        );
        assert_eq!(
            set.validate_to_compact_text(&valid, &[]).unwrap(),
            report.to_compact_text()
        );
    }

    /// One walk for a request's schema and a payee rule set answers as two
    /// walks and [`Report::absorb`] do, and where the two would not descend
    /// into the data alike (a type, an array only one names the items of),
    /// two walks are what it takes.
    #[test]
    fn one_walk_for_two_rule_sets_answers_as_two_do() {
        let schema = crate::payermax::data::schema("paymentOrderPay")
            .unwrap()
            .unwrap();
        let layered: &RuleSet = Box::leak(Box::new(builtin::custom(LAYERED).unwrap()));
        let mut pairs: Vec<(&RuleSet, &RuleSet)> = (builtin::ids().iter())
            .filter(|id| id.starts_with("payermax.payout."))
            .map(|id| (schema, builtin::get(id).unwrap()))
            .collect();
        assert!(pairs.len() > 10);
        pairs.extend([(layered, schema), (schema, layered), (layered, pairs[0].1)]);
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let (mut alike, mut apart, mut failures) = (0, 0, 0);
        for (first, second) in pairs {
            let mut pool = Vec::new();
            named(first, &mut pool);
            named(second, &mut pool);
            let mut paths: Vec<&str> = Vec::new();
            for (p, _) in first.fields.0.iter().chain(&second.fields.0) {
                if !paths.contains(&p.as_str()) {
                    paths.push(p);
                }
            }
            let layered = first.id == "test.layered" || second.id == "test.layered";
            for _ in 0..if layered { 1500 } else { 150 } {
                let data = random_data(&mut rng, &paths, &pool, layered);
                let mut expected = first.validate(&data);
                expected.absorb(second.validate(&data));
                let got = first.validate_adding(second, &data);
                assert_eq!(
                    got,
                    expected,
                    "{} + {} on {}",
                    first.id,
                    second.id,
                    data.to_json()
                );
                // Without the lists of fields, in one walk or in two.
                assert_eq!(first.failures_adding(second, &data), got.failed);
                failures += got.failed.len();
                match super::super::rules::walks_alike(first, second, &data) {
                    true => alike += 1,
                    false => apart += 1,
                }
            }
        }
        assert!(
            alike > 2000 && apart > 1000 && failures > 10_000,
            "{alike} in one walk, {apart} in two, {failures} failures"
        );
    }
}
