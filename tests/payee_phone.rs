//! Phone numbers against libphonenumber (the PyPI package phonenumbers, the
//! version pinned in tests/payee/requirements.txt): every example number of
//! every covered country and random digit strings of its possible lengths,
//! in international, national and out-of-country forms, must get the same
//! valid / invalid answer, the same number type and the same E.164 form.
//! The generated tables must be what `scripts/gen-phone` writes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::collections::BTreeMap;

use payseal::payee::phone::{self, Phone};
use payseal::payee::{validate_field, Context};

fn cases() -> serde_json::Value {
    let out = support::python_ok(
        "tests/payee/phone_cases.py",
        &[],
        "(pip install -r tests/payee/requirements.txt)",
    );
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn agrees_with_libphonenumber_on_examples_and_random_numbers() {
    let all = cases();
    assert_eq!(
        all["version"],
        phone::VERSION,
        "the tables' metadata version"
    );
    let countries: Vec<&str> = all["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(countries, phone::regions().collect::<Vec<_>>());
    let cases = all["cases"].as_array().unwrap();
    let mut disagreements = Vec::new();
    let mut counts: BTreeMap<(&str, String), usize> = BTreeMap::new();
    for case in cases {
        let value = case["value"].as_str().unwrap();
        let country = case["country"].as_str();
        let want_valid = case["valid"].as_bool().unwrap();
        let got = phone::check(value, country);
        let want = want_valid.then(|| Phone {
            e164: case["e164"].as_str().unwrap().to_owned(),
            kind: match case["type"].as_str().unwrap() {
                "fixed_line" => "fixed_line",
                "mobile" => "mobile",
                "fixed_line_or_mobile" => "fixed_line_or_mobile",
                "toll_free" => "toll_free",
                "premium_rate" => "premium_rate",
                "shared_cost" => "shared_cost",
                "voip" => "voip",
                "personal_number" => "personal_number",
                "pager" => "pager",
                "uan" => "uan",
                "voicemail" => "voicemail",
                other => panic!("type {other}"),
            },
        });
        if got.as_ref().ok() != want.as_ref() {
            disagreements.push(format!(
                "{value:?} in {country:?}: libphonenumber {want:?}, payseal {got:?}"
            ));
        }
        let region = country.unwrap_or("(international)");
        let label = want.map_or("invalid".to_owned(), |p| p.kind.to_owned());
        *counts.entry((region, label)).or_default() += 1;
        // The field kind answers the same, with the E.164 form as its value.
        if let Ok(p) = &got {
            let ctx = Context {
                country,
                ..Context::default()
            };
            assert_eq!(
                validate_field("phone", value, ctx).unwrap().as_ref(),
                Ok(&p.e164)
            );
        }
    }
    let valid = cases.iter().filter(|c| c["valid"] == true).count();
    println!(
        "{} cases ({valid} valid, {} invalid) over {} countries; {} read as other calling codes left out",
        cases.len(),
        cases.len() - valid,
        countries.len(),
        all["left_out"]
    );
    let mut by_type: BTreeMap<&str, usize> = BTreeMap::new();
    for ((_, label), n) in &counts {
        *by_type.entry(label.as_str()).or_default() += n;
    }
    println!("by libphonenumber's answer: {by_type:?}");
    assert!(
        cases.len() > 20_000 && valid > 3_000,
        "{} cases",
        cases.len()
    );
    assert!(by_type.get("mobile").copied().unwrap_or(0) > 500);
    assert!(by_type.get("fixed_line").copied().unwrap_or(0) > 500);
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements[..disagreements.len().min(40)].join("\n")
    );
}

#[test]
fn the_generated_tables_match_the_pinned_metadata() {
    support::python_ok("scripts/gen-phone", &["--check"], "(run scripts/gen-phone)");
}
