//! The rule-set schema. A rule set is JSON; these serde types are its
//! schema (README "Rule-set schema" documents them key by key), and loading
//! a rule set is deserialising one: unknown keys, unknown kinds, bad
//! patterns and malformed conditions are refused with the path to them.

use serde::de::{self, Deserializer};
use serde::Deserialize;

use super::pattern::Pattern;
use crate::error::{Error, Quoted, Result};
use crate::json::{self, kind, Members, Value};

/// Deepest nesting of conditions (`all` / `any` / `not`).
const MAX_CONDITION_DEPTH: usize = 8;

/// A rule set: rules for the fields of a request's `data`, by dotted path.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RuleSet {
    /// Identifier, e.g. `payermax.payout.BR.BANK_TRANSFER`.
    pub id: String,
    /// What it checks.
    #[serde(default)]
    pub description: String,
    /// Where its rules come from.
    #[serde(default)]
    pub source: Option<String>,
    /// The rule set it is laid over, if any.
    #[serde(default)]
    pub extends: Option<String>,
    /// Values the rules name with `{"param": name}`; a call may override them.
    #[serde(default)]
    pub parameters: Members<Value<'static>>,
    /// The rules, by dotted path relative to `data`.
    #[serde(default)]
    pub fields: Members<Rule>,
    /// What validating needs besides the rules (paths sorted for lookup,
    /// arrays whose items are named, rules that can be required); made on
    /// first use (a built-in rule set keeps it for every later call).
    #[serde(skip)]
    pub(crate) index: super::rules::IndexCell,
}

/// The rule for one field. Every key is optional; `when` adds rules that
/// apply while a condition holds. Read by hand from its JSON (see
/// `Rule::read`): a derived reader for this many keys of this many types
/// was the largest function of the `.wasm`.
#[derive(Clone, Debug, Default)]
pub struct Rule {
    /// Whether the field must be present and not blank.
    pub required: Option<Operand>,
    /// The JSON type the value must have.
    pub ty: Option<Type>,
    /// Fewest UTF-16 code units.
    pub min_length: Option<u32>,
    /// Most UTF-16 code units.
    pub max_length: Option<u32>,
    /// The allowed values.
    pub allowed: Option<Operand>,
    /// A portable pattern the whole value must match.
    pub pattern: Option<PatternRule>,
    /// A format the value must have.
    pub format: Option<Format>,
    /// Field kinds of which one must accept the value.
    pub check: Option<Kinds>,
    /// What the check needs besides the value.
    pub context: CheckContext,
    /// Phone number types the value must have: it is checked as `phone`
    /// (with `context.country`) and its type must be one of these.
    pub phone_type: Option<PhoneTypes>,
    /// Smallest value, compared exactly as decimals.
    pub min: Option<Operand>,
    /// Largest value, compared exactly as decimals.
    pub max: Option<Operand>,
    /// Most decimal places.
    pub scale: Option<u32>,
    /// Replaces the message of failures other than `REQUIRED`.
    pub message: Option<String>,
    /// Rules applied, in order, while their condition holds.
    pub when: Vec<When>,
}

/// The keys a rule may have, for the message that refuses another.
const RULE_KEYS: &str = "required, type, minLength, maxLength, enum, pattern, format, check, \
                         context, phoneType, min, max, scale, message, when";

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        Rule::read(&v, true).map_err(de::Error::custom)
    }
}

impl Rule {
    /// Reads a rule (with `when` only where `with_when`). An error names the
    /// key that is wrong.
    fn read(v: &Value<'static>, with_when: bool) -> core::result::Result<Rule, String> {
        let Value::Object(members) = v else {
            return Err(format!("found {}, expected a rule (an object)", kind(v)));
        };
        let mut rule = Rule::default();
        for (key, v) in members {
            let at = |why: String| format!("{key}: {why}");
            match &**key {
                "required" => rule.required = Some(Operand::from(v.clone())),
                "type" => rule.ty = Some(Type::read(v).map_err(at)?),
                "minLength" => rule.min_length = Some(whole(v).map_err(at)?),
                "maxLength" => rule.max_length = Some(whole(v).map_err(at)?),
                "enum" => rule.allowed = Some(Operand::from(v.clone())),
                "pattern" => {
                    rule.pattern = Some(PatternRule::try_from(text(v).map_err(at)?).map_err(at)?)
                }
                "format" => match v.as_str() {
                    Some("date") => rule.format = Some(Format::Date),
                    _ => return Err(at("the only format is \"date\"".into())),
                },
                "check" => rule.check = Some(Kinds::try_from(v.clone()).map_err(at)?),
                "context" => rule.context = CheckContext::read(v).map_err(at)?,
                "phoneType" => rule.phone_type = Some(PhoneTypes::try_from(v.clone()).map_err(at)?),
                "min" => rule.min = Some(Operand::from(v.clone())),
                "max" => rule.max = Some(Operand::from(v.clone())),
                "scale" => rule.scale = Some(whole(v).map_err(at)?),
                "message" => rule.message = Some(text(v).map_err(at)?),
                "when" if with_when => rule.when = When::read_list(v).map_err(at)?,
                "when" => return Err("`when` cannot be nested".into()),
                other => {
                    return Err(format!(
                        "unknown key {}, expected one of {RULE_KEYS}",
                        Quoted(other)
                    ))
                }
            }
        }
        Ok(rule)
    }
}

fn text(v: &Value) -> core::result::Result<String, String> {
    match v {
        Value::String(s) => Ok((**s).to_owned()),
        v => Err(format!("found {}, expected a string", kind(v))),
    }
}

fn whole(v: &Value) -> core::result::Result<u32, String> {
    match v {
        Value::Number(n) => n
            .as_str()
            .parse()
            .map_err(|_| format!("found the number {}, expected a whole number", n.as_str())),
        v => Err(format!("found {}, expected a whole number", kind(v))),
    }
}

/// `{"if": condition, "then": rule}`.
#[derive(Clone, Debug)]
pub struct When {
    /// The condition.
    pub condition: Condition,
    /// The rule keys that apply while it holds (no nested `when`).
    pub then: ThenRule,
}

/// A rule inside `when`: the same keys, but no `when` of its own.
#[derive(Clone, Debug)]
pub struct ThenRule(pub Rule);

impl When {
    fn read_list(v: &Value<'static>) -> core::result::Result<Vec<When>, String> {
        let Value::Array(items) = v else {
            return Err(format!(
                "found {}, expected a list of {{\"if\", \"then\"}}",
                kind(v)
            ));
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(When::read(item).map_err(|why| format!("[{i}].{why}"))?);
        }
        Ok(out)
    }

    fn read(v: &Value<'static>) -> core::result::Result<When, String> {
        let Value::Object(members) = v else {
            return Err(format!("found {}, expected {{\"if\", \"then\"}}", kind(v)));
        };
        let (mut condition, mut then) = (None, None);
        for (key, v) in members {
            match &**key {
                "if" => {
                    condition = Some(Condition::read(v, 0).map_err(|why| format!("if: {why}"))?)
                }
                "then" => {
                    then = Some(ThenRule(
                        Rule::read(v, false).map_err(|why| format!("then: {why}"))?,
                    ))
                }
                other => {
                    return Err(format!(
                        "unknown key {}, expected one of if, then",
                        Quoted(other)
                    ))
                }
            }
        }
        match (condition, then) {
            (Some(condition), Some(then)) => Ok(When { condition, then }),
            _ => Err("a `when` entry needs \"if\" and \"then\"".into()),
        }
    }
}

/// The JSON type a value must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// A JSON string.
    String,
    /// A JSON string, or a number taken as its text (what the gateway's
    /// own request examples send for some string fields).
    Text,
    /// A whole number, as a number or numeric string.
    Integer,
    /// A decimal number, as a number or numeric string.
    Decimal,
    /// `true` or `false`.
    Boolean,
    /// A JSON object.
    Object,
    /// A JSON array.
    Array,
}

impl Type {
    fn read(v: &Value) -> core::result::Result<Type, String> {
        Ok(match v.as_str() {
            Some("string") => Type::String,
            Some("text") => Type::Text,
            Some("integer") => Type::Integer,
            Some("decimal") => Type::Decimal,
            Some("boolean") => Type::Boolean,
            Some("object") => Type::Object,
            Some("array") => Type::Array,
            _ => {
                return Err(
                    "expected one of string, text, integer, decimal, boolean, object, array".into(),
                )
            }
        })
    }
}

/// A format a value must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `yyyy-MM-dd`, a real date.
    Date,
}

/// A value, a parameter (`{"param": name}`) or, in `context`, another field
/// of the data (`{"field": "dotted.path"}`).
#[derive(Clone, Debug, Deserialize)]
#[serde(from = "Value")]
pub enum Operand {
    /// A literal value.
    Value(Value<'static>),
    /// The rule set's parameter of that name.
    Param(String),
    /// The value of another field of the data.
    Field(String),
}

impl From<Value<'static>> for Operand {
    fn from(v: Value<'static>) -> Operand {
        if let Value::Object(members) = &v {
            if let [(key, Value::String(name))] = members.as_slice() {
                match &**key {
                    "param" => return Operand::Param((**name).to_owned()),
                    "field" => return Operand::Field((**name).to_owned()),
                    _ => {}
                }
            }
        }
        Operand::Value(v)
    }
}

/// A compiled pattern with its source.
#[derive(Clone, Debug)]
pub struct PatternRule {
    /// The pattern as written.
    pub source: String,
    /// The compiled pattern.
    pub compiled: Pattern,
}

impl TryFrom<String> for PatternRule {
    type Error = String;

    fn try_from(source: String) -> core::result::Result<Self, String> {
        let compiled = Pattern::compile(&source)?;
        Ok(PatternRule { source, compiled })
    }
}

/// One field kind or a non-empty list of them, each known to
/// `validate_field`.
#[derive(Clone, Debug)]
pub struct Kinds(pub Vec<String>);

impl TryFrom<Value<'_>> for Kinds {
    type Error = String;

    fn try_from(v: Value<'_>) -> core::result::Result<Kinds, String> {
        names(v, super::KINDS, "kind").map(Kinds)
    }
}

/// One name or a non-empty list of names, each one of `known`.
fn names(v: Value<'_>, known: &[&str], what: &str) -> core::result::Result<Vec<String>, String> {
    let list = match v {
        Value::String(name) => Some(vec![name.into_owned()]),
        Value::Array(items) => items
            .into_iter()
            .map(|i| match i {
                Value::String(name) => Some(name.into_owned()),
                _ => None,
            })
            .collect(),
        _ => None,
    };
    let list = list
        .filter(|l| !l.is_empty())
        .ok_or_else(|| format!("must be a {what} or a list of them"))?;
    if let Some(unknown) = list.iter().find(|n| !known.contains(&n.as_str())) {
        return Err(format!("unknown {what} {}", Quoted(unknown)));
    }
    Ok(list)
}

/// One phone number type or a non-empty list of them (libphonenumber's
/// names, e.g. `mobile`). `mobile` and `fixed_line` each also accept
/// `fixed_line_or_mobile`, a number the plan does not tell apart.
#[derive(Clone, Debug)]
pub struct PhoneTypes(pub Vec<String>);

impl PhoneTypes {
    /// Whether a number of type `kind` (as [`super::phone::Phone::kind`]) is accepted.
    pub fn accepts(&self, kind: &str) -> bool {
        self.0.iter().any(|t| {
            t == kind || (kind == "fixed_line_or_mobile" && (t == "mobile" || t == "fixed_line"))
        })
    }
}

impl TryFrom<Value<'_>> for PhoneTypes {
    type Error = String;

    fn try_from(v: Value<'_>) -> core::result::Result<PhoneTypes, String> {
        names(v, super::phone::TYPES, "phone type").map(PhoneTypes)
    }
}

/// What a check needs besides the value.
#[derive(Clone, Debug, Default)]
pub struct CheckContext {
    /// The country (of an IBAN, of a national phone number).
    pub country: Option<Operand>,
    /// The bank code (for `ng.nuban`).
    pub bank_code: Option<Operand>,
}

impl CheckContext {
    fn read(v: &Value<'static>) -> core::result::Result<CheckContext, String> {
        let Value::Object(members) = v else {
            return Err(format!("found {}, expected an object", kind(v)));
        };
        let mut context = CheckContext::default();
        for (key, v) in members {
            match &**key {
                "country" => context.country = Some(Operand::from(v.clone())),
                "bankCode" => context.bank_code = Some(Operand::from(v.clone())),
                other => {
                    return Err(format!(
                        "unknown key {}, expected one of country, bankCode",
                        Quoted(other)
                    ))
                }
            }
        }
        Ok(context)
    }

    /// Whether no key is set.
    pub fn is_empty(&self) -> bool {
        self.country.is_none() && self.bank_code.is_none()
    }
}

/// A condition on the data.
#[derive(Clone, Debug)]
pub enum Condition {
    /// `{"field", "equals"}`: the field's text equals the value.
    Equals(String, Operand),
    /// `{"field", "in"}`: the field's text is one of the values.
    In(String, Operand),
    /// `{"field", "notIn"}`: the field is sent and is none of the values.
    NotIn(String, Operand),
    /// `{"field", "present"}`: whether the field is sent and not blank.
    Present(String, bool),
    /// `{"all": [...]}`
    All(Vec<Condition>),
    /// `{"any": [...]}`
    Any(Vec<Condition>),
    /// `{"not": condition}`
    Not(Box<Condition>),
}

impl Condition {
    /// Reads a condition: exactly one of the forms above, nested at most
    /// [`MAX_CONDITION_DEPTH`] deep.
    fn read(v: &Value<'static>, depth: usize) -> core::result::Result<Condition, String> {
        if depth >= MAX_CONDITION_DEPTH {
            return Err("conditions nested too deeply".into());
        }
        let Value::Object(members) = v else {
            return Err(format!(
                "found {}, expected a condition (an object)",
                kind(v)
            ));
        };
        let list = |v: &Value<'static>| -> core::result::Result<Vec<Condition>, String> {
            let Value::Array(items) = v else {
                return Err(format!("found {}, expected a list of conditions", kind(v)));
            };
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                out.push(Condition::read(item, depth + 1).map_err(|why| format!("[{i}]: {why}"))?);
            }
            Ok(out)
        };
        let (mut field, mut test) = (None, None);
        for (key, v) in members {
            let at = |why: String| format!("{key}: {why}");
            match &**key {
                "all" => return list(v).map(Condition::All).map_err(at),
                "any" => return list(v).map(Condition::Any).map_err(at),
                "not" => {
                    return Condition::read(v, depth + 1)
                        .map(|c| Condition::Not(Box::new(c)))
                        .map_err(at)
                }
                "field" => field = Some(text(v).map_err(at)?),
                "equals" | "in" | "notIn" | "present" if test.is_none() => {
                    test = Some((&**key, v))
                }
                "equals" | "in" | "notIn" | "present" => {}
                other => {
                    return Err(format!(
                        "unknown key {}, expected one of field, equals, in, notIn, present, all, any, not",
                        Quoted(other)
                    ))
                }
            }
        }
        let field = field.ok_or("a condition needs \"field\" (a dotted path)")?;
        match test {
            Some(("equals", v)) => Ok(Condition::Equals(field, Operand::from(v.clone()))),
            Some(("in", v)) => Ok(Condition::In(field, Operand::from(v.clone()))),
            Some(("notIn", v)) => Ok(Condition::NotIn(field, Operand::from(v.clone()))),
            Some((_, Value::Bool(want))) => Ok(Condition::Present(field, *want)),
            Some((_, v)) => Err(format!("present: found {}, expected a boolean", kind(v))),
            None => Err("a condition needs equals, in, notIn or present".into()),
        }
    }
}

impl RuleSet {
    /// A rule set with no rules: every field is ignored.
    pub fn empty() -> RuleSet {
        RuleSet {
            id: String::new(),
            description: String::new(),
            source: None,
            extends: None,
            parameters: Members::default(),
            fields: Members::default(),
            index: super::rules::IndexCell::default(),
        }
    }

    /// Reads a rule set from JSON text. An error names the rule set and the
    /// path to what is wrong.
    pub fn from_json(text: &str) -> Result<RuleSet> {
        let set: RuleSet = read(text)?;
        if set.id.is_empty() {
            return Err(Error::RuleSetInvalid(
                "\"\": a rule set needs an \"id\"".into(),
            ));
        }
        Ok(set)
    }

    /// Reads a file of one rule set or a list of them.
    pub fn list_from_json(text: &str) -> Result<Vec<RuleSet>> {
        if text.trim_start().starts_with('[') {
            read(text)
        } else {
            RuleSet::from_json(text).map(|set| vec![set])
        }
    }
}

fn read<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T> {
    let value = json::parse(text)?;
    json::from_value(&value).map_err(|why| {
        let id = value.get("id").and_then(Value::as_str).unwrap_or("(no id)");
        Error::RuleSetInvalid(format!("{}: {why}", Quoted(id)))
    })
}
