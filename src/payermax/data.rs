//! What each endpoint's `data` may hold: rule sets generated from the
//! official OpenAPI description and a hand-kept overlay
//! (`scripts/gen-payermax`, `schemas.json`, `overlay.json`), checked with
//! the payee rule engine, so that a request is refused before it is signed
//! rather than by the gateway. The same file holds what each callback's
//! data is read against (leniently) and what each answer with data must
//! hold.

use std::sync::OnceLock;

use crate::error::{Error, Result};
use crate::json::{self, Value};
use crate::payee::builtin;
use crate::payee::rules::{Failure, Report, RuleSet};

/// The generated rule sets, one JSON object each in `schemas.json`.
const SCHEMAS: &str = include_str!("schemas.json");

/// How each rule set's object starts: the generator writes its id first.
const SET_START: &str = "{\"id\":\"";

/// A rule set of `schemas.json`: its id, where its object starts, and the
/// rule set itself, read when first asked for. A callback reads the one
/// rule set of its kind, not the whole file: reading all of it costs
/// milliseconds of a Worker's first request, where the wasm code still
/// runs in the engine's baseline tier.
struct Entry {
    id: &'static str,
    at: usize,
    set: OnceLock<Result<RuleSet>>,
}

/// Every rule set's id and place, found by one scan of the text (a plain
/// byte loop: the engine's baseline tier runs it in a fraction of what a
/// substring searcher costs there).
fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let bytes = SCHEMAS.as_bytes();
        let mut out = Vec::with_capacity(64);
        for (at, &b) in bytes.iter().enumerate() {
            if b != b'{'
                || !bytes
                    .get(at..)
                    .is_some_and(|s| s.starts_with(SET_START.as_bytes()))
            {
                continue;
            }
            let start = at + SET_START.len();
            let rest = SCHEMAS.get(start..).unwrap_or_default();
            if let Some(id) = rest.find('"').and_then(|end| rest.get(..end)) {
                out.push(Entry {
                    id,
                    at,
                    set: OnceLock::new(),
                });
            }
        }
        out
    })
}

/// The rule set at `entry`, with what it extends laid under it.
fn read(entry: &Entry) -> Result<RuleSet> {
    let invalid = |why: String| Error::RuleSetInvalid(format!("payermax request schemas: {why}"));
    let text = SCHEMAS.get(entry.at..).unwrap_or_default();
    let mut set = json::from_value::<RuleSet>(&json::parse_first(text)?).map_err(invalid)?;
    // A notifyType with the same fields as another extends it (whose own
    // base is already laid under it; the generator writes no cycles).
    if let Some(base_id) = set.extends.take() {
        let base = by_id(&base_id)?
            .ok_or_else(|| invalid(format!("{}: extends unknown {base_id}", entry.id)))?;
        set = set.over(base);
    }
    Ok(set)
}

/// The rule set for an endpoint's `data`, if the description has one.
pub fn schema(endpoint: &str) -> Result<Option<&'static RuleSet>> {
    by_id(&format!("payermax.request.{endpoint}"))
}

/// A generated rule set by id: `payermax.request.<endpoint>`,
/// `payermax.notification.<notifyType>`, `payermax.callback.<kind>` (what
/// a callback carries, read leniently), `payermax.answer.<kind>` (the
/// `data` of the answer to a callback).
pub fn by_id(id: &str) -> Result<Option<&'static RuleSet>> {
    let Some(entry) = entries().iter().find(|e| e.id == id) else {
        return Ok(None);
    };
    entry
        .set
        .get_or_init(|| read(entry))
        .as_ref()
        .map(Some)
        .map_err(Clone::clone)
}

/// What received `data` lacks, or holds with another JSON type, against
/// what the description calls required: reported (and logged by the
/// caller), never a reason to refuse a correctly signed message, because
/// the gateway's data drifts and a refused notification is a lost event.
/// Lengths and enums are not checked here.
pub fn issues(id: &str, data: Option<&Value>) -> Vec<Failure> {
    let Ok(Some(set)) = by_id(id) else {
        return Vec::new();
    };
    match data {
        Some(v @ Value::Object(_)) => set.failures(v),
        Some(_) => vec![Failure {
            field: "data".into(),
            code: "TYPE_MISMATCH",
            message: "data must be an object".into(),
        }],
        None => vec![Failure {
            field: "data".into(),
            code: "REQUIRED",
            message: "data is missing".into(),
        }],
    }
}

/// The names of the endpoints that have a schema.
pub fn endpoints() -> Vec<&'static str> {
    entries()
        .iter()
        .filter_map(|e| e.id.strip_prefix("payermax.request."))
        .collect()
}

/// Checks `data` for `endpoint`: the generated schema and, for a payout,
/// the built-in payee rule set of its country and payment method. Fields
/// the schema does not know are listed as ignored, never refused.
pub fn check(endpoint: &str, data: &Value) -> Result<Report> {
    with_rule_sets(endpoint, data, |schema, payee| match payee {
        // Its failures are added (one per field: where the schema already
        // refused a field, its reason stands), and the fields it checked
        // that the schema only ignored.
        Some(payee) => schema.validate_adding(payee, data),
        None => schema.validate(data),
    })
}

/// The failures of [`check`] alone: what decides whether a request is
/// signed.
pub fn failures(endpoint: &str, data: &Value) -> Result<Vec<Failure>> {
    with_rule_sets(endpoint, data, |schema, payee| match payee {
        Some(payee) => schema.failures_adding(payee, data),
        None => schema.failures(data),
    })
}

/// Calls `f` with the schema of `endpoint` (an empty rule set where the
/// description has none) and, for a payout, its payee rule set.
fn with_rule_sets<T>(
    endpoint: &str,
    data: &Value,
    f: impl FnOnce(&RuleSet, Option<&RuleSet>) -> T,
) -> Result<T> {
    let empty;
    let schema = match schema(endpoint)? {
        Some(set) => set,
        None => {
            empty = RuleSet::empty();
            &empty
        }
    };
    // Found only in an object, which is what the payee rules take.
    let payee = (endpoint == "paymentOrderPay")
        .then(|| payee_rule_set(data))
        .flatten();
    Ok(f(schema, payee))
}

/// `payermax.payout.{country}.{paymentMethodType}`, or else the
/// method's own `payermax.payout.{paymentMethodType}`, when it is built in.
fn payee_rule_set(data: &Value) -> Option<&'static RuleSet> {
    let method = data.get("payeeInfo")?.get("paymentMethodType")?.as_str()?;
    let by_country = data
        .get("country")
        .and_then(Value::as_str)
        .and_then(|country| builtin::get(&format!("payermax.payout.{country}.{method}")).ok());
    by_country.or_else(|| builtin::get(&format!("payermax.payout.{method}")).ok())
}

/// `DATA_INVALID` for a report with failures.
pub fn refuse(endpoint: &str, failed: Vec<Failure>) -> Error {
    Error::DataInvalid {
        endpoint: endpoint.to_owned(),
        fields: failed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The scan finds every rule set of the file, and each, read on its
    // own, is the one reading the whole file and resolving every `extends`
    // gives.
    #[test]
    fn each_rule_set_read_alone_is_the_one_of_the_whole_file() {
        let whole = json::parse(SCHEMAS).unwrap();
        let raw: Vec<RuleSet> = json::from_value(whole.get("ruleSets").unwrap()).unwrap();
        let ids: Vec<&str> = entries().iter().map(|e| e.id).collect();
        assert_eq!(ids, raw.iter().map(|s| s.id.as_str()).collect::<Vec<_>>());
        assert!(ids.len() >= 60 && raw.iter().any(|s| s.extends.is_some()));
        for set in &raw {
            let resolved = builtin::resolve(set.clone(), &raw).unwrap();
            let alone = by_id(&set.id).unwrap().unwrap();
            let shape =
                |s: &RuleSet| format!("{} {:?} {:?} {:?}", s.id, s.extends, s.parameters, s.fields);
            assert_eq!(shape(alone), shape(&resolved), "{}", set.id);
        }
        assert!(by_id("payermax.request.noSuchEndpoint").unwrap().is_none());
    }
}
