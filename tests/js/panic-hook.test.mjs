// The release build (panic = "abort") installs console_error_panic_hook at
// start: a panic's message reaches console.error instead of a bare
// "unreachable". Built here with the panic-probe feature, which adds one
// export that panics on purpose (the package never has it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;

test("a panic in the release build is reported by the hook", { timeout: 600_000 }, async () => {
  // The same flags as scripts/build, so the dependencies come from its cache.
  const env = { ...process.env, RUSTFLAGS: `${process.env.RUSTFLAGS ?? ""} --cfg sha2_backend_soft="compact"` };
  execFileSync("cargo", ["build", "--quiet", "--release", "--target", "wasm32-unknown-unknown", "--lib",
    "--features", "panic-probe", "--target-dir", "target/panic-probe"], { cwd: root, env, stdio: "inherit" });
  const out = mkdtempSync(join(tmpdir(), "payseal-panic-"));
  execFileSync("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", out, "--out-name", "probe",
    join(root, "target/panic-probe/wasm32-unknown-unknown/release/payseal.wasm")], { stdio: "inherit" });
  const glue = await import(join(out, "probe.js"));
  glue.initSync({ module: readFileSync(join(out, "probe_bg.wasm")) });

  const logged = [];
  const original = console.error;
  console.error = (...args) => logged.push(args.join(" "));
  try {
    assert.throws(() => glue.__panicProbe(), WebAssembly.RuntimeError);
  } finally {
    console.error = original;
  }
  assert.ok(logged.some((line) => line.includes("panic probe: the hook reports this")), `console.error got: ${logged.join(" | ")}`);
});
