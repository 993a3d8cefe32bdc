//! IBAN against the SWIFT IBAN Registry's own examples
//! (tests/payee/iban_examples.txt, one per registry country): the countries
//! payseal knows are exactly the registry's, every example is valid and
//! normalises to itself, every one-character change of an example is
//! refused unless it is itself a well-formed IBAN (mod 97 == 1 in the
//! country's layout), and python-stdnum (tests/payee/iban_examples.py, the
//! version pinned in tests/payee/requirements.txt) gives the same answers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::collections::BTreeSet;

use payseal::payee::{validate_field, Context};

const EXAMPLES: &str = include_str!("payee/iban_examples.txt");
const REGISTRY_SOURCE: &str = include_str!("../src/payee/iban_registry.rs");
const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Where python-stdnum's answer for an example differs, and why.
const STDNUM_REFUSES: &[(&str, &str)] = &[(
    // stdnum.be.iban also requires the bank code (539) to be in its list of
    // Belgian banks; the IBAN check digits (68) and the Belgian account
    // check (5390075470 mod 97 = 34) are right, and `stdnum.iban.is_valid`
    // with check_country=False accepts it.
    "BE68539007547034",
    "InvalidComponent",
)];

fn examples() -> Vec<(&'static str, &'static str)> {
    EXAMPLES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (cc, iban) = l.split_once(' ').unwrap();
            (cc, iban)
        })
        .collect()
}

fn check(value: &str, country: Option<&str>) -> Result<String, &'static str> {
    let ctx = Context {
        country,
        ..Context::default()
    };
    validate_field("iban", value, ctx)
        .unwrap()
        .map_err(|e| e.code)
}

/// The countries whose IBANs payseal checks, from its answers: an unknown
/// country is INVALID_COMPONENT, a known one with a wrong length (34
/// characters is no registry length) INVALID_LENGTH.
fn payseal_countries() -> BTreeSet<String> {
    let mut known = BTreeSet::new();
    for a in b'A'..=b'Z' {
        for b in b'A'..=b'Z' {
            let cc = String::from_utf8(vec![a, b]).unwrap();
            match check(&format!("{cc}{}", "0".repeat(32)), None) {
                Err("INVALID_LENGTH") => {
                    known.insert(cc);
                }
                Err("INVALID_COMPONENT") => {}
                other => panic!("{cc}: {other:?}"),
            }
        }
    }
    known
}

/// The countries of the table in src/payee/iban_registry.rs.
fn registry_countries() -> BTreeSet<String> {
    REGISTRY_SOURCE
        .lines()
        .filter_map(|l| l.trim().strip_prefix("(\""))
        .map(|l| l[..2].to_owned())
        .collect()
}

fn stdnum() -> serde_json::Value {
    let out = support::python_ok(
        "tests/payee/iban_examples.py",
        &[],
        "(pip install -r tests/payee/requirements.txt)",
    );
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn every_registry_country_has_one_example() {
    let examples = examples();
    let in_file: BTreeSet<String> = examples.iter().map(|(cc, _)| (*cc).to_owned()).collect();
    assert_eq!(in_file.len(), examples.len(), "one example per country");
    let registry = registry_countries();
    assert_eq!(registry.len(), 89);
    assert_eq!(registry, in_file, "registry table vs examples");
    assert_eq!(
        payseal_countries(),
        in_file,
        "payseal's answers vs examples"
    );
    for (cc, iban) in examples {
        assert!(iban.starts_with(cc), "{cc} {iban}");
    }
}

#[test]
fn every_example_is_valid_and_normalises_to_itself() {
    for (cc, iban) in examples() {
        assert_eq!(check(iban, None), Ok(iban.to_owned()), "{iban}");
        assert_eq!(check(iban, Some(cc)), Ok(iban.to_owned()), "{iban}");
        // The print format (groups of 4) and lower case normalise to it.
        let print: Vec<String> = iban
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8(c.to_vec()).unwrap())
            .collect();
        let print = print.join(" ");
        assert_eq!(check(&print, None), Ok(iban.to_owned()), "{print}");
        let lower = iban.to_ascii_lowercase();
        assert_eq!(check(&lower, None), Ok(iban.to_owned()), "{lower}");
        let other = if cc == "DE" { "FR" } else { "DE" };
        assert_eq!(check(iban, Some(other)), Err("INVALID_COMPONENT"));
    }
}

/// Mod 97 catches every change of a digit into another digit or of a letter
/// into another letter, so all of those are refused. A digit changed into a
/// letter (or back) where the layout allows both can give another
/// well-formed IBAN; those are accepted exactly when python-stdnum accepts
/// them too, except letters in the check digits, which stdnum lets through
/// and ISO 13616 (2!n) does not.
#[test]
fn one_character_changes_are_refused_unless_well_formed() {
    let reference = stdnum();
    let stdnum_accepts: BTreeSet<&str> = reference["accepted_changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut accepted = BTreeSet::new();
    let mut changes = 0usize;
    for (_, iban) in examples() {
        for (i, &original) in iban.as_bytes().iter().enumerate() {
            for &c in ALPHABET {
                if c == original {
                    continue;
                }
                let mut changed = iban.as_bytes().to_vec();
                changed[i] = c;
                let changed = String::from_utf8(changed).unwrap();
                changes += 1;
                let same_class = original.is_ascii_digit() == c.is_ascii_digit();
                if let Ok(v) = check(&changed, None) {
                    assert!(!same_class, "accepted {changed} (from {iban})");
                    assert_eq!(v, changed);
                    accepted.insert(changed);
                }
            }
        }
    }
    let stdnum_in_layout: BTreeSet<String> = stdnum_accepts
        .iter()
        .filter(|v| v.as_bytes()[2..4].iter().all(u8::is_ascii_digit))
        .map(|v| (*v).to_owned())
        .collect();
    assert!(stdnum_accepts.len() > stdnum_in_layout.len());
    assert_eq!(
        accepted, stdnum_in_layout,
        "accepted changes: payseal vs stdnum"
    );
    assert!(changes > 70_000, "{changes}");
    assert!(!accepted.is_empty());
}

#[test]
fn stdnum_accepts_the_examples_but_one() {
    let reference = stdnum();
    assert_eq!(reference["version"], "2.2");
    let answers = reference["examples"].as_array().unwrap();
    assert_eq!(answers.len(), examples().len());
    let mut refused = Vec::new();
    for (answer, (cc, iban)) in answers.iter().zip(examples()) {
        assert_eq!(answer["country"], cc);
        assert_eq!(answer["iban"], iban);
        if answer["valid"] != true {
            refused.push((iban, answer["error"].as_str().unwrap()));
        }
    }
    assert_eq!(refused, STDNUM_REFUSES);
}
