// payseal benchmark: median time per operation, and the ratio to
// node:crypto (KeyObject) measured in the same process and run; cold
// starts against node:crypto alone; workerd's first request; payee
// validation rates; wasm memory after calls with key text.
//   node benches/bench.mjs [--quick]
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import os from "node:os";
import * as payseal from "payseal";
import * as portable from "payseal/portable";
import { startWorker } from "../tests/js/workerd.mjs";
import { notification, signWith, APP_ID, MERCHANT_NO, PLATFORM_PUBLIC_KEY } from "../tests/js/webhook-cases.mjs";

const require = createRequire(import.meta.url);
const jsrsasign = require("jsrsasign");
const quick = process.argv.includes("--quick");
const BUDGET_MS = quick ? 150 : 800; // time per measured operation
const subtle = globalThis.crypto.subtle;

/** Median nanoseconds per call of `fn` (sync or async), within a time budget. */
async function median(fn, budgetMs = BUDGET_MS) {
  for (let i = 0; i < 3; i++) await fn(); // warm up
  const samples = [];
  const end = performance.now() + budgetMs;
  while (samples.length < 5 || (performance.now() < end && samples.length < 20_000)) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t));
  }
  return middle(samples);
}

function middle(samples) {
  return samples.sort((a, b) => a - b)[samples.length >> 1];
}

const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(1)} µs`);
const rows = [];
const row = (bits, op, impl, ns, base) => rows.push({ bits, op, impl, ns, ratio: ns / base });

const message = JSON.stringify({
  version: "1.4", keyVersion: "1", requestTime: "2022-01-17T08:04:13.879+00:00", appId: "3b242b56a8b64274bcc37dac281120e3",
  merchantNo: "020213827212251", data: { outTradeNo: "P1700000000000", totalAmount: 10000, currency: "PEN", country: "PE", subject: "order", userId: "u-1", integrate: "Hosted_Checkout" },
});
const bytes = Buffer.from(message);

for (const bits of [2048, 4096]) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: bits });
  const pkcs8Pem = privateKey.export({ type: "pkcs8", format: "pem" });
  const spkiPem = publicKey.export({ type: "spki", format: "pem" });
  const sk = payseal.PrivateKey.parse(pkcs8Pem);
  const pk = payseal.PublicKey.parse(spkiPem);
  const sig = payseal.sign(sk, message);
  const sigBytes = Buffer.from(sig, "base64");
  const alg = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  const wcPriv = await subtle.importKey("pkcs8", privateKey.export({ type: "pkcs8", format: "der" }), alg, false, ["sign"]);
  const wcPub = await subtle.importKey("spki", publicKey.export({ type: "spki", format: "der" }), alg, false, ["verify"]);
  const config = { appId: APP_ID, merchantNo: MERCHANT_NO, privateKey: sk, platformPublicKey: pk };
  const pm = new payseal.PayerMax(config);
  const ppm = new portable.PayerMax(config);
  const data = JSON.parse(message).data;
  const note = notification();
  const noteSign = crypto.sign("sha256", Buffer.from(note), privateKey).toString("base64");
  // A 4096-bit signature in wasm takes about 80 ms: a shorter budget there.
  const slow = quick ? 300 : 1500;

  const nodeSign = await median(() => crypto.sign("sha256", bytes, privateKey));
  const nodeVerify = await median(() => crypto.verify("sha256", bytes, publicKey, sigBytes));
  row(bits, "sign", "node:crypto (KeyObject)", nodeSign, nodeSign);
  row(bits, "sign", "payseal sign", await median(() => payseal.sign(sk, message)), nodeSign);
  row(bits, "sign", "payseal/portable sign (wasm)", await median(() => portable.sign(sk, message), slow), nodeSign);
  row(bits, "sign", "payseal signAsync (WebCrypto)", await median(() => payseal.signAsync(sk, message)), nodeSign);
  row(bits, "sign", "payseal/portable signAsync (wasm)", await median(() => portable.signAsync(sk, message), slow), nodeSign);
  row(bits, "sign", "PayerMax.request (envelope + sign)", await median(() => pm.request("orderAndPay", data)), nodeSign);
  row(bits, "sign", "payseal/portable PayerMax.request", await median(() => ppm.request("orderAndPay", data), slow), nodeSign);
  row(bits, "sign", "PayerMax.requestAsync", await median(() => pm.requestAsync("orderAndPay", data)), nodeSign);
  row(bits, "sign", "WebCrypto subtle.sign", await median(() => subtle.sign(alg, wcPriv, bytes)), nodeSign);
  const jsSign = () => {
    const s = new jsrsasign.KJUR.crypto.Signature({ alg: "SHA256withRSA" });
    s.init(pkcs8Pem);
    s.updateString(message);
    return s.sign();
  };
  row(bits, "sign", "jsrsasign (pure JS)", await median(jsSign, quick ? 300 : 2000), nodeSign);

  row(bits, "verify", "node:crypto (KeyObject)", nodeVerify, nodeVerify);
  row(bits, "verify", "payseal verify", await median(() => payseal.verify(pk, message, sig)), nodeVerify);
  row(bits, "verify", "payseal/portable verify (wasm)", await median(() => portable.verify(pk, message, sig)), nodeVerify);
  row(bits, "verify", "payseal verifyAsync (WebCrypto)", await median(() => payseal.verifyAsync(pk, message, sig)), nodeVerify);
  row(bits, "verify", "payseal/portable verifyAsync (wasm)", await median(() => portable.verifyAsync(pk, message, sig)), nodeVerify);
  row(bits, "verify", "PayerMax.verifyNotification", await median(() => pm.verifyNotification(note, noteSign)), nodeVerify);
  row(bits, "verify", "payseal/portable PayerMax.verifyNotification", await median(() => ppm.verifyNotification(note, noteSign)), nodeVerify);
  row(bits, "verify", "WebCrypto subtle.verify", await median(() => subtle.verify(alg, wcPub, sigBytes, bytes)), nodeVerify);
  const sigHex = sigBytes.toString("hex");
  const jsVerify = () => {
    const v = new jsrsasign.KJUR.crypto.Signature({ alg: "SHA256withRSA" });
    v.init(spkiPem);
    v.updateString(message);
    return v.verify(sigHex);
  };
  row(bits, "verify", "jsrsasign (pure JS)", await median(jsVerify), nodeVerify);
}

// Payee validation throughput through the JS API.
const record = {
  outTradeNo: "T_1", country: "PE", trade: { amount: "150.00", currency: "PEN" },
  payeeInfo: { paymentMethodType: "BANK_TRANSFER", payeeType: "PERSONAL", accountInfo: { accountNo: "00219300247595201411" },
    name: { firstName: "Rosa", lastName: "Quispe" }, document: { documentType: "DNI", documentId: "10117410" }, email: "rosa@example.com" },
  notifyUrl: "https://shop.example.com/payouts",
};
const validateNs = await median(() => payseal.validatePayee("payermax.payout.PE.BANK_TRANSFER", record));
const fieldNs = await median(() => payseal.validateField("pe.cci", "002-193-002475952014-11"));

// The local check of request data (schema + payee rules) against the whole
// signed request it precedes, both through the JS API.
const checker = new payseal.PayerMax({ appId: "A", merchantNo: "M", privateKey: crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }) });
const checkNs = await median(() => checker.check("paymentOrderPay", record));
// What the check adds to a request: requestAsync with and without it,
// called alternately so that both see the same machine.
async function pairedMedians(a, b, budgetMs = 2 * BUDGET_MS) {
  for (let i = 0; i < 3; i++) { await a(); await b(); }
  const [sa, sb] = [[], []];
  const end = performance.now() + budgetMs;
  while (sa.length < 5 || (performance.now() < end && sa.length < 20_000)) {
    let t = process.hrtime.bigint();
    await a();
    sa.push(Number(process.hrtime.bigint() - t));
    t = process.hrtime.bigint();
    await b();
    sb.push(Number(process.hrtime.bigint() - t));
  }
  return [middle(sa), middle(sb)];
}
const [requestAsyncNs, uncheckedNs] = await pairedMedians(
  () => checker.requestAsync("paymentOrderPay", record),
  () => checker.requestAsync("paymentOrderPay", record, { check: false }),
);
const checkInRequestNs = Math.max(0, requestAsyncNs - uncheckedNs);
// The same back to back (sync requests, node:crypto signing): the check's
// own time, while each requestAsync above resumes after an await, when the
// thread has slept and what it runs first runs slower (measured: about 1.6x
// for the check, on this machine kind).
const [requestNs, uncheckedSyncNs] = await pairedMedians(
  () => checker.request("paymentOrderPay", record),
  () => checker.request("paymentOrderPay", record, { check: false }),
);
const checkBackToBackNs = Math.max(0, requestNs - uncheckedSyncNs);

// Cold starts: a fresh process each, from the start of `import` to the
// first signature (to the first verification), against node:crypto alone
// doing the same (import, create the key, sign or verify) in this run. Each
// probe is a module file that `node` runs, as it runs an application (with
// `node -e`, setting up the loader for the first file import would fall
// inside the timing: about 3 ms more for a package than for a built-in
// module, measured).
const keys = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const env = {
  ...process.env,
  K: keys.privateKey.export({ type: "pkcs8", format: "pem" }),
  P: keys.publicKey.export({ type: "spki", format: "pem" }),
  S: crypto.sign("sha256", Buffer.from("x"), keys.privateKey).toString("base64"),
};
const probes = {
  nodeSign: `const c=await import("node:crypto");const k=c.createPrivateKey(process.env.K);c.sign("sha256",Buffer.from("x"),k).toString("base64")`,
  paysealSign: `const p=await import("payseal");const k=p.PrivateKey.parse(process.env.K);p.sign(k,"x")`,
  nodeVerify: `const c=await import("node:crypto");const k=c.createPublicKey(process.env.P);c.verify("sha256",Buffer.from("x"),k,Buffer.from(process.env.S,"base64"))`,
  paysealVerify: `const p=await import("payseal");const k=p.PublicKey.parse(process.env.P);if(!p.verify(k,"x",process.env.S))throw 1`,
  paysealRequest: `const p=await import("payseal");new p.PayerMax({appId:"A",merchantNo:"M",privateKey:process.env.K}).request("orderQuery",{outTradeNo:"1"})`,
  // Node's own share of importing payseal: a package with the same
  // package.json (its `exports` map) whose every entry is an empty module.
  emptyPackage: `await import("payseal-empty")`,
  // The least any package with that package.json can take to a first
  // verification: importing it, then node:crypto alone.
  emptyThenVerify: `await import("payseal-empty");const c=process.getBuiltinModule("node:crypto");const k=c.createPublicKey(process.env.P);c.verify("sha256",Buffer.from("x"),k,Buffer.from(process.env.S,"base64"))`,
};
const probeDir = fileURLToPath(new URL("../target/cold-start/", import.meta.url));
// payseal as `npm install` leaves it: the package's files in a folder of the
// probes' own node_modules (not the repository's link to pkg/, two folders
// up), where payseal-empty is too.
const installed = join(probeDir, "node_modules/payseal");
rmSync(installed, { recursive: true, force: true });
cpSync(fileURLToPath(new URL("../pkg/", import.meta.url)), installed, { recursive: true });
const emptyDir = join(probeDir, "node_modules/payseal-empty");
mkdirSync(emptyDir, { recursive: true });
const manifest = JSON.parse(readFileSync(new URL("../pkg/package.json", import.meta.url), "utf8"));
writeFileSync(join(emptyDir, "package.json"), JSON.stringify({ ...manifest, name: "payseal-empty" }, null, 2));
const entries = (target) => (typeof target === "string" ? [target] : Object.values(target ?? {}).flatMap(entries));
for (const file of entries(manifest.exports["."]).filter((f) => /\.[mc]?js$/.test(f))) {
  writeFileSync(join(emptyDir, file), file.endsWith(".cjs") ? "module.exports = {};\n" : "export {};\n");
}
for (const [name, code] of Object.entries(probes)) {
  writeFileSync(join(probeDir, `${name}.mjs`), `const t=performance.now();${code};console.log(performance.now()-t)\n`);
}
function coldStarts(node) {
  const cold = Object.fromEntries(Object.keys(probes).map((k) => [k, []]));
  for (let i = 0; i < (quick ? 3 : 21); i++) {
    for (const name of Object.keys(probes)) {
      cold[name].push(Number(execFileSync(node, [join(probeDir, `${name}.mjs`)], { env }).toString()));
    }
  }
  return cold;
}
const cold = coldStarts(process.execPath);
// The same under each Node line the consumer projects install (scripts/test),
// when they are there: Node's own share of a cold start (resolving a package,
// compiling a module) differs from one line to the next.
const otherNodes = ["node20", "node22", "node24"]
  .map((dir) => fileURLToPath(new URL(`../tests/consumers/node_modules/${dir}/bin/node`, import.meta.url)))
  .filter((node) => existsSync(node))
  .map((node) => ({ node, version: execFileSync(node, ["--version"]).toString().trim() }))
  .filter(({ version }) => version !== process.version);
const coldByNode = [{ version: process.version, cold }, ...otherNodes.map(({ node, version }) => ({ version, cold: coldStarts(node) }))]
  .sort((a, b) => a.version.localeCompare(b.version, "en", { numeric: true }));

// validatePayee under each Node line, as the line above measures cold
// starts: the wasm code runs in each line's own V8 (Node 24's inlines wasm
// calls, for one), so the rate differs from one line to the next.
writeFileSync(join(probeDir, "validatePayee.mjs"), `const p=await import("payseal");const record=JSON.parse(process.env.RECORD);
const f=()=>p.validatePayee("payermax.payout.PE.BANK_TRANSFER",record);
for(let i=0;i<20000;i++)f();
const t=[];for(let r=0;r<${quick ? 3 : 15};r++){const s=process.hrtime.bigint();for(let i=0;i<10000;i++)f();t.push(Number(process.hrtime.bigint()-s)/10000);}
t.sort((a,b)=>a-b);console.log(t[t.length>>1]);
`);
// A line whose V8 leaves wasm-into-wasm inlining off by default (before
// Node 24) is also measured with it on (--experimental-wasm-inlining): the
// difference is what a wasm call costs there, for users to weigh.
const inliningOff = (node) => /--experimental-wasm-inlining\b[^\n]*\n\s*type: bool\s+default: --no-experimental-wasm-inlining/
  .test(execFileSync(node, ["--v8-options"]).toString());
const payeeNsUnder = (node, flags = []) =>
  Number(execFileSync(node, [...flags, join(probeDir, "validatePayee.mjs")], { env: { ...env, RECORD: JSON.stringify(record) } }).toString());
const validateByNode = [{ node: process.execPath, version: process.version }, ...otherNodes]
  .map(({ node, version }) => ({ version, ns: payeeNsUnder(node), inlinedNs: inliningOff(node) ? payeeNsUnder(node, ["--experimental-wasm-inlining"]) : undefined }))
  .sort((a, b) => a.version.localeCompare(b.version, "en", { numeric: true }));

// workerd: CPU time of the Worker example's thread for its first request
// (a valid PayerMax notification, verifyNotificationAsync, recorded once in
// its Durable Object), from
// /proc/<pid>/task/*/schedstat; the isolate has served nothing before. The
// same for a Worker that makes only the example's Durable Object call, which
// local workerd runs on the same thread: the object's share of that request.
async function workerdFirstRequest(entry, path, durableObjects) {
  const threadCpuMs = (pid) => readdirSync(`/proc/${pid}/task`)
    .filter((tid) => readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim() === "workerd")
    .reduce((t, tid) => t + Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]) / 1e6, 0);
  const worker = await startWorker(fileURLToPath(new URL(entry, import.meta.url)), {
    untouched: true,
    durableObjects,
    bindings: { PAYERMAX_APP_ID: APP_ID, PAYERMAX_MERCHANT_NO: MERCHANT_NO, PAYERMAX_PLATFORM_PUBLIC_KEY: PLATFORM_PUBLIC_KEY, CASHY_MERCHANT_ID: "1", CASHY_API_KEY: "k", CASHY_BASE_URL: "https://c.example" },
  });
  try {
    await new Promise((r) => setTimeout(r, 200));
    const startup = threadCpuMs(worker.pid);
    const cpu = [];
    for (let i = 0; i < 3; i++) {
      const body = notification();
      const before = threadCpuMs(worker.pid);
      const res = await fetch(`${worker.url}${path}`, { method: "POST", headers: { "content-type": "application/json", sign: signWith(body) }, body });
      await res.text();
      if (res.status !== 200) throw new Error(`the Worker answered ${res.status}`);
      cpu.push(threadCpuMs(worker.pid) - before);
    }
    return Object.assign(cpu, { startup });
  } finally {
    await worker.stop();
  }
}
const firstRequests = [];
const firstObjectCalls = [];
const firstVerifications = [];
const warmFirstVerifications = [];
for (let i = 0; i < (quick ? 1 : 5); i++) {
  firstRequests.push(await workerdFirstRequest("../www-example/worker/src/index.js", "/webhooks/payermax", { HANDLED_EVENTS: "HandledEvents" }));
  firstObjectCalls.push(await workerdFirstRequest("./first-handled-event-worker.js", "/", { HANDLED_EVENTS: "HandledEvents" }));
  firstVerifications.push(await workerdFirstRequest("./first-notification-worker.js", "/"));
  warmFirstVerifications.push(await workerdFirstRequest("./first-notification-warm-worker.js", "/"));
}

// Wasm memory: 20,000 verifications and 1,000 signatures passing key text,
// through the wasm code (payseal/portable: the keys are parsed there too).
const memoryMiB = () => globalThis[Symbol.for("payseal.wasmMemoryBytes")]() / 2 ** 20;
const pem = keys.privateKey.export({ type: "pkcs8", format: "pem" });
const memoryBefore = memoryMiB();
for (let i = 0; i < 20_000; i++) portable.verify(env.P, "x", env.S);
for (let i = 0; i < 1_000; i++) portable.sign(pem, "x");
const memoryAfter = memoryMiB();

const wasm = readFileSync(new URL("../pkg/payseal.wasm", import.meta.url));
const ratio = (a, b) => `${(middle(a) / middle(b)).toFixed(2)}×`;

console.log(`payseal ${payseal.version} benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0].model.trim()} (${os.cpus().length} cores), Node ${process.version}`);
console.log("median time per operation; ratio = time / node:crypto's time in the same run (lower is faster)\n");
console.log("| key | operation | implementation | median | × node:crypto |");
console.log("|---|---|---|---:|---:|");
for (const r of rows) console.log(`| RSA-${r.bits} | ${r.op} | ${r.impl} | ${fmt(r.ns)} | ${r.ratio.toFixed(2)} |`);
const runs = cold.nodeSign.length;
console.log(`\ncold start (fresh Node process, median of ${runs}): import to first RSA-2048 signature ${middle(cold.paysealSign).toFixed(1)} ms (node:crypto alone ${middle(cold.nodeSign).toFixed(1)} ms, ${ratio(cold.paysealSign, cold.nodeSign)}); import to first verification ${middle(cold.paysealVerify).toFixed(1)} ms (node:crypto alone ${middle(cold.nodeVerify).toFixed(1)} ms, ${ratio(cold.paysealVerify, cold.nodeVerify)}); import to a first signed PayerMax request (new PayerMax, request) ${middle(cold.paysealRequest).toFixed(1)} ms (${ratio(cold.paysealRequest, cold.nodeSign)} node:crypto's signature)`);
console.log(`cold start by Node version (median of ${runs} each; import to first signature / to first verification / to a first signed PayerMax request): ${coldByNode.map(({ version, cold: c }) => `Node ${version.slice(1)} ${middle(c.paysealSign).toFixed(1)} ms (${ratio(c.paysealSign, c.nodeSign)}) / ${middle(c.paysealVerify).toFixed(1)} ms (${ratio(c.paysealVerify, c.nodeVerify)}) / ${middle(c.paysealRequest).toFixed(1)} ms`).join("; ")}; Node's own share, importing an empty package with payseal's package.json (and the least such a package can take to a first verification: importing it, then node:crypto alone): ${coldByNode.map(({ version, cold: c }) => `Node ${version.slice(1)} ${middle(c.emptyPackage).toFixed(1)} ms (${ratio(c.emptyThenVerify, c.nodeVerify)})`).join(", ")}`);
console.log(`workerd (local, ${firstRequests.length} fresh isolates): a first verified notification (PayerMax client built, verifyNotificationAsync, acknowledged) ${middle(firstVerifications.map((c) => c[0])).toFixed(1)} ms CPU on the worker thread, the next ones ${middle(firstVerifications.flatMap((c) => c.slice(1))).toFixed(1)} ms; after warmUp(["notifications"]) at module top level ${middle(warmFirstVerifications.map((c) => c[0])).toFixed(1)} ms, the next ones ${middle(warmFirstVerifications.flatMap((c) => c.slice(1))).toFixed(1)} ms, the warm-up ${(middle(warmFirstVerifications.map((c) => c.startup)) - middle(firstVerifications.map((c) => c.startup))).toFixed(1)} ms more at startup (the thread's CPU until it serves); the Worker example's first webhook request (it warms up so), its Durable Object's first call included, ${middle(firstRequests.map((c) => c[0])).toFixed(1)} ms, the next ones ${middle(firstRequests.flatMap((c) => c.slice(1))).toFixed(1)} ms, of which that first call (the same request to a Worker that only calls the example's Durable Object) ${middle(firstObjectCalls.map((c) => c[0])).toFixed(1)} ms, the next ones ${middle(firstObjectCalls.flatMap((c) => c.slice(1))).toFixed(1)} ms (free plan limit: 10 ms; on Cloudflare a Durable Object's CPU is its own)`);
console.log(`validatePayee (payermax.payout.PE.BANK_TRANSFER, 11 fields): ${fmt(validateNs)} per record, ${Math.round(1e9 / validateNs).toLocaleString("en")} records/s; validateField("pe.cci"): ${fmt(fieldNs)}`);
console.log(`validatePayee by Node version (the same record, in a process of its own: median of ${quick ? 3 : 15} blocks of 10,000 calls after 20,000): ${validateByNode.map(({ version, ns, inlinedNs }) => `Node ${version.slice(1)} ${fmt(ns)}, ${Math.round(1e9 / ns).toLocaleString("en")} records/s${inlinedNs === undefined ? "" : ` (with --experimental-wasm-inlining: ${fmt(inlinedNs)}, ${Math.round(1e9 / inlinedNs).toLocaleString("en")} records/s)`}`).join("; ")}`);
console.log(`request check: in a request it adds ${fmt(checkInRequestNs)}, ${((100 * checkInRequestNs) / requestAsyncNs).toFixed(1)} % of requestAsync (${fmt(requestAsyncNs)} with it, ${fmt(uncheckedNs)} with { check: false }, RSA-2048, called alternately); back to back (sync request, with and without it) ${fmt(checkBackToBackNs)}, ${((100 * checkBackToBackNs) / requestAsyncNs).toFixed(1)} % of requestAsync; payermax.check("paymentOrderPay", 13 fields), which also builds the report, ${fmt(checkNs)}, ${((100 * checkNs) / requestAsyncNs).toFixed(1)} %`);
console.log(`wasm memory: ${memoryBefore.toFixed(1)} MiB before, ${memoryAfter.toFixed(1)} MiB after 20,000 verify and 1,000 sign calls passing key text (payseal/portable)`);
console.log(`wasm: ${wasm.length} bytes, ${gzipSync(wasm, { level: 9 }).length} bytes gzipped`);
