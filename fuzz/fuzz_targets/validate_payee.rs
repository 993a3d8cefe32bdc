//! validatePayee with every built-in rule set on any JSON data: never
//! panics; every sent leaf is reported exactly once.
#![no_main]
use libfuzzer_sys::fuzz_target;
use payseal::json;
use payseal::payee::{builtin, validate_payee, RuleSetRef};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let Ok(value) = json::parse(text) else { return };
    let ids = builtin::ids();
    let id = ids[usize::from(selector) % ids.len()];
    if let Ok(report) = validate_payee(RuleSetRef::Builtin(id), &value, &[]) {
        let mut seen: Vec<&str> = report.passed.iter().chain(&report.ignored).map(String::as_str).collect();
        seen.extend(report.failed.iter().map(|f| f.field.as_str()));
        let before = seen.len();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(before, seen.len(), "a field reported twice");
    }
});
