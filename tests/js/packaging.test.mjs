// How the package loads: one wasm instance per Node process whether imported,
// required or both; randomness without globalThis.crypto; a glue that names
// no missing file. (Bundlers, Deno, Bun and other Node lines: tests/consumers/.)
import test from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import * as imported from "payseal";
import { rsaKeys } from "./helpers.mjs";

const pkg = fileURLToPath(new URL("../../pkg/", import.meta.url));
const required = createRequire(import.meta.url)("payseal");

test("import and require share one wasm instance: one error class, keys usable across", () => {
  assert.equal(imported.PaysealError, required.PaysealError);
  assert.equal(imported.PrivateKey, required.PrivateKey);
  assert.deepEqual(Object.keys(imported).sort(), Object.keys(required).sort());
  assert.throws(() => required.PrivateKey.parse("x"), imported.PaysealError);
  const { privateKey } = rsaKeys(2048);
  const key = imported.PrivateKey.parse(privateKey.export({ type: "pkcs8", format: "pem" }));
  assert.ok(required.verify(key.publicKey(), "m", required.sign(key, "m")));
});

// A Node process whose globalThis.crypto was removed (as on Node 18 and older).
function withoutGlobalCrypto(code) {
  return execFileSync(process.execPath, ["--input-type=module", "-e", `delete globalThis.crypto; ${code}`], {
    cwd: pkg, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"],
  });
}

const helpers = JSON.stringify(fileURLToPath(new URL("helpers.mjs", import.meta.url)));

test("without globalThis.crypto, the Node entries take randomness from node:crypto", () => {
  const out = withoutGlobalCrypto(`
    import { rsaKeys } from ${helpers};
    import { createRequire } from "node:module";
    const pem = rsaKeys(2048).privateKey.export({ type: "pkcs8", format: "pem" });
    const esm = await import("./node.mjs");
    const cjs = createRequire(import.meta.url)("./node.cjs");
    const sync = await import("./node-api.mjs");
    console.log(typeof globalThis.crypto, esm.sign(pem, "m") === cjs.sign(pem, "m"), sync.sign(pem, "m") === cjs.sign(pem, "m"));`);
  assert.equal(out.trim(), "undefined true true");
});

test("without any randomness, the error names the runtime", () => {
  const out = withoutGlobalCrypto(`
    import { rsaKeys } from ${helpers};
    const { sign } = await import("./portable-inline.mjs"); // never node:crypto, so the wasm code needs randomness
    try { sign(rsaKeys(2048).privateKey.export({ type: "pkcs8", format: "pem" }), "m"); } catch (e) { console.log(e.code, e.message); }`);
  assert.match(out, /^RNG_UNAVAILABLE /);
  assert.match(out, new RegExp(`Node\\.js ${process.versions.node.replaceAll(".", "\\.")} has no globalThis\\.crypto`));
  assert.doesNotMatch(out, /request handler/);
});

test("the glue names no file the package lacks and reads no import.meta", () => {
  const glue = readFileSync(`${pkg}/payseal_glue.js`, "utf8");
  assert.doesNotMatch(glue, /_bg\.wasm|import\.meta/);
  assert.doesNotMatch(readFileSync(`${pkg}/glue-node.cjs`, "utf8"), /_bg\.wasm|import\.meta/);
  assert.doesNotMatch(readFileSync(`${pkg}/node-api.cjs`, "utf8"), /import\.meta/);
});

test("Node's two bundles leave the glue out, and each makes its own instance of it (errors from the wasm code are its own PaysealError)", () => {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  for (const bundle of ["node-api.mjs", "node-more.cjs", "node-api.cjs"]) {
    const text = readFileSync(`${pkg}/${bundle}`, "utf8");
    assert.doesNotMatch(text, /__wbindgen|class PayerMaxCore/, bundle);
    assert.ok(!text.includes(root), `${bundle} names the folder it was built in`);
  }
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", `
    import { createRequire } from "node:module";
    const cjs = createRequire(import.meta.url)("./node.cjs");
    const sync = await import("./node-api.mjs");
    const out = [];
    for (const api of [cjs, sync]) {
      try { api.validatePayee("no.such.rule.set", {}); } catch (e) { out.push(e.code, e instanceof api.PaysealError, e instanceof (api === cjs ? sync : cjs).PaysealError); }
    }
    console.log(JSON.stringify(out));`,
  ], { cwd: pkg, encoding: "utf8" });
  assert.equal(out.trim(), '["RULESET_UNKNOWN",true,false,"RULESET_UNKNOWN",true,false]');
});

test("Node's ESM entry imports no module: Node's own are loaded when a call needs them", () => {
  // An ESM import of node:fs evaluates all its exports, streams included:
  // about 2 ms of a cold start that a signature never needed.
  const bundle = readFileSync(`${pkg}/node-api.mjs`, "utf8");
  assert.doesNotMatch(bundle, /^\s*import\b|\brequire\(|__dirname/m);
  assert.equal(import.meta.resolve("payseal"), new URL("node-api.mjs", `file://${pkg}`).href);
  const loaded = execFileSync(process.execPath, ["--input-type=module", "-e", `
    const before = new Set(process.moduleLoadList);
    await import("payseal");
    console.log(process.moduleLoadList.filter((m) => !before.has(m) && /^NativeModule (fs|stream|crypto|module)$/.test(m)).join());`,
  ], { cwd: pkg, encoding: "utf8" });
  assert.equal(loaded.trim(), "");
});

test("Node's ESM entry loads the rest of the API (node-more.cjs) only when a call first needs it", () => {
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", `
    import { rsaKeys } from ${helpers};
    import { createRequire } from "node:module";
    const { privateKey, publicKey } = rsaKeys(2048);
    const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((f) => f.endsWith("node-more.cjs"));
    const p = await import("payseal");
    const key = p.PrivateKey.parse(privateKey.export({ type: "pkcs8", format: "pem" }));
    const signature = p.sign(key, "m");
    const seen = [loaded(), p.verify(publicKey.export({ type: "spki", format: "pem" }), "m", signature), loaded()];
    const { PayerMax } = p;
    seen.push(loaded(), PayerMax.ACK, loaded());
    console.log(JSON.stringify(seen));`,
  ], { cwd: pkg, encoding: "utf8" });
  assert.deepEqual(JSON.parse(out), [false, true, false, false, '{"code":"SUCCESS","msg":"Success"}', true]);
});

test("Node's ESM entry: a stand-in class is the class it loads (new, instanceof, statics, subclasses, property lists, freeze)", () => {
  const fresh = (code) => JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", `
    import { rsaKeys } from ${helpers};
    const pem = rsaKeys(2048).privateKey.export({ type: "pkcs8", format: "pem" });
    const config = { appId: "A", merchantNo: "M", privateKey: pem };
    const p = await import("payseal");
    const cjs = (await import("node:module")).createRequire(import.meta.url)("./node-api.cjs");
    const out = {};
    ${code}
    console.log(JSON.stringify(out));`,
  ], { cwd: pkg, encoding: "utf8" }));
  // Each first touch loads the class: a subclass, a property list, a freeze.
  const first = fresh(`
    class Mine extends p.PayerMax { extra() { return this.appId + "!"; } }
    const mine = new Mine(config);
    out.subclass = [mine instanceof Mine, mine instanceof p.PayerMax, mine.extra(), Mine.ACK];
    out.names = Object.getOwnPropertyNames(p.Cashy).sort();
    out.cjsNames = Object.getOwnPropertyNames(cjs.Cashy).sort();
    out.descriptors = Object.keys(Object.getOwnPropertyDescriptors(p.PayerMaxMerchants)).sort();
    out.frozen = Object.isFrozen(Object.freeze(p.PayerMax)) && p.PayerMax.ACK;`);
  assert.deepEqual(first.subclass, [true, true, "A!", '{"code":"SUCCESS","msg":"Success"}']);
  assert.deepEqual(first.names, first.cjsNames);
  assert.ok(first.descriptors.includes("prototype"));
  assert.equal(first.frozen, '{"code":"SUCCESS","msg":"Success"}');
  const second = fresh(`
    try { p.PayerMax(config); } catch (e) { out.call = [e instanceof p.PaysealError, e.code, e.message]; }
    const client = new p.PayerMax(config);
    out.made = [client instanceof p.PayerMax, p.PayerMax.name, typeof client.request, "ack" in p.PayerMax, p.PayerMax.ack().status];
    out.sameSignature = client.request("orderQuery", { outTradeNo: "1" }, { requestTime: "2026-01-01T00:00:00.000+00:00" }).headers.sign
      === new cjs.PayerMax(config).request("orderQuery", { outTradeNo: "1" }, { requestTime: "2026-01-01T00:00:00.000+00:00" }).headers.sign;`);
  assert.deepEqual(second.call, [true, "INVALID_ARGUMENT", "PayerMax is a class: create one with new PayerMax(...)"]);
  assert.deepEqual(second.made, [true, "PayerMax", "function", true, 200]);
  assert.equal(second.sameSignature, true);
});

test("payseal/portable shares every export but the engine's own with payseal (one function, one class)", async () => {
  const main = await import("payseal");
  const portable = await import("payseal/portable");
  const own = ["PayerMax", "sign", "signAsync", "verify", "verifyAsync"];
  assert.deepEqual(Object.keys(portable).sort(), Object.keys(main).filter((n) => !n.startsWith("__")).sort());
  for (const name of Object.keys(portable)) {
    assert.equal(portable[name] === main[name], !own.includes(name), name);
  }
});

test("the inline entry carries the very bytes of payseal.wasm", async () => {
  const { default: wasmBytes } = await import(new URL("wasm-inline.js", `file://${pkg}`));
  assert.deepEqual(Buffer.from(wasmBytes()), readFileSync(`${pkg}/payseal.wasm`));
});
