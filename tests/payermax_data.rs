//! Every operation's own request example from the OpenAPI description
//! passes the local check (or fails exactly as the overlay says, with the
//! reason), and mutations of the examples each give exactly one failure
//! with the right path and code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use payseal::json::{self, Value};
use payseal::payermax::data;

const SPEC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/reference/payermax-openapi.json"
);
const GATEWAY: &str = "/aggregate-pay/api/gateway/";

fn spec() -> serde_json::Value {
    let text = std::fs::read_to_string(SPEC)
        .expect("the OpenAPI description beside the repository (../shared/reference)");
    serde_json::from_str(&text).unwrap()
}

/// (operation name, variant path, example `data`) for every request example.
fn examples() -> Vec<(String, String, Value)> {
    let spec = spec();
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        let Some(rest) = path.strip_prefix(GATEWAY) else {
            continue;
        };
        let name = rest.split(['/', '(']).next().unwrap().to_owned();
        let body = &item["post"]["requestBody"]["content"]["application/json"];
        let mut bodies = Vec::new();
        if !body["example"].is_null() {
            bodies.push(body["example"].clone());
        }
        if let Some(examples) = body["examples"].as_object() {
            bodies.extend(examples.values().map(|e| e["value"].clone()));
        }
        for b in bodies {
            let data = if b.is_string() {
                serde_json::from_str(b.as_str().unwrap()).unwrap_or(serde_json::Value::Null)
            } else {
                b
            };
            if let Some(d) = data.get("data") {
                out.push((
                    name.clone(),
                    path.clone(),
                    json::parse(&d.to_string()).unwrap(),
                ));
            }
        }
    }
    out
}

/// The failures the overlay expects of an operation's examples.
fn expected_failures(name: &str) -> Vec<(String, String)> {
    let overlay: serde_json::Value =
        serde_json::from_str(include_str!("../src/payermax/overlay.json")).unwrap();
    let Some(list) = overlay["examples"][name]["failures"].as_array() else {
        return Vec::new();
    };
    assert!(
        overlay["examples"][name]["why"]
            .as_str()
            .is_some_and(|w| !w.is_empty()),
        "{name}: every listed example failure says why"
    );
    list.iter()
        .map(|f| {
            (
                f[0].as_str().unwrap().to_owned(),
                f[1].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn failures(name: &str, data: &Value) -> Vec<(String, String)> {
    data::check(name, data)
        .unwrap()
        .failed
        .iter()
        .map(|f| (f.field.clone(), f.code.to_owned()))
        .collect()
}

#[test]
fn every_request_example_of_the_description_passes() {
    let examples = examples();
    let names: std::collections::BTreeSet<&str> =
        examples.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(
        names.len(),
        33,
        "every operation of the description has an example"
    );
    for (name, path, d) in &examples {
        let got = failures(name, d);
        assert!(
            got.is_empty() || got == expected_failures(name),
            "{path}: {got:?}"
        );
    }
    // An example the overlay lists as wrong fails exactly as it says.
    for name in names {
        let expected = expected_failures(name);
        if !expected.is_empty() {
            assert!(
                examples
                    .iter()
                    .any(|(n, _, d)| n == name && failures(n, d) == expected),
                "{name}: no example fails as the overlay says"
            );
        }
    }
}

fn to_value(v: &serde_json::Value) -> Value {
    json::parse(&v.to_string()).unwrap()
}

/// The JSON pointer-like steps of a dotted path with `[]` as index 0.
fn steps(path: &str) -> Vec<String> {
    path.replace("[]", ".0")
        .split('.')
        .map(str::to_owned)
        .collect()
}

fn at<'a>(v: &'a mut serde_json::Value, path: &str) -> Option<&'a mut serde_json::Value> {
    steps(path).iter().try_fold(v, |v, k| match v {
        serde_json::Value::Array(items) => items.get_mut(k.parse::<usize>().ok()?),
        other => other.get_mut(k.as_str()),
    })
}

fn remove(v: &mut serde_json::Value, path: &str) -> bool {
    let mut parts = steps(path);
    let last = parts.pop().unwrap();
    let parent = parts.iter().try_fold(&mut *v, |v, k| match v {
        serde_json::Value::Array(items) => items.get_mut(k.parse::<usize>().ok()?),
        other => other.get_mut(k.as_str()),
    });
    parent
        .and_then(|p| p.as_object_mut())
        .is_some_and(|o| o.remove(&last).is_some())
}

/// Each mutation of each operation's first passing example gives exactly
/// one failure, at the mutated path, with the right code.
#[test]
fn mutations_of_the_examples_each_give_one_failure() {
    let schemas: serde_json::Value =
        serde_json::from_str(include_str!("../src/payermax/schemas.json")).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    let mut mutations = 0;
    for (name, path, example) in examples() {
        if !expected_failures(&name).is_empty() || !seen.insert(name.clone()) {
            continue;
        }
        let example: serde_json::Value = serde_json::from_str(&example.to_json()).unwrap();
        let set = schemas["ruleSets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == format!("payermax.request.{name}"))
            .unwrap();
        for (field, rule) in set["fields"].as_object().unwrap() {
            let mut data = example.clone();
            let Some(current) = at(&mut data, field).cloned() else {
                continue;
            };
            if current.is_null() || current == "" {
                continue;
            }
            let concrete = field.replace("[]", "[0]");
            let scalar = !current.is_object() && !current.is_array();
            let mut expect = |data: serde_json::Value, code: &str| {
                mutations += 1;
                assert_eq!(
                    failures(&name, &to_value(&data)),
                    vec![(concrete.clone(), code.to_owned())],
                    "{path}: {field} -> {code}"
                );
            };
            if rule["required"] == true && scalar {
                let mut d = data.clone();
                assert!(remove(&mut d, field));
                expect(d, "REQUIRED");
            }
            if let (Some(max), true) = (rule["maxLength"].as_u64(), current.is_string()) {
                let mut d = data.clone();
                *at(&mut d, field).unwrap() =
                    serde_json::Value::String("7".repeat(max as usize + 1));
                if rule["enum"].is_null() && rule["pattern"].is_null() && rule["type"] != "decimal"
                {
                    expect(d, "TOO_LONG");
                }
            }
            if rule["enum"].is_array() {
                let mut d = data.clone();
                *at(&mut d, field).unwrap() = serde_json::Value::String("Q".into());
                expect(d, "NOT_ALLOWED");
            }
            if rule["type"].is_string() {
                let wrong = match rule["type"].as_str().unwrap() {
                    "boolean" => serde_json::json!("yes"),
                    _ => serde_json::json!(true),
                };
                let mut d = data.clone();
                *at(&mut d, field).unwrap() = wrong;
                expect(d, "TYPE_MISMATCH");
            }
        }
    }
    println!("{mutations} mutations");
    assert!(mutations > 300, "{mutations} mutations");
}

#[test]
fn fields_the_schema_does_not_know_are_ignored_not_refused() {
    let d = json::parse(r#"{"outTradeNo":"T_1","newFieldFromTheFuture":{"a":1}}"#).unwrap();
    let r = data::check("orderQuery", &d).unwrap();
    assert!(r.failed.is_empty(), "{:?}", r.failed);
    assert_eq!(r.ignored, vec!["newFieldFromTheFuture.a".to_owned()]);
}

#[test]
fn every_catalogue_endpoint_has_a_schema() {
    let mut names = data::endpoints();
    names.sort_unstable();
    let mut catalogue: Vec<&str> = payseal::payermax::endpoint::CATALOGUE
        .iter()
        .map(|e| e.name)
        .collect();
    catalogue.sort_unstable();
    assert_eq!(names, catalogue);
}

#[test]
fn the_generated_files_match_the_description() {
    let out = std::process::Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/gen-payermax"))
        .arg("--check")
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A payout is also checked against the built-in payee rule set of its
/// country and method, in the same list.
#[test]
fn a_payout_runs_the_payee_rules_of_its_country_and_method() {
    let payout = |account: &str, amount: &str| {
        json::parse(&format!(
            r#"{{"outTradeNo":"P_1","country":"PE","trade":{{"amount":"{amount}","currency":"PEN"}},"payeeInfo":{{"paymentMethodType":"BANK_TRANSFER","accountInfo":{{"accountNo":"{account}"}},"name":{{"firstName":"Rosa","lastName":"Quispe"}},"document":{{"documentType":"DNI","documentId":"10117410"}}}},"notifyUrl":"http://127.0.0.1:8080/payouts"}}"#
        ))
        .unwrap()
    };
    assert!(failures("paymentOrderPay", &payout("00219300247595201411", "150.00")).is_empty());
    assert_eq!(
        failures(
            "paymentOrderPay",
            &payout("00219300247595201412", "150.001")
        ),
        vec![
            ("trade.amount".to_owned(), "INVALID_SCALE".to_owned()),
            (
                "payeeInfo.accountInfo.accountNo".to_owned(),
                "INVALID_CHECKSUM".to_owned()
            ),
        ]
    );
}
