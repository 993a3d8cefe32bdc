#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub(crate) mod der;
pub mod error;
pub mod json;
pub mod keys;
pub mod limits;
pub mod payermax;
pub mod rsa_sha256;

pub use error::{Error, Result};
pub use keys::{PrivateKey, PublicKey};
