//! Rule sets: each built-in set passes a correct record and reports each
//! broken field with the right dotted path and code.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use payseal::json::{self, Value};
use payseal::payee::{builtin, validate_payee, validate_payee_to_compact_text, RuleSetRef};

/// The report, after checking that the text the JS layer gets for the same
/// call is the report's.
fn run(id: &str, data: &str, params: &[(&str, &str)]) -> payseal::payee::rules::Report {
    let params: Vec<(String, Value)> = params
        .iter()
        .map(|(k, v)| (k.to_string(), json::parse_owned(v).unwrap()))
        .collect();
    let data = json::parse(data).unwrap();
    let report = validate_payee(RuleSetRef::Builtin(id), &data, &params).unwrap();
    assert_eq!(
        validate_payee_to_compact_text(RuleSetRef::Builtin(id), &data, &params).unwrap(),
        report.to_compact_text()
    );
    report
}

fn failed(r: &payseal::payee::rules::Report) -> Vec<(String, &'static str)> {
    r.failed.iter().map(|f| (f.field.clone(), f.code)).collect()
}

/// A good record for each built-in rule set.
fn good(id: &str) -> String {
    let bank = good_bank(id);
    let method = |m: &str, account: &str, to: &str| {
        bank.replace(
            r#""paymentMethodType":"BANK_TRANSFER""#,
            &format!(r#""paymentMethodType":"{m}""#),
        )
        .replace(account, to)
    };
    match id.strip_prefix("payermax.payout.").unwrap_or(id) {
        "ID.WALLET" => method(
            "WALLET\",\"targetOrg\":\"DANA",
            "1234567890",
            "0812323233332",
        ),
        "PH.WALLET" => method(
            "WALLET\",\"targetOrg\":\"GCASH",
            "001234567890",
            "0917 123 4567",
        ),
        "EG.CASH" => method(
            "CASH\",\"targetOrg\":\"FAWRY",
            "EG380019000500000000263180002",
            "01012345678",
        )
        .replace(
            r#""notifyUrl""#,
            r#""notifyEmail":"rosa@example.com","expiryDays":"3","notifyUrl""#,
        ),
        "CARD" => method("CARD", "00219300247595201411", "4111 1111 1111 1111"),
        m @ ("CARRIER_BILLING" | "REALTIME_PAYMENT") => method(m, "", ""),
        _ => bank,
    }
}

/// A good bank transfer record for the country of a rule set.
fn good_bank(id: &str) -> String {
    let (country, account, bank, doc_type, doc, currency, amount) = match id.split('.').nth(2) {
        Some("BR") => (
            "BR",
            "12345678",
            "",
            "CPF",
            "111.444.777-35",
            "BRL",
            "150.00",
        ),
        Some("MX") => (
            "MX",
            "032180000118359719",
            "",
            "RFC",
            "GODE561231GR8",
            "MXN",
            "150.00",
        ),
        Some("PE") => (
            "PE",
            "00219300247595201411",
            "",
            "DNI",
            "10117410",
            "PEN",
            "150.00",
        ),
        Some("CO") => ("CO", "1234567890", "", "NIT", "2131234321", "COP", "150.00"),
        Some("CL") => (
            "CL",
            "1234567890",
            "",
            "RUT",
            "12.531.909-2",
            "CLP",
            "15000",
        ),
        Some("AR") => (
            "AR",
            "2850590940090418135201",
            "",
            "CUIT",
            "20-05536168-2",
            "ARS",
            "150.00",
        ),
        Some("IN") => (
            "IN",
            "123456789012",
            "SBIN0005943",
            "PAN",
            "ABCPE1234F",
            "INR",
            "150.00",
        ),
        Some("ID") => (
            "ID",
            "1234567890",
            "",
            "NIK",
            "3171011708450001",
            "IDR",
            "150000",
        ),
        Some("TR") => (
            "TR",
            "TR330006100519786457841326",
            "",
            "TCKN",
            "17291716060",
            "TRY",
            "150.00",
        ),
        Some("NG") => ("NG", "0123456785", "058", "", "", "NGN", "150.00"),
        Some("VN") => ("VN", "0071000123456", "", "", "", "VND", "150000"),
        Some("KR") => ("KR", "11012345678901", "004", "", "", "KRW", "150000"),
        Some("PH") => ("PH", "001234567890", "", "", "", "PHP", "150.00"),
        Some("AE") => ("AE", "AE070331234567890123456", "", "", "", "AED", "150.00"),
        Some("SA") => (
            "SA",
            "SA0380000000608010167519",
            "",
            "",
            "",
            "SAR",
            "150.00",
        ),
        Some("KW") => (
            "KW",
            "KW81CBKU0000000000001234560101",
            "",
            "",
            "",
            "KWD",
            "150.00",
        ),
        Some("QA") => (
            "QA",
            "QA58DOHB00001234567890ABCDEFG",
            "",
            "",
            "",
            "QAR",
            "150.00",
        ),
        Some("BH") => ("BH", "BH67BMAG00001299123456", "", "", "", "BHD", "150.00"),
        Some("OM") => ("OM", "OM810180000001299123456", "", "", "", "OMR", "150.00"),
        Some("JO") => (
            "JO",
            "JO94CBJO0010000000000131000302",
            "",
            "",
            "",
            "JOD",
            "150.00",
        ),
        Some("EG") => (
            "EG",
            "EG380019000500000000263180002",
            "",
            "",
            "",
            "EGP",
            "150.00",
        ),
        _ => (
            "PE",
            "00219300247595201411",
            "",
            "DNI",
            "10117410",
            "PEN",
            "150.00",
        ),
    };
    let bank = if bank.is_empty() {
        String::new()
    } else {
        format!(r#","bankInfo":{{"bankCode":"{bank}"}}"#)
    };
    let document = if doc.is_empty() {
        String::new()
    } else {
        format!(r#","document":{{"documentType":"{doc_type}","documentId":"{doc}"}}"#)
    };
    format!(
        r#"{{"outTradeNo":"T_1","country":"{country}","trade":{{"amount":"{amount}","currency":"{currency}"}},"payeeInfo":{{"paymentMethodType":"BANK_TRANSFER","payeeType":"PERSONAL","accountInfo":{{"accountNo":"{account}"}}{bank},"name":{{"firstName":"Rosa","lastName":"Quispe-Diaz"}}{document},"email":"rosa@example.com"}},"notifyUrl":"https://shop.example.com/payouts"}}"#
    )
}

#[test]
fn every_payermax_rule_set_passes_a_good_record() {
    let ids = builtin::ids();
    assert!(ids.len() >= 19, "{ids:?}");
    for id in ids.iter().filter(|i| i.starts_with("payermax.")) {
        let r = run(id, &good(id), &[]);
        assert_eq!(r.validation_code(), "PASS", "{id}: {:?}", r.failed);
        assert!(
            r.passed
                .contains(&"payeeInfo.accountInfo.accountNo".to_owned()),
            "{id}"
        );
    }
}

#[test]
fn broken_fields_are_reported_with_path_and_code() {
    let id = "payermax.payout.PE.BANK_TRANSFER";
    let data = good(id)
        .replace("00219300247595201411", "00219300247595201412")
        .replace("Quispe-Diaz", "Quispe 2")
        .replace("rosa@example.com", "rosa@")
        .replace("\"T_1\"", "\"T-1\"")
        .replace("\"150.00\"", "\"150.001\"");
    let r = run(id, &data, &[]);
    assert_eq!(r.validation_code(), "PARAMS_INVALID");
    assert_eq!(
        failed(&r),
        vec![
            ("outTradeNo".to_owned(), "INVALID_FORMAT"),
            ("trade.amount".to_owned(), "INVALID_SCALE"),
            (
                "payeeInfo.accountInfo.accountNo".to_owned(),
                "INVALID_CHECKSUM"
            ),
            ("payeeInfo.name.lastName".to_owned(), "INVALID_FORMAT"),
            ("payeeInfo.email".to_owned(), "INVALID_FORMAT"),
        ]
    );
}

#[test]
fn required_unknown_and_not_sent_fields() {
    // BR requires the document; fields the rule set does not know are ignored.
    let id = "payermax.payout.BR.BANK_TRANSFER";
    let data = good(id).replace(
        r#","document":{"documentType":"CPF","documentId":"111.444.777-35"}"#,
        r#","favouriteColour":"blue""#,
    );
    let r = run(id, &data, &[]);
    assert_eq!(
        failed(&r),
        vec![("payeeInfo.document.documentId".to_owned(), "REQUIRED")]
    );
    assert_eq!(r.ignored, vec!["payeeInfo.favouriteColour".to_owned()]);
    // The documentType picks the check.
    let cnpj_as_cpf = good(id).replace("111.444.777-35", "11.222.333/0001-81");
    assert_eq!(
        failed(&run(id, &cnpj_as_cpf, &[])),
        vec![("payeeInfo.document.documentId".to_owned(), "INVALID_LENGTH")]
    );
    // paymentFieldValidation scope (the default): no outTradeNo or trade
    // needed; { orderFields: true } checks a whole order.
    let payee_only = r#"{"country":"BR","payeeInfo":{"paymentMethodType":"BANK_TRANSFER","accountInfo":{"accountNo":"1"},"document":{"documentId":"111.444.777-35"}}}"#;
    assert_eq!(run(id, payee_only, &[]).validation_code(), "PASS");
    assert_eq!(
        run(id, payee_only, &[("orderFields", "false")]).validation_code(),
        "PASS"
    );
    assert_eq!(
        failed(&run(id, payee_only, &[("orderFields", "true")])),
        vec![
            ("outTradeNo".to_owned(), "REQUIRED"),
            ("trade.amount".to_owned(), "REQUIRED"),
            ("trade.currency".to_owned(), "REQUIRED")
        ]
    );
}

#[test]
fn zero_decimal_currencies() {
    let id = "payermax.payout.ID.BANK_TRANSFER";
    assert_eq!(
        failed(&run(id, &good(id).replace("150000", "150000.50"), &[])),
        vec![("trade.amount".to_owned(), "INVALID_SCALE")]
    );
    let pe = "payermax.payout.PE.BANK_TRANSFER";
    assert_eq!(
        run(pe, &good(pe).replace("150.00", "150.5"), &[]).validation_code(),
        "PASS"
    );
}

#[test]
fn nuban_uses_the_bank_code_field() {
    let id = "payermax.payout.NG.BANK_TRANSFER";
    let wrong_bank = good(id).replace("\"058\"", "\"057\"");
    assert_eq!(
        failed(&run(id, &wrong_bank, &[])),
        vec![(
            "payeeInfo.accountInfo.accountNo".to_owned(),
            "INVALID_CHECKSUM"
        )]
    );
    // A microfinance bank's 5-digit code (CBN revised NUBAN standard).
    let mfb = good(id)
        .replace("\"058\"", "\"50515\"")
        .replace("0123456785", "1234567896");
    assert_eq!(failed(&run(id, &mfb, &[])), vec![]);
    let mfb_wrong = mfb.replace("1234567896", "1234567895");
    assert_eq!(
        failed(&run(id, &mfb_wrong, &[])),
        vec![(
            "payeeInfo.accountInfo.accountNo".to_owned(),
            "INVALID_CHECKSUM"
        )]
    );
    let gulf = "payermax.payout.AE.BANK_TRANSFER";
    let saudi_iban = good(gulf).replace("AE070331234567890123456", "SA0380000000608010167519");
    assert_eq!(
        failed(&run(gulf, &saudi_iban, &[])),
        vec![(
            "payeeInfo.accountInfo.accountNo".to_owned(),
            "INVALID_COMPONENT"
        )]
    );
}

const CASHY: &str = r#"{"accountName":"Rosa Quispe","accountNo":"19312345678901","cciAccountNo":"00219300247595201411","accountType":1,"currency":"PEN","amount":150.00,"bankId":12,"mchOrderNo":"P123456","notifyUrl":"https://shop.example.com/cashy","nonceStr":"abc123","idType":"DNI","idCard":"10117410","phone":"+51912345678","email":"rosa@example.com","remark":"payout"}"#;

#[test]
fn cashy_payout_rules() {
    let id = "cashy.pe.payout";
    assert_eq!(run(id, CASHY, &[]).validation_code(), "PASS");
    // nonceStr is filled in by payout(): not required, checked when sent.
    let no_nonce = CASHY.replace(r#""nonceStr":"abc123","#, "");
    assert_eq!(failed(&run(id, &no_nonce, &[])), vec![]);
    let long_nonce = CASHY.replace("abc123", &"n".repeat(33));
    assert_eq!(
        failed(&run(id, &long_nonce, &[])),
        vec![("nonceStr".to_owned(), "TOO_LONG")]
    );
    let numeric_nonce = CASHY.replace(r#""abc123""#, "123");
    assert_eq!(
        failed(&run(id, &numeric_nonce, &[])),
        vec![("nonceStr".to_owned(), "TYPE_MISMATCH")]
    );
    // cciAccountNo required unless the bank is one of the large banks.
    let no_cci = CASHY.replace(r#""cciAccountNo":"00219300247595201411","#, "");
    assert_eq!(
        failed(&run(id, &no_cci, &[])),
        vec![("cciAccountNo".to_owned(), "REQUIRED")]
    );
    assert_eq!(
        run(id, &no_cci, &[("largeBankIds", "[2, 3, 11, 12]")]).validation_code(),
        "PASS"
    );
    // Amount range [10.00, 2000.00] by default, configurable.
    for (amount, code) in [
        ("9.99", Some("OUT_OF_RANGE")),
        ("10.00", None),
        ("2000.00", None),
        ("2000.01", Some("OUT_OF_RANGE")),
        ("10.001", Some("INVALID_SCALE")),
        ("\"abc\"", Some("TYPE_MISMATCH")),
    ] {
        let r = run(id, &CASHY.replace("150.00", amount), &[]);
        assert_eq!(r.failed.first().map(|f| f.code), code, "{amount}");
    }
    assert_eq!(
        run(
            id,
            &CASHY.replace("150.00", "9000.00"),
            &[("maxAmount", "\"10000.00\"")]
        )
        .validation_code(),
        "PASS"
    );
    // notifyUrl must be http(s) and not an IP address.
    let ip = CASHY.replace("https://shop.example.com/cashy", "http://203.0.113.7/cb");
    assert_eq!(
        failed(&run(id, &ip, &[])),
        vec![("notifyUrl".to_owned(), "INVALID_COMPONENT")]
    );
    let bad_dni = CASHY.replace("10117410", "1011741");
    assert_eq!(
        failed(&run(id, &bad_dni, &[])),
        vec![("idCard".to_owned(), "INVALID_LENGTH")]
    );
    let long = CASHY.replace("Rosa Quispe", &"R".repeat(33));
    assert_eq!(
        failed(&run(id, &long, &[])),
        vec![("accountName".to_owned(), "TOO_LONG")]
    );
    // Every required field (all but cciAccountNo's condition, phone,
    // email and nonceStr, which payout() fills in).
    let everything_missing = run(id, "{}", &[]);
    assert_eq!(everything_missing.failed.len(), 12);
}

#[test]
fn custom_rule_sets_and_their_errors() {
    let set =
        r#"{"id":"mine","extends":"cashy.pe.payout","fields":{"remark":{"pattern":"[a-z]+"}}}"#;
    let data = json::parse_owned(&CASHY.replace("\"payout\"", "\"PAYOUT\"")).unwrap();
    let r = validate_payee(RuleSetRef::Custom(set), &data, &[]).unwrap();
    assert_eq!(failed(&r), vec![("remark".to_owned(), "INVALID_FORMAT")]);
    for (bad, needle) in [
        (r#"{"fields":{}}"#, "id"),
        (r#"{"id":"x","fields":{"a":{"lenght":3}}}"#, "lenght"),
        (
            r#"{"id":"x","fields":{"a":{"pattern":"(?=a)"}}}"#,
            "portable",
        ),
        (
            r#"{"id":"x","fields":{"a":{"check":"xx.nothing"}}}"#,
            "xx.nothing",
        ),
        (r#"{"id":"x","extends":"nope","fields":{}}"#, "nope"),
        (
            r#"{"id":"x","fields":{"a":{"when":[{"if":{"field":"b"},"then":{}}]}}}"#,
            "equals",
        ),
    ] {
        let e = validate_payee(RuleSetRef::Custom(bad), &data, &[]).unwrap_err();
        assert_eq!(e.code(), "RULESET_INVALID", "{bad}");
        assert!(e.to_string().contains(needle), "{bad}: {e}");
    }
    let params = [("nope".to_owned(), Value::Null)];
    for (set, params, code) in [
        (RuleSetRef::Builtin("nope"), &[][..], "RULESET_UNKNOWN"),
        (
            RuleSetRef::Builtin("cashy.pe.payout"),
            &params[..],
            "INVALID_ARGUMENT",
        ),
        (
            RuleSetRef::Custom(r#"{"fields":{}}"#),
            &[][..],
            "RULESET_INVALID",
        ),
    ] {
        let e = validate_payee(set, &data, params).unwrap_err();
        assert_eq!(e.code(), code);
        // The text the JS layer gets fails alike.
        let t = validate_payee_to_compact_text(set, &data, params).unwrap_err();
        assert_eq!((t.code(), t.to_string()), (code, e.to_string()));
    }
    // Data that is not an object, both ways.
    let list = json::parse("[]").unwrap();
    let e = validate_payee(RuleSetRef::Builtin("cashy.pe.payout"), &list, &[]).unwrap_err();
    let t = validate_payee_to_compact_text(RuleSetRef::Builtin("cashy.pe.payout"), &list, &[])
        .unwrap_err();
    assert_eq!(
        (e.code(), t.code()),
        ("INVALID_ARGUMENT", "INVALID_ARGUMENT")
    );
}

#[test]
fn repeated_keys_count_once_with_the_last_value() {
    // As JSON.parse reads it: the second "document" replaces the first.
    let id = "payermax.payout.PE.BANK_TRANSFER";
    let data = good(id).replace(
        r#","document":{"documentType":"DNI","documentId":"10117410"}"#,
        r#","document":{"documentType":"DNI","documentId":"x"},"document":{"documentType":"DNI","documentId":"10117410"}"#,
    );
    let r = run(id, &data, &[]);
    assert_eq!(r.validation_code(), "PASS", "{:?}", r.failed);
    let docs = r
        .passed
        .iter()
        .filter(|p| p.as_str() == "payeeInfo.document.documentId")
        .count();
    assert_eq!(docs, 1);
    let dotted = run(id, r#"{"a.b":1,"a":{"b":2}}"#, &[("orderFields", "false")]);
    assert_eq!(dotted.ignored, vec!["a.b".to_owned()]);
    let dotted_last = run(id, r#"{"a":{"b":2},"a.b":1}"#, &[("orderFields", "false")]);
    assert_eq!(dotted_last.ignored, vec!["a.b".to_owned()]);
    // A dotted key reaching a checked field: whichever comes last is the
    // one value checked, once, in either order.
    let account = "payeeInfo.accountInfo.accountNo";
    let good_record = good(id);
    let body = good_record.strip_suffix('}').unwrap();
    let bad_last = run(id, &format!(r#"{body},"{account}":"123"}}"#), &[]);
    assert_eq!(
        failed(&bad_last),
        vec![(account.to_owned(), failed(&bad_last)[0].1)]
    );
    assert!(!bad_last.passed.iter().any(|p| p == account));
    let bad_first = format!(
        r#"{{"{account}":"123",{}"#,
        good_record.strip_prefix('{').unwrap()
    );
    let good_last = run(id, &bad_first, &[]);
    assert_eq!(
        good_last.validation_code(),
        "PASS",
        "{:?}",
        good_last.failed
    );
    assert_eq!(good_last.passed.iter().filter(|p| *p == account).count(), 1);
}

#[test]
fn every_built_in_rule_set_file_loads_through_the_schema_types() {
    use payseal::payee::rules::RuleSet;
    let files = [
        include_str!("../src/payee/rulesets/payermax.payout.json"),
        include_str!("../src/payee/rulesets/payermax.payout.countries.json"),
        include_str!("../src/payee/rulesets/payermax.payout.methods.json"),
        include_str!("../src/payee/rulesets/cashy.pe.payout.json"),
    ];
    let mut loaded = Vec::new();
    for text in files {
        loaded.extend(RuleSet::list_from_json(text).unwrap());
    }
    let mut ids: Vec<&str> = loaded.iter().map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    let mut listed = builtin::ids();
    listed.sort_unstable();
    assert_eq!(
        ids, listed,
        "every set in the files is listed, and only those"
    );
    for set in &loaded {
        assert!(
            set.source.as_deref().is_some_and(|s| !s.is_empty()),
            "{}: every built-in set names its source",
            set.id
        );
        assert!(!set.fields.0.is_empty(), "{}", set.id);
        builtin::get(&set.id).unwrap();
    }
}

#[test]
fn the_report_serialises_in_the_payment_field_validation_shape() {
    let id = "payermax.payout.PE.BANK_TRANSFER";
    let data = good(id).replace("Quispe-Diaz", "Quispe 2");
    let r = run(id, &data.replace("\"T_1\"", "\"T_1\",\"extra\":1"), &[]);
    let v: serde_json::Value = serde_json::to_value(&r).unwrap();
    assert_eq!(v["validationCode"], "PARAMS_INVALID");
    assert_eq!(
        v["ignoredFields"],
        serde_json::json!([{ "field": "extra" }])
    );
    let failed = v["validationFailedFields"].as_array().unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["field"], "payeeInfo.name.lastName");
    assert_eq!(failed[0]["code"], "INVALID_FORMAT");
    assert!(!failed[0]["errorMsg"].as_str().unwrap().is_empty());
    let passed = v["validationPassedFields"].as_array().unwrap();
    assert!(passed.contains(&serde_json::json!({ "field": "payeeInfo.accountInfo.accountNo" })));
    assert_eq!(
        v.as_object().unwrap().keys().collect::<Vec<_>>(),
        [
            "ignoredFields",
            "validationCode",
            "validationFailedFields",
            "validationPassedFields"
        ]
    );
}

/// The keys serde's type accepts, read from its unknown-field message.
fn schema_keys(rule_set: &str) -> Vec<String> {
    let data = json::parse("{}").unwrap();
    let e = validate_payee(RuleSetRef::Custom(rule_set), &data, &[]).unwrap_err();
    let message = e.to_string();
    let list = message
        .split_once("expected one of ")
        .unwrap_or_else(|| panic!("{message}"))
        .1;
    let mut keys: Vec<String> = list
        .split(", ")
        .map(|k| k.trim_matches('`').to_owned())
        .collect();
    keys.sort();
    keys
}

/// The backticked keys in the first column of the README table whose
/// header starts with `header`.
fn readme_keys(header: &str) -> Vec<String> {
    let readme = include_str!("../README.md");
    let table = readme
        .split(&format!("| {header} |"))
        .nth(1)
        .unwrap_or_else(|| panic!("no table {header}"));
    let mut keys = Vec::new();
    for row in table.lines().skip(2) {
        let Some(first) = row.strip_prefix("| ") else {
            break;
        };
        let cell = first.split(" |").next().unwrap();
        keys.extend(cell.split(", ").map(|k| k.trim_matches('`').to_owned()));
    }
    keys.sort();
    keys
}

#[test]
fn the_readme_schema_tables_list_exactly_the_keys_of_the_serde_types() {
    assert_eq!(
        readme_keys("rule set key"),
        schema_keys(r#"{"id":"x","zz":1}"#)
    );
    assert_eq!(
        readme_keys("field rule key"),
        schema_keys(r#"{"id":"x","fields":{"a":{"zz":1}}}"#)
    );
    assert_eq!(
        readme_keys("condition key"),
        schema_keys(r#"{"id":"x","fields":{"a":{"when":[{"if":{"zz":1},"then":{}}]}}}"#)
    );
}

/// A form that sends exactly what paymentFieldValidation takes, valid, passes
/// every built-in payermax.payout.* rule set.
#[test]
fn the_payment_field_validation_scope_passes_every_payout_rule_set() {
    for id in builtin::ids()
        .iter()
        .filter(|i| i.starts_with("payermax.payout."))
    {
        let whole: serde_json::Value = serde_json::from_str(&good(id)).unwrap();
        let mut form = serde_json::Map::new();
        for key in [
            "country",
            "chargeOption",
            "clearingRail",
            "sourceAccount",
            "destinationCurrency",
            "payeeInfo",
            "expiryDays",
            "notifyEmail",
            "notifyPhone",
        ] {
            if let Some(v) = whole.get(key) {
                form.insert(key.to_owned(), v.clone());
            }
        }
        let r = run(id, &serde_json::Value::Object(form).to_string(), &[]);
        assert_eq!(r.validation_code(), "PASS", "{id}: {:?}", r.failed);
    }
}

/// `phoneType`: the value is checked as `phone` and must be of one of the
/// types (numbers and types from libphonenumber's own examples).
#[test]
fn phone_type_requires_a_mobile_number() {
    let set = r#"{"id":"wallet","fields":{
        "country":{"type":"string"},
        "payeeInfo.payeePhone":{"type":"string","phoneType":"mobile","context":{"country":{"field":"country"}}},
        "notifyPhone":{"type":"string","phoneType":["mobile","unknown"]}}}"#;
    let run = |country: &str, phone: &str| {
        let data = json::parse_owned(&format!(
            r#"{{"country":"{country}","payeeInfo":{{"payeePhone":"{phone}"}}}}"#
        ))
        .unwrap();
        validate_payee(RuleSetRef::Custom(set), &data, &[]).unwrap()
    };
    let field = "payeeInfo.payeePhone".to_owned();
    // Mobile, national and international forms.
    for (country, phone) in [
        ("PE", "912 345 678"),
        ("AR", "011 15-2345-6789"),
        ("BR", "(11) 96123-4567"),
        ("ID", "0812-345-678"),
        ("PH", "+63 905 123 4567"),
        // Chile's plan does not tell mobile from fixed line: accepted.
        ("CL", "(2) 2123 4567"),
    ] {
        let r = run(country, phone);
        assert_eq!(r.validation_code(), "PASS", "{country} {phone}: {r:?}");
    }
    // Valid numbers of other types.
    for (country, phone) in [
        ("PE", "(01) 1234567"),
        ("AR", "011 2345-6789"),
        ("BR", "0800 12 3456"),
        ("PE", "+1 201 555 0123"),
    ] {
        let r = run(country, phone);
        assert_eq!(failed(&r), vec![(field.clone(), "NOT_ALLOWED")], "{phone}");
        assert!(
            r.failed[0]
                .message
                .contains("must be a mobile phone number"),
            "{r:?}"
        );
    }
    // Not a number of the plan at all: the phone check's own code.
    assert_eq!(
        failed(&run("PE", "812 345 678")),
        vec![(field.clone(), "INVALID_COMPONENT")]
    );
    assert_eq!(
        failed(&run("PE", "9123")),
        vec![(field.clone(), "INVALID_LENGTH")]
    );
    // "unknown" lets numbers outside the covered plans through.
    let data = json::parse(r#"{"notifyPhone":"+1 201 555 0123"}"#).unwrap();
    let r = validate_payee(RuleSetRef::Custom(set), &data, &[]).unwrap();
    assert_eq!(r.validation_code(), "PASS", "{r:?}");
    // Unknown type names are refused when the rule set is read.
    let bad = r#"{"id":"x","fields":{"a":{"phoneType":"cell"}}}"#;
    let e = validate_payee(RuleSetRef::Custom(bad), &data, &[]).unwrap_err();
    assert_eq!(e.code(), "RULESET_INVALID");
    assert!(e.to_string().contains("unknown phone type \"cell\""), "{e}");
}

/// `(id without "payermax.payout.", from, to, failures)`: the good record
/// with `from` replaced by `to` fails as listed.
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// Each rule of the payout-method rule sets.
#[test]
fn payout_method_rule_sets_fail_each_rule() {
    const ACCT: &str = "payeeInfo.accountInfo.accountNo";
    const ORG: &str = "payeeInfo.targetOrg";
    const METHOD: &str = "payeeInfo.paymentMethodType";
    let cases: &[Case] = &[
        (
            "ID.WALLET",
            "\"DANA\"",
            "\"GCASH\"",
            &[(ORG, "NOT_ALLOWED")],
        ),
        (
            "ID.WALLET",
            ",\"targetOrg\":\"DANA\"",
            "",
            &[(ORG, "REQUIRED")],
        ),
        (
            "ID.WALLET",
            "0812323233332",
            "09171234567",
            &[(ACCT, "INVALID_FORMAT")],
        ),
        // A valid Indonesian number that is not a mobile one (toll-free):
        // a wallet is addressed by a mobile number.
        (
            "ID.WALLET",
            "0812323233332",
            "08001234567",
            &[(ACCT, "NOT_ALLOWED")],
        ),
        (
            "ID.WALLET",
            "0812323233332",
            "+63 917 123 4567",
            &[(ACCT, "INVALID_FORMAT")],
        ),
        (
            "ID.WALLET",
            "0812323233332",
            "08123",
            &[(ACCT, "INVALID_LENGTH")],
        ),
        (
            "ID.WALLET",
            "0812323233332",
            "DANA-0812",
            &[(ACCT, "INVALID_FORMAT")],
        ),
        (
            "ID.WALLET",
            "\"WALLET\"",
            "\"BANK_TRANSFER\"",
            &[(METHOD, "NOT_ALLOWED")],
        ),
        (
            "ID.WALLET",
            "\"country\":\"ID\"",
            "\"country\":\"PH\"",
            &[("country", "NOT_ALLOWED")],
        ),
        (
            "ID.WALLET",
            "\"150000\"",
            "\"150000.50\"",
            &[("trade.amount", "INVALID_SCALE")],
        ),
        (
            "PH.WALLET",
            "\"GCASH\"",
            "\"DANA\"",
            &[(ORG, "NOT_ALLOWED")],
        ),
        (
            "PH.WALLET",
            "0917 123 4567",
            "0812323233332",
            &[(ACCT, "INVALID_FORMAT")],
        ),
        (
            "PH.WALLET",
            "0917 123 4567",
            "0917 123 456",
            &[(ACCT, "INVALID_COMPONENT")],
        ),
        (
            "PH.WALLET",
            "\"country\":\"PH\"",
            "\"country\":\"ID\"",
            &[("country", "NOT_ALLOWED")],
        ),
        (
            "EG.CASH",
            "\"notifyEmail\":\"rosa@example.com\",",
            "",
            &[("notifyEmail", "REQUIRED"), ("notifyPhone", "REQUIRED")],
        ),
        (
            "EG.CASH",
            "\"rosa@example.com\",\"expiryDays\"",
            "\"rosa@\",\"expiryDays\"",
            &[("notifyEmail", "INVALID_FORMAT")],
        ),
        (
            "EG.CASH",
            "\"notifyEmail\":\"rosa@example.com\"",
            "\"notifyPhone\":\"0101234\"",
            &[("notifyPhone", "INVALID_LENGTH")],
        ),
        (
            "EG.CASH",
            "\"expiryDays\":\"3\"",
            "\"expiryDays\":\"16\"",
            &[("expiryDays", "OUT_OF_RANGE")],
        ),
        (
            "EG.CASH",
            "\"expiryDays\":\"3\"",
            "\"expiryDays\":0",
            &[("expiryDays", "OUT_OF_RANGE")],
        ),
        (
            "EG.CASH",
            "\"FAWRY\"",
            "\"WESTERN_UNION\"",
            &[(ORG, "NOT_ALLOWED")],
        ),
        (
            "EG.CASH",
            "\"CASH\"",
            "\"WALLET\"",
            &[(METHOD, "NOT_ALLOWED")],
        ),
        (
            "EG.CASH",
            "\"country\":\"EG\"",
            "\"country\":\"MA\"",
            &[("country", "NOT_ALLOWED")],
        ),
        (
            "CARD",
            "4111 1111 1111 1111",
            "4111 1111 1111 1112",
            &[(ACCT, "INVALID_CHECKSUM")],
        ),
        (
            "CARD",
            "4111 1111 1111 1111",
            "4111 1111 1111 111",
            &[(ACCT, "INVALID_LENGTH")],
        ),
        (
            "CARD",
            "4111 1111 1111 1111",
            "4111-1111-1111-111X",
            &[(ACCT, "INVALID_CHARACTERS")],
        ),
        ("CARD", "\"CARD\"", "\"WALLET\"", &[(METHOD, "NOT_ALLOWED")]),
        (
            "CARRIER_BILLING",
            "\"CARRIER_BILLING\"",
            "\"CARD\"",
            &[(METHOD, "NOT_ALLOWED")],
        ),
        (
            "REALTIME_PAYMENT",
            "\"REALTIME_PAYMENT\"",
            "\"CASH\"",
            &[(METHOD, "NOT_ALLOWED")],
        ),
        (
            "VN.BANK_TRANSFER",
            "0071000123456",
            "12345",
            &[(ACCT, "INVALID_FORMAT")],
        ),
        (
            "VN.BANK_TRANSFER",
            "0071000123456",
            "00710001234560071000",
            &[(ACCT, "INVALID_FORMAT")],
        ),
        (
            "VN.BANK_TRANSFER",
            "\"150000\"",
            "\"150000.5\"",
            &[("trade.amount", "INVALID_SCALE")],
        ),
        (
            "VN.BANK_TRANSFER",
            "\"country\":\"VN\"",
            "\"country\":\"TH\"",
            &[("country", "NOT_ALLOWED")],
        ),
        (
            "KR.BANK_TRANSFER",
            "11012345678901",
            "110-123-456789",
            &[(ACCT, "INVALID_FORMAT")],
        ),
        (
            "KR.BANK_TRANSFER",
            "11012345678901",
            "123456789",
            &[(ACCT, "INVALID_FORMAT")],
        ),
        (
            "KR.BANK_TRANSFER",
            "\"004\"",
            "\"KOOKMIN\"",
            &[("payeeInfo.bankInfo.bankCode", "INVALID_FORMAT")],
        ),
        (
            "KR.BANK_TRANSFER",
            "\"150000\"",
            "\"150000.5\"",
            &[("trade.amount", "INVALID_SCALE")],
        ),
        (
            "PH.BANK_TRANSFER",
            "001234567890",
            "12345",
            &[(ACCT, "INVALID_FORMAT")],
        ),
        (
            "PH.BANK_TRANSFER",
            "001234567890",
            "00123456789012345",
            &[(ACCT, "INVALID_FORMAT")],
        ),
        (
            "PH.BANK_TRANSFER",
            "\"BANK_TRANSFER\"",
            "\"WALLET\"",
            &[(METHOD, "NOT_ALLOWED")],
        ),
    ];
    for &(short, from, to, want) in cases {
        let id = format!("payermax.payout.{short}");
        let good = good(&id);
        assert!(good.contains(from), "{id}: {from} not in the good record");
        let r = run(&id, &good.replace(from, to), &[]);
        let want: Vec<(String, &str)> = want.iter().map(|&(f, c)| (f.to_owned(), c)).collect();
        assert_eq!(failed(&r), want, "{id}: {from} -> {to}");
    }
    // A wallet's messages say what the account is; a card's never repeat it.
    let id = "payermax.payout.ID.WALLET";
    let r = run(id, &good(id).replace("0812323233332", "08123"), &[]);
    assert!(
        r.failed[0].message.contains("Indonesian mobile number"),
        "{:?}",
        r.failed
    );
    let id = "payermax.payout.CARD";
    let r = run(
        id,
        &good(id).replace("4111 1111 1111 1111", "4111111111111112"),
        &[],
    );
    assert!(!r.failed[0].message.contains("41111"), "{:?}", r.failed);
    // Either contact serves a cash pick-up; parameters widen the wallet list.
    let id = "payermax.payout.EG.CASH";
    let phone_only = good(id).replace(
        "\"notifyEmail\":\"rosa@example.com\"",
        "\"notifyPhone\":\"+20 101 234 5678\"",
    );
    assert_eq!(run(id, &phone_only, &[]).validation_code(), "PASS");
    let id = "payermax.payout.ID.WALLET";
    let shopee = good(id).replace("\"DANA\"", "\"SHOPEEPAY\"");
    assert_eq!(
        failed(&run(id, &shopee, &[])),
        vec![(ORG.to_owned(), "NOT_ALLOWED")]
    );
    let wider = run(
        id,
        &shopee,
        &[("walletOrgs", r#"["DANA","OVO","GOPAY","SHOPEEPAY"]"#)],
    );
    assert_eq!(wider.validation_code(), "PASS");
    for (org, account) in [("OVO", "+62 812-3456-7890"), ("GOPAY", "81234567890")] {
        let data = good(id)
            .replace("\"DANA\"", &format!("\"{org}\""))
            .replace("0812323233332", account);
        assert_eq!(
            run(id, &data, &[]).validation_code(),
            "PASS",
            "{org} {account}"
        );
    }
    let id = "payermax.payout.PH.WALLET";
    let grab = good(id)
        .replace("\"GCASH\"", "\"GRABPAY\"")
        .replace("0917 123 4567", "+639171234567");
    assert_eq!(run(id, &grab, &[]).validation_code(), "PASS");
}

/// clearingRail SWIFT or SEPA: an IBAN of the payout country (SEPA always,
/// SWIFT where the country uses IBAN) and a BIC of a bank there.
#[test]
fn swift_and_sepa_need_an_iban_and_a_bic_of_the_payout_country() {
    let base = "payermax.payout";
    let payee = |country: &str, rail: &str, account: &str, bic: &str| {
        let bank = if bic.is_empty() {
            String::new()
        } else {
            format!(r#","bankInfo":{{"bankCode":"{bic}"}}"#)
        };
        format!(
            r#"{{"country":"{country}","clearingRail":"{rail}","payeeInfo":{{"paymentMethodType":"BANK_TRANSFER","accountInfo":{{"accountNo":"{account}"}}{bank}}}}}"#
        )
    };
    const ACCT: &str = "payeeInfo.accountInfo.accountNo";
    const BIC: &str = "payeeInfo.bankInfo.bankCode";
    let de = "DE89370400440532013000";
    let fr = "FR1420041010050500013M02606";
    for (id, data, want) in [
        (base, payee("DE", "SEPA", de, "COBADEFFXXX"), vec![]),
        (
            base,
            payee("DE", "SEPA", fr, "COBADEFFXXX"),
            vec![(ACCT, "INVALID_COMPONENT")],
        ),
        (
            base,
            payee("DE", "SEPA", "0532013000", "COBADEFF"),
            vec![(ACCT, "INVALID_COMPONENT")],
        ),
        (
            base,
            payee("DE", "SEPA", de, "BNPAFRPP"),
            vec![(BIC, "INVALID_COMPONENT")],
        ),
        (base, payee("DE", "SEPA", de, ""), vec![(BIC, "REQUIRED")]),
        (base, payee("DE", "SWIFT", de, "DEUTDEFF"), vec![]),
        (
            base,
            payee("DE", "SWIFT", "DE89370400440532013001", "DEUTDEFF"),
            vec![(ACCT, "INVALID_CHECKSUM")],
        ),
        (
            base,
            payee("DE", "SWIFT", de, "DEUTDEF"),
            vec![(BIC, "INVALID_LENGTH")],
        ),
        // The US has no IBAN: any account number, but a US bank's BIC.
        (base, payee("US", "SWIFT", "123456789", "CHASUS33"), vec![]),
        (
            base,
            payee("US", "SWIFT", "123456789", "DEUTDEFF"),
            vec![(BIC, "INVALID_COMPONENT")],
        ),
        (
            base,
            payee("US", "SEPA", "123456789", "CHASUS33"),
            vec![(ACCT, "INVALID_COMPONENT")],
        ),
        // LOCAL, or no rail: neither is asked for.
        (base, payee("DE", "LOCAL", "0532013000", ""), vec![]),
        (
            base,
            payee("DE", "LOCAL", "0532013000", "not a bic"),
            vec![],
        ),
        // Country sets keep their rules and gain these.
        (
            "payermax.payout.TR.BANK_TRANSFER",
            payee("TR", "SWIFT", "TR330006100519786457841326", "TGBATRIS"),
            vec![],
        ),
        (
            "payermax.payout.TR.BANK_TRANSFER",
            payee("TR", "SWIFT", "TR330006100519786457841326", "TGBATRISXXX"),
            vec![],
        ),
        (
            "payermax.payout.TR.BANK_TRANSFER",
            payee("TR", "SWIFT", "TR330006100519786457841326", ""),
            vec![(BIC, "REQUIRED")],
        ),
        (
            "payermax.payout.MX.BANK_TRANSFER",
            payee("MX", "SWIFT", "032180000118359719", "BNMXMXMM"),
            vec![],
        ),
        (
            "payermax.payout.MX.BANK_TRANSFER",
            payee("MX", "SWIFT", "032180000118359710", "BNMXMXMM"),
            vec![(ACCT, "INVALID_CHECKSUM")],
        ),
        // Local bank codes give way to the BIC on SWIFT; the NUBAN check,
        // which needs the CBN code, is not made there.
        (
            "payermax.payout.NG.BANK_TRANSFER",
            payee("NG", "SWIFT", "0123456789", "FBNINGLA"),
            vec![],
        ),
        (
            "payermax.payout.NG.BANK_TRANSFER",
            payee("NG", "SWIFT", "0123456789", "058"),
            vec![(BIC, "INVALID_LENGTH")],
        ),
        (
            "payermax.payout.NG.BANK_TRANSFER",
            payee("NG", "LOCAL", "0123456789", "058"),
            vec![(ACCT, "INVALID_CHECKSUM")],
        ),
        (
            "payermax.payout.NG.BANK_TRANSFER",
            payee("NG", "LOCAL", "0123456785", "FBNINGLA"),
            vec![(ACCT, "INVALID_COMPONENT"), (BIC, "INVALID_FORMAT")],
        ),
        (
            "payermax.payout.KR.BANK_TRANSFER",
            payee("KR", "SWIFT", "11012345678901", "CZNBKRSE"),
            vec![],
        ),
        (
            "payermax.payout.KR.BANK_TRANSFER",
            payee("KR", "SWIFT", "11012345678901", "004"),
            vec![(BIC, "INVALID_LENGTH")],
        ),
        (
            "payermax.payout.IN.BANK_TRANSFER",
            payee("IN", "SWIFT", "123456789012", "SBININBB"),
            vec![],
        ),
        (
            "payermax.payout.IN.BANK_TRANSFER",
            payee("IN", "SWIFT", "123456789012", "SBIN0005943"),
            vec![(BIC, "INVALID_FORMAT")],
        ),
    ] {
        let r = run(id, &data, &[]);
        let want: Vec<(String, &str)> = want.into_iter().map(|(f, c)| (f.to_owned(), c)).collect();
        assert_eq!(failed(&r), want, "{id}: {data}");
    }
    // bicRails: SEPA without a BIC (the IBAN-only rule of the SEPA regulation).
    let iban_only = payee("DE", "SEPA", de, "");
    assert_eq!(
        run(base, &iban_only, &[("bicRails", r#"["SWIFT"]"#)]).validation_code(),
        "PASS"
    );
}

/// The ibanCountries parameter is exactly the IBAN registry the iban kind
/// knows (a registry country's IBAN fails on length, another on country).
#[test]
fn iban_countries_are_the_registry() {
    use payseal::payee::{validate_field, Context};
    let source = json::parse_owned(&builtin::source("payermax.payout").unwrap()).unwrap();
    let Some(Value::Array(listed)) = source
        .get("parameters")
        .and_then(|p| p.get("ibanCountries"))
    else {
        panic!("no ibanCountries");
    };
    let listed: Vec<&str> = listed.iter().filter_map(Value::as_str).collect();
    let mut registry = Vec::new();
    for a in b'A'..=b'Z' {
        for b in b'A'..=b'Z' {
            let cc = String::from_utf8(vec![a, b]).unwrap();
            let e = validate_field("iban", &format!("{cc}00"), Context::default())
                .unwrap()
                .unwrap_err();
            if e.code == "INVALID_LENGTH" {
                registry.push(cc);
            }
        }
    }
    assert_eq!(listed, registry);
}
