//! Responses and notifications: every error code, key rotation, the replay
//! window, and event keys.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use payseal::payermax::{Environment, PayerMax, Settings, Window};
use payseal::{rsa_sha256, PrivateKey, PublicKey};

fn demo(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/www-example/demo-keys/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Two platform key pairs: version "1" and version "2".
fn platform_keys() -> [(PrivateKey, PublicKey); 2] {
    let one = PrivateKey::parse(&demo("platform-private.pem")).unwrap();
    let two = PrivateKey::parse(&demo("merchant-private.txt")).unwrap();
    [one, two].map(|k| {
        let p = k.public_key().clone();
        (k, p)
    })
}

fn merchant(keys: Vec<(&str, PublicKey)>) -> PayerMax {
    PayerMax::new(Settings {
        app_id: "APP".into(),
        merchant_no: "M1".into(),
        private_key: None,
        platform_public_keys: keys.into_iter().map(|(v, k)| (v.into(), k)).collect(),
        environment: Environment::Sandbox,
        base_url: None,
        key_version: "1".into(),
        sp_merchant_no: None,
        merchant_auth_token: None,
    })
    .unwrap()
}

fn body(key_version: &str, notify_time: &str, notify_type: &str, data: &str) -> String {
    format!(
        r#"{{"code":"APPLY_SUCCESS","msg":"Success","keyVersion":"{key_version}","appId":"APP","merchantNo":"M1","notifyTime":"{notify_time}","notifyType":"{notify_type}","data":{data}}}"#
    )
}

const T: &str = "2024-02-27T10:59:08.295Z";
const T_MS: i64 = 1_709_031_548_295;
const DATA: &str =
    r#"{"outTradeNo":"O1","tradeToken":"T1","status":"SUCCESS","totalAmount":10.00}"#;

fn sign(key: &PrivateKey, body: &str) -> String {
    rsa_sha256::sign_base64(key, body.as_bytes()).unwrap()
}

fn code<T: std::fmt::Debug>(r: payseal::Result<T>) -> &'static str {
    r.unwrap_err().code()
}

#[test]
fn valid_notifications_of_several_types() {
    let [(k1, p1), _] = platform_keys();
    let pm = merchant(vec![("1", p1)]);
    for ty in [
        "PAYMENT",
        "REFUND",
        "PAYOUT",
        "CUSTOMER COMPLAINT",
        "NEW_KIND",
    ] {
        let b = body("1", T, ty, DATA);
        let n = pm
            .verify_notification(b.as_bytes(), &sign(&k1, &b), Window::default())
            .unwrap();
        assert_eq!(n.notify_type.as_deref(), Some(ty));
        assert_eq!(n.known_type, ty != "NEW_KIND");
        assert_eq!(n.code.as_deref(), Some("APPLY_SUCCESS"));
        assert_eq!(n.app_id.as_deref(), Some("APP"));
        assert_eq!(n.notify_time.as_deref(), Some(T));
        assert!(
            n.event_key.starts_with(&format!("{ty}:T1:")),
            "{}",
            n.event_key
        );
    }
}

#[test]
fn event_keys_match_for_redeliveries_and_differ_between_events() {
    let [(k1, p1), _] = platform_keys();
    let pm = merchant(vec![("1", p1)]);
    let key_of = |b: &str| {
        pm.verify_notification(b.as_bytes(), &sign(&k1, b), Window::default())
            .unwrap()
            .event_key
    };
    let first = key_of(&body("1", T, "PAYMENT", DATA));
    let redelivered = key_of(&body("1", "2024-02-27T11:29:08.295Z", "PAYMENT", DATA));
    assert_eq!(first, redelivered);
    let other = DATA.replace("SUCCESS", "FAILED");
    assert_ne!(first, key_of(&body("1", T, "PAYMENT", &other)));
    assert_ne!(first, key_of(&body("1", T, "REFUND", DATA)));
}

#[test]
fn signature_and_header_errors() {
    let [(k1, p1), (k2, _)] = platform_keys();
    let pm = merchant(vec![("1", p1)]);
    let b = body("1", T, "PAYMENT", DATA);
    let good = sign(&k1, &b);
    let w = Window::default();
    assert_eq!(
        code(pm.verify_notification(b.as_bytes(), "", w)),
        "SIGN_HEADER_MISSING"
    );
    assert_eq!(
        code(pm.verify_notification(b.as_bytes(), "  ", w)),
        "SIGN_HEADER_MISSING"
    );
    assert_eq!(
        code(pm.verify_notification(b.as_bytes(), "junk", w)),
        "SIGNATURE_INVALID"
    );
    assert_eq!(
        code(pm.verify_notification(b.as_bytes(), &sign(&k2, &b), w)),
        "SIGNATURE_INVALID"
    );
    let tampered = b.replace("10.00", "1000.00");
    assert_eq!(
        code(pm.verify_notification(tampered.as_bytes(), &good, w)),
        "SIGNATURE_INVALID"
    );
    // Not JSON: a signature error unless it is genuinely signed.
    assert_eq!(
        code(pm.verify_notification(b"not json", &good, w)),
        "SIGNATURE_INVALID"
    );
    assert_eq!(
        code(pm.verify_notification(b"not json", &sign(&k1, "not json"), w)),
        "JSON_INVALID"
    );
    assert_eq!(
        code(pm.verify_notification(b"[1]", &sign(&k1, "[1]"), w)),
        "JSON_INVALID"
    );
    let big = vec![b' '; payseal::limits::MAX_BODY_BYTES + 1];
    assert_eq!(
        code(pm.verify_notification(&big, &good, w)),
        "INPUT_TOO_LARGE"
    );
    let no_keys = merchant(vec![]);
    assert_eq!(
        code(no_keys.verify_notification(b.as_bytes(), &good, w)),
        "CONFIG_INVALID"
    );
}

#[test]
fn notifications_for_another_merchant_are_refused() {
    let [(k1, p1), _] = platform_keys();
    let pm = merchant(vec![("1", p1)]);
    for b in [
        body("1", T, "PAYMENT", DATA).replace("\"APP\"", "\"OTHER\""),
        body("1", T, "PAYMENT", DATA).replace("\"M1\"", "\"M2\""),
    ] {
        assert_eq!(
            code(pm.verify_notification(b.as_bytes(), &sign(&k1, &b), Window::default())),
            "MERCHANT_MISMATCH"
        );
    }
    // REPAYMENT_RECEIPT names the app merchantAppId.
    let b = body("1", T, "REPAYMENT_RECEIPT", DATA).replace("\"appId\"", "\"merchantAppId\"");
    let n = pm
        .verify_notification(b.as_bytes(), &sign(&k1, &b), Window::default())
        .unwrap();
    assert_eq!(n.app_id.as_deref(), Some("APP"));
}

#[test]
fn key_rotation_selects_the_key_by_key_version() {
    let [(k1, p1), (k2, p2)] = platform_keys();
    let pm = merchant(vec![("1", p1), ("2", p2)]);
    let w = Window::default();
    let b1 = body("1", T, "PAYMENT", DATA);
    let b2 = body("2", T, "PAYMENT", DATA);
    assert!(pm
        .verify_notification(b1.as_bytes(), &sign(&k1, &b1), w)
        .is_ok());
    assert!(pm
        .verify_notification(b2.as_bytes(), &sign(&k2, &b2), w)
        .is_ok());
    // A body claiming version 2 but signed with key 1 does not verify.
    assert_eq!(
        code(pm.verify_notification(b2.as_bytes(), &sign(&k1, &b2), w)),
        "SIGNATURE_INVALID"
    );
    let b3 = body("3", T, "PAYMENT", DATA);
    assert_eq!(
        code(pm.verify_notification(b3.as_bytes(), &sign(&k1, &b3), w)),
        "KEY_VERSION_UNKNOWN"
    );
}

#[test]
fn replay_window_both_ways_and_every_time_format() {
    let [(k1, p1), _] = platform_keys();
    let pm = merchant(vec![("1", p1)]);
    let check = |time: &str, now_ms: i64, tolerance: Option<u64>| {
        let b = body("1", time, "PAYMENT", DATA);
        pm.verify_notification(
            b.as_bytes(),
            &sign(&k1, &b),
            Window {
                now_ms,
                tolerance_seconds: tolerance,
            },
        )
    };
    for form in [
        "2024-02-27T10:59:08.295Z",
        "2024-02-27T10:59:08.295+00:00",
        "2024-02-27T10:59:08 +0000",
    ] {
        assert!(check(form, T_MS + 299_000, Some(300)).is_ok(), "{form}");
        assert!(check(form, T_MS - 299_000, Some(300)).is_ok(), "{form}");
        assert_eq!(
            code(check(form, T_MS + 301_000, Some(300))),
            "NOTIFICATION_EXPIRED",
            "{form}"
        );
        assert_eq!(
            code(check(form, T_MS - 301_000, Some(300))),
            "NOTIFICATION_EXPIRED",
            "{form}"
        );
    }
    // Off by default: a year-old notification is accepted without a tolerance.
    assert!(check(T, T_MS + 365 * 86_400_000, None).is_ok());
    assert_eq!(
        code(check("yesterday", T_MS, Some(300))),
        "NOTIFICATION_EXPIRED"
    );
}

#[test]
fn responses_are_verified_and_classified() {
    let [(k1, p1), (k2, _)] = platform_keys();
    let pm = merchant(vec![("1", p1)]);
    let ok = r#"{"code":"APPLY_SUCCESS","msg":"","data":{"tradeNo":"T","status":"PENDING"}}"#;
    let r = pm
        .verify_response(ok.as_bytes(), Some(&sign(&k1, ok)))
        .unwrap();
    assert!(r.verified && r.ok);
    assert_eq!(r.status.as_deref(), Some("PENDING"));
    assert_eq!(
        code(pm.verify_response(ok.as_bytes(), Some(&sign(&k2, ok)))),
        "SIGNATURE_INVALID"
    );
    assert_eq!(
        code(pm.verify_response(ok.as_bytes(), None)),
        "SIGN_HEADER_MISSING"
    );
    assert_eq!(
        code(pm.verify_response(ok.as_bytes(), Some(""))),
        "SIGN_HEADER_MISSING"
    );
    // The gateway may not sign errors: an unsigned error is returned, marked unverified.
    let err = r#"{"code":"SIGN_VERIFY_FAILED","msg":"sign verify failed"}"#;
    let r = pm.verify_response(err.as_bytes(), None).unwrap();
    assert!(!r.verified && !r.ok);
    assert_eq!(r.code.as_deref(), Some("SIGN_VERIFY_FAILED"));
    // A signed error still has to verify.
    assert_eq!(
        code(pm.verify_response(err.as_bytes(), Some("junk"))),
        "SIGNATURE_INVALID"
    );
    // An unsigned body that is no gateway JSON (a proxy's error page, an
    // empty body) says so, rather than blaming a missing header.
    for not_json in [
        &b"<html>502</html>"[..],
        b"",
        b"[1]",
        br#"{"error":"bad gateway"}"#,
    ] {
        assert_eq!(
            code(pm.verify_response(not_json, None)),
            "NOT_A_RESPONSE",
            "{}",
            String::from_utf8_lossy(not_json)
        );
    }
}

/// A correctly signed body is accepted only as what it is and for whom it
/// is: a replayed response is not an event, and a notification is not an
/// answer. Both paths (signature checked here, or by WebCrypto) agree.
#[test]
fn each_message_is_bound_to_its_kind_and_merchant() {
    let [(k1, p1), _] = platform_keys();
    let pm = merchant(vec![("1", p1)]);
    let verify = |b: &str| pm.verify_notification(b.as_bytes(), &sign(&k1, b), Window::default());
    let accept = |b: &str| pm.accept_verified_notification(b.as_bytes(), Window::default());
    let response = r#"{"code":"APPLY_SUCCESS","msg":"","keyVersion":"1","data":{"tradeToken":"T1","status":"SUCCESS"}}"#;
    let no_app = r#"{"code":"APPLY_SUCCESS","keyVersion":"1","merchantNo":"M1","notifyType":"PAYOUT","data":{}}"#;
    let other_app = body("1", T, "PAYOUT", DATA).replace(r#""appId":"APP""#, r#""appId":"OTHER""#);
    let other_merchant =
        body("1", T, "PAYOUT", DATA).replace(r#""merchantNo":"M1""#, r#""merchantNo":"M2""#);
    let no_merchant = body("1", T, "PAYOUT", DATA).replace(r#""merchantNo":"M1","#, "");
    let merchant_app =
        body("1", T, "REPAYMENT_RECEIPT", DATA).replace(r#""appId""#, r#""merchantAppId""#);
    for (b, want) in [
        (response, Some("NOT_A_NOTIFICATION")),
        (no_app, Some("MERCHANT_MISMATCH")),
        (other_app.as_str(), Some("MERCHANT_MISMATCH")),
        (other_merchant.as_str(), Some("MERCHANT_MISMATCH")),
        (no_merchant.as_str(), None),
        (merchant_app.as_str(), None),
    ] {
        for got in [
            verify(b).err().map(|e| e.code()),
            accept(b).err().map(|e| e.code()),
        ] {
            assert_eq!(got, want, "{b}");
        }
    }
    // A notification is not an answer to a request.
    let n = body("1", T, "PAYMENT", DATA);
    assert_eq!(
        code(pm.verify_response(n.as_bytes(), Some(&sign(&k1, &n)))),
        "NOT_A_RESPONSE"
    );
    assert_eq!(
        code(pm.accept_verified_response(n.as_bytes())),
        "NOT_A_RESPONSE"
    );
    assert!(pm
        .verify_response(response.as_bytes(), Some(&sign(&k1, response)))
        .is_ok());
}

/// A signed notification or response that repeats a key, at any depth, is
/// JSON_INVALID once its signature holds, on the path that verifies in the
/// core and on the one whose signature was checked elsewhere (both read the
/// body with the same parse); a forged one is SIGNATURE_INVALID whatever it
/// repeats, so nothing is said about an unauthenticated body.
#[test]
fn repeated_keys_are_refused_once_the_signature_holds() {
    let [(k1, p1), (k2, _)] = platform_keys();
    let pm = merchant(vec![("1", p1)]);
    let w = Window {
        now_ms: T_MS,
        tolerance_seconds: None,
    };
    for (data, key, place) in [
        (
            r#"{"outTradeNo":"O1","status":"FAILED","status":"SUCCESS"}"#,
            "status",
            "\"data\"",
        ),
        (
            r#"{"outTradeNo":"O1","items":[{"id":"1"},{"id":"2","id":"3"}]}"#,
            "id",
            "\"data.items[1]\"",
        ),
        (r#"{"outTradeNo":"O1","\u0061":1,"a":2}"#, "a", "\"data\""),
    ] {
        let b = body("1", T, "PAYMENT", data);
        let e = pm
            .verify_notification(b.as_bytes(), &sign(&k1, &b), w)
            .unwrap_err();
        assert_eq!(e.code(), "JSON_INVALID", "{data}");
        let message = e.to_string();
        assert!(
            message.contains(&format!("\"{key}\" in {place}")),
            "{message}"
        );
        assert_eq!(
            code(pm.accept_verified_notification(b.as_bytes(), w)),
            "JSON_INVALID"
        );
        assert_eq!(
            code(pm.verify_notification(b.as_bytes(), &sign(&k2, &b), w)),
            "SIGNATURE_INVALID"
        );
        assert_eq!(
            code(pm.verify_notification(b.as_bytes(), "AAAA", w)),
            "SIGNATURE_INVALID"
        );
    }
    // At the top level of a response: which `code` would count?
    let response = r#"{"code":"APPLY_SUCCESS","msg":"Success","data":{},"code":"FAILED"}"#;
    let e = pm
        .verify_response(response.as_bytes(), Some(&sign(&k1, response)))
        .unwrap_err();
    assert_eq!(e.code(), "JSON_INVALID");
    assert!(e.to_string().contains("its top-level object"), "{e}");
    assert_eq!(
        code(pm.accept_verified_response(response.as_bytes())),
        "JSON_INVALID"
    );
    assert_eq!(
        code(pm.verify_response(response.as_bytes(), Some(&sign(&k2, response)))),
        "SIGNATURE_INVALID"
    );
    // The same key in different objects is no repetition.
    let fine = body("1", T, "PAYMENT", r#"{"a":{"id":1},"b":{"id":1}}"#);
    assert!(pm
        .verify_notification(fine.as_bytes(), &sign(&k1, &fine), w)
        .is_ok());
}
