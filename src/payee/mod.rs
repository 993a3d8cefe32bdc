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
    Ok(match kind {
        "iban" => iban::iban(value, ctx.country),
        "bic" => iban::bic(value, ctx.country),
        "email" => contact::email(value),
        "phone" => phone::check(value, ctx.country).map(|p| p.e164),
        "url" => contact::url(value),
        "card.pan" => card::pan(value),
        "br.cpf" => br::cpf(value),
        "br.cnpj" => br::cnpj(value),
        "br.pix_key" => br::pix_key(value),
        "mx.clabe" => mx::clabe(value),
        "mx.curp" => mx::curp(value),
        "mx.rfc" => mx::rfc(value),
        "pe.cci" => pe::cci(value),
        "pe.dni" => pe::dni(value),
        "pe.ruc" => pe::ruc(value),
        "co.nit" => co::nit(value),
        "cl.rut" => cl::rut(value),
        "ar.cbu" => ar::cbu(value),
        "ar.cvu" => ar::cvu(value),
        "ar.cuit" => ar::cuit(value),
        "in.ifsc" => india::ifsc(value),
        "in.pan" => india::pan(value),
        "in.aadhaar" => india::aadhaar(value),
        "id.nik" => indonesia::nik(value),
        "id.npwp" => indonesia::npwp(value),
        "tr.tckimlik" => tr::tckimlik(value),
        "ng.nuban" => ng::nuban(value, ctx.bank_code),
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
    set.validate_with(data, parameters)
}

/// Which rule set to use.
#[derive(Clone, Copy, Debug)]
pub enum RuleSetRef<'a> {
    /// A built-in rule set id (see [`builtin::ids`]).
    Builtin(&'a str),
    /// A rule set given as JSON text.
    Custom(&'a str),
}
