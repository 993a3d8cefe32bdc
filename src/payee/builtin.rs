//! The built-in rule sets, compiled into the crate as JSON data files and
//! parsed once, on first use.

use std::sync::OnceLock;

use super::rules::RuleSet;
use crate::error::{Error, Quoted, Result};

const FILES: &[&str] = &[
    include_str!("rulesets/payermax.payout.json"),
    include_str!("rulesets/payermax.payout.countries.json"),
    include_str!("rulesets/payermax.payout.methods.json"),
    include_str!("rulesets/cashy.pe.payout.json"),
];

fn all() -> &'static Result<Vec<RuleSet>> {
    static SETS: OnceLock<Result<Vec<RuleSet>>> = OnceLock::new();
    SETS.get_or_init(|| {
        let mut raw = Vec::new();
        for text in FILES {
            raw.extend(RuleSet::list_from_json(text)?);
        }
        let mut resolved: Vec<RuleSet> = Vec::with_capacity(raw.len());
        for set in &raw {
            resolved.push(resolve(set.clone(), &raw)?);
        }
        Ok(resolved)
    })
}

/// Lays `set` over the chain of rule sets it extends.
pub(crate) fn resolve(set: RuleSet, known: &[RuleSet]) -> Result<RuleSet> {
    let mut set = set;
    let mut depth = 0;
    while let Some(base_id) = set.extends.take() {
        depth += 1;
        let base = known.iter().find(|s| s.id == base_id).ok_or_else(|| {
            Error::RuleSetInvalid(format!(
                "{}: extends unknown rule set {}",
                Quoted(&set.id),
                Quoted(&base_id)
            ))
        })?;
        if depth > 8 {
            return Err(Error::RuleSetInvalid(format!(
                "{}: extends chain too long",
                Quoted(&set.id)
            )));
        }
        let next = base.extends.clone();
        set = set.over(base);
        set.extends = next;
    }
    Ok(set)
}

/// The ids of the built-in rule sets.
pub fn ids() -> Vec<&'static str> {
    match all() {
        Ok(sets) => sets.iter().map(|s| s.id.as_str()).collect(),
        Err(_) => Vec::new(),
    }
}

/// A built-in rule set by id.
pub fn get(id: &str) -> Result<&'static RuleSet> {
    let sets = all().as_ref().map_err(Clone::clone)?;
    sets.iter()
        .find(|s| s.id == id)
        .ok_or_else(|| Error::RuleSetUnknown(id.to_owned()))
}

/// A built-in rule set as written in its data file (with `extends` and
/// parameters unresolved), as JSON text: the starting point for a rule set
/// of one's own that extends it.
pub fn source(id: &str) -> Result<String> {
    get(id)?;
    for text in FILES {
        let found = match crate::json::parse(text)? {
            crate::json::Value::Array(sets) => sets
                .into_iter()
                .find(|s| s.get("id").and_then(crate::json::Value::as_str) == Some(id)),
            one => {
                Some(one).filter(|s| s.get("id").and_then(crate::json::Value::as_str) == Some(id))
            }
        };
        if let Some(set) = found {
            return Ok(set.to_json());
        }
    }
    Err(Error::RuleSetUnknown(id.to_owned()))
}

/// A rule set given by the caller as JSON: built-ins it extends are resolved.
pub fn custom(text: &str) -> Result<RuleSet> {
    let set = RuleSet::from_json(text)?;
    let known = all().as_ref().map_err(Clone::clone)?;
    resolve(set, known)
}
