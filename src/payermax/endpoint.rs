//! The PayerMax endpoint catalogue: name, envelope `version`, and whether the
//! app is named `appId` or (two old endpoints) `merchantAppId`.

use crate::error::{Error, Quoted, Result};

/// One endpoint of `POST {base}/aggregate-pay/api/gateway/{name}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The path segment, case as the gateway spells it.
    pub name: &'static str,
    /// The envelope `version` the endpoint takes.
    pub version: &'static str,
    /// Whether the envelope names the app `merchantAppId` instead of `appId`.
    pub merchant_app_id: bool,
}

const fn ep(name: &'static str, version: &'static str) -> Endpoint {
    Endpoint {
        name,
        version,
        merchant_app_id: false,
    }
}

/// Every known endpoint. Versions follow the OpenAPI description
/// (`GATEWAYS.md`); `queryClientExchangeRate` from its request examples; the
/// four names only the integration guides mention (`applyToken`,
/// `consultPaymentMethod`, `orderClose`, `paymentOrderBatchQry`) document no
/// version and use 1.4, the current generation. Any of them can be overridden.
pub const CATALOGUE: &[Endpoint] = &[
    Endpoint {
        name: "orderConfirm",
        version: "1.0",
        merchant_app_id: true,
    },
    Endpoint {
        name: "addOrDelRiskNameList",
        version: "1.0",
        merchant_app_id: true,
    },
    ep("createPaybylink", "1.1"),
    ep("queryPaybylink", "1.1"),
    ep("expirePaybylink", "1.1"),
    ep("exchange", "1.1"),
    ep("exchangeQuery", "1.1"),
    ep("inquirePaymentToken", "1.2"),
    ep("removePaymentToken", "1.2"),
    ep("quoteQuery", "1.2"),
    ep("queryClientExchangeRate", "1.2"),
    ep("currentBalanceQuery", "1.3"),
    ep("dayEndBalanceQuery", "1.3"),
    ep("orderAndPay", "1.4"),
    ep("orderQuery", "1.4"),
    ep("refund", "1.4"),
    ep("refundQuery", "1.4"),
    ep("confirmPayment", "1.4"),
    ep("capture", "1.4"),
    ep("cancel", "1.4"),
    ep("caseReplay", "1.4"),
    ep("applyPaymentToken", "1.4"),
    ep("InquireApplyRequest", "1.4"),
    ep("paymentOrderPay", "1.4"),
    ep("paymentOrderQry", "1.4"),
    ep("paymentFieldValidation", "1.4"),
    ep("putRfiMaterialList", "1.4"),
    ep("applyToken", "1.4"),
    ep("consultPaymentMethod", "1.4"),
    ep("orderClose", "1.4"),
    ep("paymentOrderBatchQry", "1.4"),
    ep("caseSearch", "1.5"),
    ep("subscriptionCreate", "1.5"),
    ep("subscriptionQuery", "1.5"),
    ep("subscriptionCancel", "1.5"),
    ep("applyDropinSession", "1.6"),
    ep("applyDDC", "1.6"),
];

/// Looks up an endpoint by its exact name.
pub fn find(name: &str) -> Option<&'static Endpoint> {
    CATALOGUE.iter().find(|e| e.name == name)
}

/// An endpoint resolved for one request: its name, the `version` to send
/// (the catalogue's, or the caller's override), and the app field name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// The path segment.
    pub name: String,
    /// The envelope `version`.
    pub version: String,
    /// Whether the envelope names the app `merchantAppId` instead of `appId`.
    pub merchant_app_id: bool,
}

/// Resolves `name` to a route. A name outside the catalogue is accepted only
/// with an explicit `version`, and must be a plain path segment.
pub fn resolve(name: &str, version: Option<&str>) -> Result<Route> {
    if let Some(v) = version {
        if v.is_empty() || v.len() > 16 || !v.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return Err(Error::InvalidArgument(format!(
                "version {} is not an API version such as \"1.4\"",
                Quoted(v)
            )));
        }
    }
    if let Some(known) = find(name) {
        return Ok(Route {
            name: known.name.to_owned(),
            version: version.unwrap_or(known.version).to_owned(),
            merchant_app_id: known.merchant_app_id,
        });
    }
    let Some(version) = version else {
        return Err(Error::EndpointUnknown {
            name: name.to_owned(),
            suggestions: suggest(name),
        });
    };
    if name.is_empty()
        || name.len() > 64
        || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return Err(Error::InvalidArgument(format!(
            "endpoint {} is not a valid name: use the path segment after \
             /aggregate-pay/api/gateway/ (letters, digits, _)",
            Quoted(name)
        )));
    }
    Ok(Route {
        name: name.to_owned(),
        version: version.to_owned(),
        merchant_app_id: false,
    })
}

/// Up to three known names closest to `name` (case-insensitive edit distance).
pub fn suggest(name: &str) -> Vec<&'static str> {
    let lower = name.to_ascii_lowercase();
    let mut best: Vec<(usize, &'static str)> = Vec::with_capacity(4);
    for e in CATALOGUE {
        let limit = (e.name.len() / 3).max(2);
        // The distance is at least the difference in length: skip early.
        if lower.chars().count().abs_diff(e.name.len()) > limit {
            continue;
        }
        let d = distance(&lower, &e.name.to_ascii_lowercase());
        if d > limit {
            continue;
        }
        // Keep the three closest, in order (ties keep catalogue order).
        let at = best
            .iter()
            .position(|&(bd, _)| d < bd)
            .unwrap_or(best.len());
        best.insert(at, (d, e.name));
        best.truncate(3);
    }
    best.into_iter().map(|(_, n)| n).collect()
}

/// Levenshtein distance, bounded to short inputs.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_match_the_gateway_table() {
        assert_eq!(find("orderAndPay").unwrap().version, "1.4");
        assert_eq!(find("createPaybylink").unwrap().version, "1.1");
        assert_eq!(find("applyDDC").unwrap().version, "1.6");
        assert!(find("orderConfirm").unwrap().merchant_app_id);
        let mut names: Vec<_> = CATALOGUE.iter().map(|e| e.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), CATALOGUE.len());
    }

    #[test]
    fn unknown_names_get_suggestions() {
        match resolve("orderandpay", None) {
            Err(Error::EndpointUnknown { suggestions, .. }) => {
                assert_eq!(suggestions.first(), Some(&"orderAndPay"))
            }
            other => panic!("{other:?}"),
        }
        match resolve("paymentOrderQuery", None) {
            Err(Error::EndpointUnknown { suggestions, .. }) => {
                assert!(suggestions.contains(&"paymentOrderQry"), "{suggestions:?}")
            }
            other => panic!("{other:?}"),
        }
        assert!(resolve("newThing", Some("1.7")).is_ok());
        assert!(resolve("../x", Some("1.7")).is_err());
    }
}
