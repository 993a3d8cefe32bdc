//! Why a signature does not verify: the wrong key, another hash, or which
//! change of the body.
//!
//! With the right public key, `s^e mod n` of a PKCS#1 v1.5 signature is a
//! well-formed block carrying the digest of the bytes that were actually
//! signed; under any other key it is noise. So a diagnosis tells a wrong
//! key from a changed body, and then looks for the common change of the
//! body (listed by [`changes`]) whose SHA-256 is exactly that digest: each
//! candidate costs one hash, no RSA work. Cashy's MD5 `Sign` allows the
//! same search over the body, and over white space around the API key.
//!
//! A diagnosis describes what was received: log it, never send it back to
//! whoever sent the request.

mod block;
mod change;
mod md5_sign;
mod reserialise;
mod rsa_sign;

use serde::Serialize;

use crate::keys::{PrivateKey, PublicKey};

pub use change::MAX_BODY_FOR_PAIRS;
pub use md5_sign::md5_sign;
pub use rsa_sign::signature;

/// The answer of a diagnosis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum Verdict {
    /// The signature holds for this body and key.
    Valid,
    /// Not a signature of the expected form: not canonical base64, the
    /// wrong length for the key, or a malformed block inside.
    SignatureMalformed,
    /// Another key made the signature (or, for an MD5 Sign, the API key
    /// differs by white space).
    WrongKey,
    /// This key signed a digest of another hash than SHA-256.
    NotSha256,
    /// This key signed other bytes; `variant` names the change when one of
    /// the candidates explains it.
    BodyChanged,
    /// MD5 Sign only: no candidate matches, and MD5 cannot tell a wrong API
    /// key from a body changed in another way.
    NoMatch,
}

/// Why a signature does (not) verify.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnosis {
    /// The answer.
    pub verdict: Verdict,
    /// What it means and what to do, in a sentence or two.
    pub detail: String,
    /// The change that explains it (see [`changes`]): a change's
    /// id, two joined by `+`, or an `api-key-...` change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
}

impl Diagnosis {
    fn new(verdict: Verdict, detail: impl Into<String>) -> Self {
        Diagnosis {
            verdict,
            detail: detail.into(),
            variant: None,
        }
    }

    /// `BODY_CHANGED` naming the change of the body whose bytes `matches`,
    /// if there is one; `signer` says who signed ("this key").
    fn body_changed(
        body: &[u8],
        signer: &str,
        matches: &mut dyn FnMut(&[u8]) -> bool,
    ) -> Option<Self> {
        let found = change::find(body, matches)?;
        Some(Diagnosis {
            verdict: Verdict::BodyChanged,
            detail: format!(
                "{signer} signed other bytes than this body: the signed bytes are this body {}",
                found.what()
            ),
            variant: Some(found.id()),
        })
    }
}

/// The changes tried, in the order they are tried: `(variant, what)`, where
/// `what` completes "the signed bytes are this body ...". Pairs are named
/// `first+then`.
pub fn changes() -> impl Iterator<Item = (&'static str, &'static str)> {
    change::CHANGES.iter().map(|c| (c.id, c.what))
}

fn pairs_note(body: &[u8]) -> &'static str {
    if body.len() > MAX_BODY_FOR_PAIRS {
        " (pairs of changes are tried only for bodies up to 16 KiB)"
    } else {
        ""
    }
}

/// Whether a private and a public key belong together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyPairCheck {
    /// The public key is the private key's pair.
    pub matches: bool,
    /// Hex SHA-256 of the SPKI DER of the private key's public half.
    pub private_key_fingerprint: String,
    /// Hex SHA-256 of the SPKI DER of the public key.
    pub public_key_fingerprint: String,
    /// What it means, in a sentence.
    pub detail: String,
}

/// Whether `public` is the pair of `private` (the onboarding mistake of
/// uploading another public key), by the fingerprints of both.
pub fn check_key_pair(private: &PrivateKey, public: &PublicKey) -> KeyPairCheck {
    let (mine, theirs) = (private.fingerprint(), public.fingerprint());
    let matches = mine == theirs;
    let detail = if matches {
        format!(
            "the public key is the pair of the private key (RSA-{})",
            private.bits()
        )
    } else {
        format!(
            "the public key (RSA-{}) is not the pair of the private key (RSA-{}): signatures \
             made with this private key do not verify under it. Give the verifier \
             privateKey.publicKey() (fingerprint {mine})",
            public.bits(),
            private.bits()
        )
    };
    KeyPairCheck {
        matches,
        private_key_fingerprint: mine.to_owned(),
        public_key_fingerprint: theirs.to_owned(),
        detail,
    }
}

#[cfg(test)]
mod tests;
