#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod cashy;
pub(crate) mod der;
pub mod diagnose;
pub mod error;
mod hex;
pub mod json;
pub mod keys;
pub mod limits;
pub mod payee;
pub mod payermax;
pub mod request;
pub mod rsa_sha256;
mod text;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use error::{Error, Result};
pub use keys::{PrivateKey, PublicKey};
