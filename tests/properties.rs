//! Property tests: signatures, canonical JSON (against Node's JSON.stringify
//! as the reference), normalisation, and check digits.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::expect_used
)]

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use payseal::json::{self, Number, Value};
use payseal::payee::{validate_field, Context, KINDS};
use payseal::{rsa_sha256, PrivateKey};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

fn key() -> &'static PrivateKey {
    static KEY: OnceLock<PrivateKey> = OnceLock::new();
    KEY.get_or_init(|| {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/www-example/demo-keys/platform-private.pem"
        ))
        .unwrap();
        PrivateKey::parse(&text).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Sign-then-verify holds; any single-bit change of body or signature fails.
    #[test]
    fn sign_then_verify_and_every_bit_flip_fails(body in proptest::collection::vec(any::<u8>(), 0..512), bit in 0usize..4096, sig_bit in 0usize..2048) {
        let k = key();
        let sig = rsa_sha256::sign(k, &body).unwrap();
        prop_assert!(rsa_sha256::verify(k.public_key(), &body, &sig));
        if !body.is_empty() {
            let mut changed = body.clone();
            changed[(bit / 8) % body.len()] ^= 1 << (bit % 8);
            prop_assert!(!rsa_sha256::verify(k.public_key(), &changed, &sig));
        }
        let mut bad = sig.clone();
        bad[(sig_bit / 8) % sig.len()] ^= 1 << (sig_bit % 8);
        prop_assert!(!rsa_sha256::verify(k.public_key(), &body, &bad));
    }
}

fn arb_value() -> impl Strategy<Value = Value<'static>> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>()
            .prop_filter_map("finite", Number::from_f64)
            .prop_map(Value::Number),
        any::<i32>().prop_map(|i| Value::Number(Number::from_f64(f64::from(i)).unwrap())),
        ".{0,12}".prop_map(|s| Value::String(s.into())),
        "[\u{0}-\u{1f}\"\\\\/é😀\u{2028}a]{0,8}".prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec(("[a-z0-9\"é]{0,6}", inner), 0..6).prop_map(|members| {
                // Distinct keys, as in a JS object.
                let mut seen = std::collections::HashSet::new();
                Value::Object(
                    members
                        .into_iter()
                        .filter(|(k, _)| seen.insert(k.clone()))
                        .map(|(k, v)| (k.into(), v))
                        .collect(),
                )
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The canonical writer's output parses back to the same value, and
    /// writing is idempotent.
    #[test]
    fn canonical_json_round_trips(v in arb_value()) {
        let text = v.to_json();
        let again = json::parse(&text).unwrap();
        prop_assert_eq!(&again, &v);
        prop_assert_eq!(again.to_json(), text);
    }

    /// Normalising is idempotent: an accepted value's normal form is accepted
    /// as itself.
    #[test]
    fn normalisation_is_idempotent(kind_index in 0usize..27, value in "[0-9A-Za-z .\\-/@+]{0,40}") {
        let kind = KINDS[kind_index];
        let ctx = Context { country: Some("PE"), bank_code: Some("058") };
        if let Ok(normal) = validate_field(kind, &value, ctx).unwrap() {
            prop_assert_eq!(validate_field(kind, &normal, ctx).unwrap(), Ok(normal));
        }
    }

    /// A valid identifier (its check digit found by trying all ten) never
    /// passes with any other check digit.
    #[test]
    fn a_changed_check_digit_never_passes(kind_index in 0usize..10, body in "[0-9]{40}") {
        let (kind, len) = [("br.cpf", 11), ("mx.clabe", 18), ("pe.ruc", 11), ("co.nit", 10), ("ar.cuit", 11),
            ("in.aadhaar", 12), ("tr.tckimlik", 11), ("ng.nuban", 10), ("pe.cci", 20), ("card.pan", 16)][kind_index];
        let ctx = Context { country: None, bank_code: Some("058") };
        let mut digits: Vec<u8> = body.bytes().take(len).collect();
        // Prefixes that the formats fix.
        match kind {
            "pe.ruc" => { digits[0] = b'2'; digits[1] = b'0'; }
            "ar.cuit" => { digits[0] = b'2'; digits[1] = b'0'; }
            "card.pan" => digits[0] = b'4',
            "in.aadhaar" | "tr.tckimlik" if digits[0] < b'2' => digits[0] = b'5',
            _ => {}
        }
        let last = len - 1;
        let passes = |d: &[u8]| validate_field(kind, std::str::from_utf8(d).unwrap(), ctx).unwrap().is_ok();
        let valid: Vec<u8> = (b'0'..=b'9').filter(|&c| { let mut t = digits.clone(); t[last] = c; passes(&t) }).collect();
        // At most one check digit fits (CCI's second check digit is the last).
        prop_assert!(valid.len() <= 1, "{kind}: several check digits pass: {valid:?}");
    }
}

/// Our JSON string and number output against Node's JSON.stringify: doubles
/// travel as bit patterns and strings as \u escapes, so the reference side
/// never sees our formatting.
#[test]
fn canonical_json_equals_json_stringify() {
    let Ok(mut node) = Command::new("node")
        .args(["-e", r#"
            let input = ""; process.stdin.on("data", d => input += d).on("end", () => {
              const out = [];
              for (const line of input.split("\n").filter(Boolean)) {
                const [kind, payload] = [line[0], line.slice(2)];
                if (kind === "n") { const v = new DataView(new ArrayBuffer(8)); v.setBigUint64(0, BigInt("0x" + payload)); out.push(JSON.stringify(v.getFloat64(0))); }
                else out.push(JSON.stringify(JSON.parse(payload)));
              }
              process.stdout.write(out.join("\n"));
            });"#])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
    else {
        panic!("node is needed for this cross-check");
    };
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut lines = Vec::new();
    let mut ours = Vec::new();
    for _ in 0..3000 {
        let x = any::<f64>().new_tree(&mut runner).unwrap().current();
        let Some(n) = Number::from_f64(x) else {
            continue;
        };
        lines.push(format!("n {:016x}", x.to_bits()));
        ours.push(n.as_str().to_owned());
    }
    for special in [
        0.1,
        -0.0,
        1e21,
        1e-7,
        123e-20,
        5e-324,
        f64::MAX,
        1e300,
        2f64.powi(53) + 2.0,
    ] {
        lines.push(format!("n {:016x}", special.to_bits()));
        ours.push(Number::from_f64(special).unwrap().as_str().to_owned());
    }
    for _ in 0..1000 {
        let s = ".{0,16}".new_tree(&mut runner).unwrap().current();
        let escaped: String = s.encode_utf16().map(|u| format!("\\u{u:04x}")).collect();
        lines.push(format!("s \"{escaped}\""));
        let mut out = String::new();
        json::write_string(&mut out, &s);
        ours.push(out);
    }
    node.stdin
        .take()
        .unwrap()
        .write_all(lines.join("\n").as_bytes())
        .unwrap();
    let output = node.wait_with_output().unwrap();
    let theirs = String::from_utf8(output.stdout).unwrap();
    let theirs: Vec<&str> = theirs.split('\n').collect();
    assert_eq!(theirs.len(), ours.len());
    for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        assert_eq!(a, b, "case {i}: {}", lines[i]);
    }
}
