//! Payee-field validation: identifier checks (checksums), and a rule engine
//! answering in the shape of PayerMax's `paymentFieldValidation`.

mod ar;
mod br;
pub mod builtin;
mod card;
mod checksum;
mod cl;
mod co;
mod contact;
mod country;
pub mod field;
mod iban;
mod iban_registry;
mod india;
mod indonesia;
mod mx;
mod ng;
pub mod pattern;
mod pe;
pub mod phone;
#[rustfmt::skip]
mod phone_data;
pub mod rules;
#[cfg(test)]
mod rules_reference;
pub mod schema;
mod tr;

use crate::error::{Error, Result};
pub use field::{codes, Invalid};

/// Every kind `validate_field` knows.
pub const KINDS: &[&str] = &[
    "iban",
    "bic",
    "email",
    "phone",
    "url",
    "card.pan",
    "br.cpf",
    "br.cnpj",
    "br.pix_key",
    "mx.clabe",
    "mx.curp",
    "mx.rfc",
    "pe.cci",
    "pe.dni",
    "pe.ruc",
    "co.nit",
    "cl.rut",
    "ar.cbu",
    "ar.cvu",
    "ar.cuit",
    "in.ifsc",
    "in.pan",
    "in.aadhaar",
    "id.nik",
    "id.npwp",
    "tr.tckimlik",
    "ng.nuban",
];

/// What some checks need besides the value.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    /// ISO 3166 alpha-2 country: the IBAN's or the BIC's country, or the
    /// country of a national phone number.
    pub country: Option<&'a str>,
    /// The bank code, for `ng.nuban`.
    pub bank_code: Option<&'a str>,
}

/// The answer for one field: the normalised value, or why it is invalid.
pub type FieldResult = core::result::Result<String, Invalid>;

/// Checks one value of a kind. An unknown kind is an error listing the known ones.
pub fn validate_field(kind: &str, value: &str, ctx: Context<'_>) -> Result<FieldResult> {
    // The kind's place in `KINDS`, kinds of another length passed over
    // without a call: a `match` on text makes a call for every arm it tries
    // in the size-optimised wasm build (a dozen for `pe.cci`). The places
    // below are `KINDS`'s; a test holds each to its own check.
    let mut at = KINDS.len();
    for (i, name) in KINDS.iter().enumerate() {
        if crate::json::same(name, kind) {
            at = i;
            break;
        }
    }
    Ok(match at {
        0 => iban::iban(value, ctx.country),
        1 => iban::bic(value, ctx.country),
        2 => contact::email(value),
        3 => phone::check(value, ctx.country).map(|p| p.e164),
        4 => contact::url(value),
        5 => card::pan(value),
        6 => br::cpf(value),
        7 => br::cnpj(value),
        8 => br::pix_key(value),
        9 => mx::clabe(value),
        10 => mx::curp(value),
        11 => mx::rfc(value),
        12 => pe::cci(value),
        13 => pe::dni(value),
        14 => pe::ruc(value),
        15 => co::nit(value),
        16 => cl::rut(value),
        17 => ar::cbu(value),
        18 => ar::cvu(value),
        19 => ar::cuit(value),
        20 => india::ifsc(value),
        21 => india::pan(value),
        22 => india::aadhaar(value),
        23 => indonesia::nik(value),
        24 => indonesia::npwp(value),
        25 => tr::tckimlik(value),
        26 => ng::nuban(value, ctx.bank_code),
        _ => {
            return Err(Error::FieldKindUnknown {
                kind: kind.to_owned(),
                known: KINDS,
            })
        }
    })
}

/// Validates `data` against a rule set (a built-in id or the caller's own
/// rule set as JSON), with parameter overrides.
pub fn validate_payee(
    rule_set: RuleSetRef<'_>,
    data: &crate::json::Value,
    parameters: &[(String, crate::json::Value<'static>)],
) -> Result<rules::Report> {
    checked(rule_set, data, parameters)?.validate_with(data, parameters)
}

/// [`validate_payee`]'s report as [`rules::Report::to_compact_text`]
/// writes it (what the JS layer reads), written as the fields are checked.
pub fn validate_payee_to_compact_text(
    rule_set: RuleSetRef<'_>,
    data: &crate::json::Value,
    parameters: &[(String, crate::json::Value<'static>)],
) -> Result<String> {
    checked(rule_set, data, parameters)?.validate_to_compact_text(data, parameters)
}

/// The rule set, once it and the call are found fit: its parameters known,
/// the data an object.
fn checked<'r>(
    rule_set: RuleSetRef<'r>,
    data: &crate::json::Value,
    parameters: &[(String, crate::json::Value<'static>)],
) -> Result<std::borrow::Cow<'r, rules::RuleSet>> {
    use std::borrow::Cow;
    let set: Cow<'_, rules::RuleSet> = match rule_set {
        RuleSetRef::Builtin(id) => Cow::Borrowed(builtin::get(id)?),
        RuleSetRef::Custom(v) => Cow::Owned(builtin::custom(v)?),
    };
    set.check_parameters(parameters)?;
    if !matches!(data, crate::json::Value::Object(_)) {
        return Err(Error::InvalidArgument(
            "data must be an object (the `data` of the request)".into(),
        ));
    }
    Ok(set)
}

/// Which rule set to use.
#[derive(Clone, Copy, Debug)]
pub enum RuleSetRef<'a> {
    /// A built-in rule set id (see [`builtin::ids`]).
    Builtin(&'a str),
    /// A rule set given as JSON text.
    Custom(&'a str),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each kind reaches its own check: `validate_field` answers as the
    /// check called directly does, valid or not (the messages name the
    /// identifier), and an unknown kind is refused.
    #[test]
    fn each_kind_reaches_its_own_check() {
        type Check = fn(&str, Context<'_>) -> FieldResult;
        let checks: [(&str, Check); 27] = [
            ("iban", |v, c| iban::iban(v, c.country)),
            ("bic", |v, c| iban::bic(v, c.country)),
            ("email", |v, _| contact::email(v)),
            ("phone", |v, c| phone::check(v, c.country).map(|p| p.e164)),
            ("url", |v, _| contact::url(v)),
            ("card.pan", |v, _| card::pan(v)),
            ("br.cpf", |v, _| br::cpf(v)),
            ("br.cnpj", |v, _| br::cnpj(v)),
            ("br.pix_key", |v, _| br::pix_key(v)),
            ("mx.clabe", |v, _| mx::clabe(v)),
            ("mx.curp", |v, _| mx::curp(v)),
            ("mx.rfc", |v, _| mx::rfc(v)),
            ("pe.cci", |v, _| pe::cci(v)),
            ("pe.dni", |v, _| pe::dni(v)),
            ("pe.ruc", |v, _| pe::ruc(v)),
            ("co.nit", |v, _| co::nit(v)),
            ("cl.rut", |v, _| cl::rut(v)),
            ("ar.cbu", |v, _| ar::cbu(v)),
            ("ar.cvu", |v, _| ar::cvu(v)),
            ("ar.cuit", |v, _| ar::cuit(v)),
            ("in.ifsc", |v, _| india::ifsc(v)),
            ("in.pan", |v, _| india::pan(v)),
            ("in.aadhaar", |v, _| india::aadhaar(v)),
            ("id.nik", |v, _| indonesia::nik(v)),
            ("id.npwp", |v, _| indonesia::npwp(v)),
            ("tr.tckimlik", |v, _| tr::tckimlik(v)),
            ("ng.nuban", |v, c| ng::nuban(v, c.bank_code)),
        ];
        assert_eq!(checks.map(|(name, _)| name), KINDS);
        let ctx = Context {
            country: Some("PE"),
            bank_code: Some("058"),
        };
        let values = [
            "",
            "x",
            "1",
            "12345678",
            "00219300247595201411",
            "0000003100010000000001",
            "10117410",
            "20100047218",
            "rosa@example.com",
            "https://example.com",
            "+51 987 654 321",
            "DE89370400440532013000",
            "DEUTDEFF",
            "4111111111111111",
        ];
        let mut distinct = std::collections::BTreeSet::new();
        for (name, check) in checks {
            let mut answers = Vec::new();
            for value in values {
                let direct = check(value, ctx);
                let got = validate_field(name, value, ctx).ok();
                assert_eq!(got, Some(direct.clone()), "{name} {value:?}");
                answers.push(direct);
            }
            // No two kinds answer alike: a check reached under another
            // kind's name would show.
            assert!(distinct.insert(format!("{answers:?}")), "{name}");
        }
        for unknown in ["", "pe.cc", "pe.ccix", "PE.CCI", "iban ", "ng.nuban\0"] {
            assert!(matches!(
                validate_field(unknown, "x", ctx),
                Err(Error::FieldKindUnknown { .. })
            ));
        }
    }
}
