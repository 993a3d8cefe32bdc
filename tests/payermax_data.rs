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

mod support;

use std::ffi::OsStr;

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
fn examples() -> Vec<(String, String, Value<'static>)> {
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
                    json::parse_owned(&d.to_string()).unwrap(),
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

fn to_value(v: &serde_json::Value) -> Value<'static> {
    json::parse_owned(&v.to_string()).unwrap()
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
    support::python_ok(GENERATOR, &["--check"], "(run scripts/gen-payermax)");
}

const GENERATOR: &str = "scripts/gen-payermax";
const TRANSLATIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/scripts/payermax-descriptions.en.json"
);

/// Chinese script and the CJK punctuation and full-width forms around it
/// (the ranges the generator looks for).
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2e80}'..='\u{2fdf}'
        | '\u{3000}'..='\u{303f}'
        | '\u{3100}'..='\u{312f}'
        | '\u{3190}'..='\u{31ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ffef}')
}

#[test]
fn every_jsdoc_line_of_the_generated_types_is_free_of_chinese() {
    assert!("商，【】（）：".chars().all(is_cjk));
    assert!(!"Amount, in units (not minor units): é ’ — ≤"
        .chars()
        .any(is_cjk));
    let dts = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pkg-template/payermax-data.d.ts"
    ))
    .unwrap();
    let mut comments = 0;
    let mut rest = dts.as_str();
    while let Some(start) = rest.find("/**") {
        let len = rest[start..].find("*/").expect("a JSDoc comment is closed");
        let comment = &rest[start..start + len + 2];
        for line in comment.lines() {
            assert!(
                !line.chars().any(is_cjk),
                "JSDoc with Chinese in it: {line}"
            );
        }
        comments += 1;
        rest = &rest[start + len + 2..];
    }
    // The field docs are there: the descriptions are mostly Chinese.
    assert!(comments > 400, "{comments} JSDoc comments");
    let translations: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(TRANSLATIONS).unwrap()).unwrap();
    let texts = translations["texts"].as_object().unwrap();
    assert!(texts.len() > 600, "{} translations", texts.len());
    for (zh, en) in texts {
        assert!(zh.chars().any(is_cjk), "translated, yet no Chinese: {zh}");
        assert!(
            !en.as_str().unwrap().chars().any(is_cjk),
            "translation with Chinese in it: {en}"
        );
    }
}

/// Runs the generator's check against a changed copy of the translations.
fn check_with_translations(
    name: &str,
    change: impl FnOnce(&mut serde_json::Map<String, serde_json::Value>),
) -> (bool, String) {
    let mut translations: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(TRANSLATIONS).unwrap()).unwrap();
    change(translations["texts"].as_object_mut().unwrap());
    let path = std::env::temp_dir().join(format!(
        "payseal-translations-{}-{name}.json",
        std::process::id()
    ));
    std::fs::write(&path, serde_json::to_string(&translations).unwrap()).unwrap();
    let out = support::python(
        GENERATOR,
        &[
            OsStr::new("--check"),
            OsStr::new("--translations"),
            path.as_os_str(),
        ],
    );
    std::fs::remove_file(&path).unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_chinese_description_without_english_stops_the_generator() {
    let missing = "卡有效期-年，只取后两位年份";
    let (ok, stderr) = check_with_translations("missing", |texts| {
        assert!(texts.remove(missing).is_some());
    });
    assert!(!ok);
    assert!(
        stderr.contains("1 field description(s) in Chinese have no English"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("\"{missing}\"  (cardExpirationYear)")),
        "{stderr}"
    );
    // The untouched copy passes: the failure is the missing text's.
    let (ok, stderr) = check_with_translations("untouched", |_| {});
    assert!(ok, "{stderr}");
}

#[test]
fn a_translation_whose_text_is_gone_is_stale_and_fails_the_check() {
    let (ok, stderr) = check_with_translations("stale", |texts| {
        texts.insert("已删除的描述".into(), "A description since removed.".into());
    });
    assert!(!ok);
    assert!(stderr.contains("1 stale translation(s)"), "{stderr}");
    assert!(stderr.contains("\"已删除的描述\""), "{stderr}");
}

#[test]
fn a_translation_with_chinese_in_it_is_refused() {
    let (ok, stderr) = check_with_translations("chinese", |texts| {
        texts.insert("卡信息".into(), "Card 信息.".into());
    });
    assert!(!ok);
    assert!(stderr.contains("\"卡信息\""), "{stderr}");
}

/// A payout is also checked against the built-in payee rule set of its
/// country and method, in the same list.
#[test]
fn a_payout_runs_the_payee_rules_of_its_country_and_method() {
    let payout = |account: &str, amount: &str| {
        json::parse_owned(&format!(
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

/// A method with no rule set for the country runs the method's own set
/// (a card payout checks the card number); the description's wallet payout
/// example passes the ID WALLET set, and a foreign number fails it.
#[test]
fn a_payout_without_a_country_set_runs_its_method_set() {
    let payout = |country: &str, method: &str, account: &str| {
        json::parse_owned(&format!(
            r#"{{"outTradeNo":"P_1","country":"{country}","trade":{{"amount":"150.00","currency":"USD"}},"payeeInfo":{{"paymentMethodType":"{method}","targetOrg":"DANA","accountInfo":{{"accountNo":"{account}"}}}}}}"#
        ))
        .unwrap()
    };
    let acct = "payeeInfo.accountInfo.accountNo".to_owned();
    assert!(failures("paymentOrderPay", &payout("US", "CARD", "4111111111111111")).is_empty());
    assert_eq!(
        failures("paymentOrderPay", &payout("US", "CARD", "4111111111111112")),
        vec![(acct.clone(), "INVALID_CHECKSUM".to_owned())]
    );
    assert!(failures("paymentOrderPay", &payout("ID", "WALLET", "0812323233332")).is_empty());
    assert_eq!(
        failures("paymentOrderPay", &payout("ID", "WALLET", "+6591234567")),
        vec![(acct, "INVALID_FORMAT".to_owned())]
    );
    // No set for the method anywhere: the schema alone.
    assert!(failures("paymentOrderPay", &payout("US", "WALLET", "anything")).is_empty());
}
