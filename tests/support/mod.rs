//! What several integration tests share: the repository's Python scripts
//! (generators run with `--check`, the independent references), run the
//! same way everywhere.
// Each test crate uses some of these, not all.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::process::{Command, Output};

/// `python3 <repository>/<script> <args...>`, its output whatever it is.
pub fn python<S: AsRef<OsStr>>(script: &str, args: &[S]) -> Output {
    Command::new("python3")
        .arg(format!("{}/{script}", env!("CARGO_MANIFEST_DIR")))
        .args(args)
        .output()
        .expect("python3")
}

/// Runs a script that must succeed and returns its standard output; a
/// failure panics with `hint` and what the script printed.
pub fn python_ok(script: &str, args: &[&str], hint: &str) -> Vec<u8> {
    let out = python(script, args);
    assert!(
        out.status.success(),
        "{script} {hint}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}
