//! What each endpoint's `data` may hold: rule sets generated from the
//! official OpenAPI description and a hand-kept overlay
//! (`scripts/gen-payermax`, `schemas.json`, `overlay.json`), checked with
//! the payee rule engine, so that a request is refused before it is signed
//! rather than by the gateway. The same file holds what each callback's
//! data is read against (leniently) and what each answer with data must
//! hold.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::json::{self, Value};
use crate::payee::builtin;
use crate::payee::rules::{Failure, Report, RuleSet};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Schemas {
    #[allow(dead_code)]
    generated: String,
    rule_sets: Vec<RuleSet>,
}

fn schemas() -> &'static Result<Vec<RuleSet>> {
    static SETS: OnceLock<Result<Vec<RuleSet>>> = OnceLock::new();
    SETS.get_or_init(|| {
        let text = include_str!("schemas.json");
        let value = json::parse(text)?;
        let raw = json::from_value::<Schemas>(&value)
            .map(|s| s.rule_sets)
            .map_err(|why| Error::RuleSetInvalid(format!("payermax request schemas: {why}")))?;
        // A notifyType with the same fields as another extends it.
        raw.iter()
            .map(|set| builtin::resolve(set.clone(), &raw))
            .collect()
    })
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
    let sets = schemas().as_ref().map_err(Clone::clone)?;
    Ok(sets.iter().find(|s| s.id == id))
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
        Some(v @ Value::Object(_)) => set.validate(v).failed,
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
    match schemas() {
        Ok(sets) => sets
            .iter()
            .filter_map(|s| s.id.strip_prefix("payermax.request."))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// Checks `data` for `endpoint`: the generated schema and, for a payout,
/// the built-in payee rule set of its country and payment method. Fields
/// the schema does not know are listed as ignored, never refused.
pub fn check(endpoint: &str, data: &Value) -> Result<Report> {
    let mut report = match schema(endpoint)? {
        Some(set) => set.validate(data),
        None => RuleSet::empty().validate(data),
    };
    if endpoint == "paymentOrderPay" {
        // Found only in an object, which is what the payee rules take.
        if let Some(set) = payee_rule_set(data) {
            merge(&mut report, set.validate(data));
        }
    }
    Ok(report)
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

/// Adds the payee rule set's findings: its failures (one per field: where
/// the schema already refused a field, its reason stands), and the fields
/// it checked that the schema only ignored.
fn merge(report: &mut Report, payee: Report) {
    for f in payee.failed {
        if !report.failed.iter().any(|g| g.field == f.field) {
            report.passed.retain(|p| *p != f.field);
            report.ignored.retain(|p| *p != f.field);
            report.failed.push(f);
        }
    }
    for p in payee.passed {
        if report.ignored.contains(&p) && !report.failed.iter().any(|f| f.field == p) {
            report.ignored.retain(|i| *i != p);
            report.passed.push(p);
        }
    }
}

/// `DATA_INVALID` for a report with failures.
pub fn refuse(endpoint: &str, failed: Vec<Failure>) -> Error {
    Error::DataInvalid {
        endpoint: endpoint.to_owned(),
        fields: failed,
    }
}
