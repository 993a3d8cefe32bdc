// payseal benchmark: median time per operation, and the ratio to
// node:crypto (KeyObject) measured in the same process and run.
//   node benches/bench.mjs [--quick]
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import os from "node:os";
import * as payseal from "payseal";

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
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(1)} µs`);
const rows = [];
const row = (bits, op, impl, ns, base) => rows.push({ bits, op, impl, ns, ratio: ns / base });

const message = JSON.stringify({
  version: "1.4", keyVersion: "1", requestTime: "2022-01-17T08:04:13.879+00:00", appId: "3b242b56a8b64274bcc37dac281120e3",
  merchantNo: "020213827212251", data: { outTradeNo: "P1700000000000", totalAmount: 10000, currency: "PEN", country: "PE", subject: "order" },
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
  const pm = new payseal.PayerMax({ appId: "3b242b56a8b64274bcc37dac281120e3", merchantNo: "020213827212251", privateKey: sk });
  const data = JSON.parse(message).data;

  const nodeSign = await median(() => crypto.sign("sha256", bytes, privateKey));
  const nodeVerify = await median(() => crypto.verify("sha256", bytes, publicKey, sigBytes));
  row(bits, "sign", "node:crypto (KeyObject)", nodeSign, nodeSign);
  row(bits, "sign", "payseal sign (wasm)", await median(() => payseal.sign(sk, message)), nodeSign);
  row(bits, "sign", "payseal signAsync (WebCrypto)", await median(() => payseal.signAsync(sk, message)), nodeSign);
  row(bits, "sign", "PayerMax.request (envelope + sign)", await median(() => pm.request("orderAndPay", data)), nodeSign);
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
  row(bits, "verify", "payseal verify (wasm)", await median(() => payseal.verify(pk, message, sig)), nodeVerify);
  row(bits, "verify", "payseal verifyAsync (WebCrypto)", await median(() => payseal.verifyAsync(pk, message, sig)), nodeVerify);
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
const requestAsyncNs = await median(() => checker.requestAsync("paymentOrderPay", record));

// Cold start: a fresh process, from the start of `import` to the first signature.
const keyPem = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" });
const probe = `const t=performance.now();const p=await import("payseal");const k=p.PrivateKey.parse(process.env.K);p.sign(k,"x");console.log(performance.now()-t)`;
const cold = [];
for (let i = 0; i < (quick ? 3 : 9); i++) {
  cold.push(Number(execFileSync(process.execPath, ["--input-type=module", "-e", probe], { env: { ...process.env, K: keyPem } }).toString()));
}
cold.sort((a, b) => a - b);
const wasm = readFileSync(new URL("../pkg/payseal.wasm", import.meta.url));

console.log(`payseal ${payseal.version} benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0].model.trim()} (${os.cpus().length} cores), Node ${process.version}`);
console.log("median time per operation; ratio = time / node:crypto's time in the same run (lower is faster)\n");
console.log("| key | operation | implementation | median | × node:crypto |");
console.log("|---|---|---|---:|---:|");
for (const r of rows) console.log(`| RSA-${r.bits} | ${r.op} | ${r.impl} | ${fmt(r.ns)} | ${r.ratio.toFixed(2)} |`);
console.log(`\ncold start (fresh Node process, import to first RSA-2048 signature, median of ${cold.length}): ${cold[cold.length >> 1].toFixed(1)} ms`);
console.log(`validatePayee (payermax.payout.PE.BANK_TRANSFER, 11 fields): ${fmt(validateNs)} per record, ${Math.round(1e9 / validateNs).toLocaleString("en")} records/s; validateField("pe.cci"): ${fmt(fieldNs)}`);
console.log(`request check: payermax.check("paymentOrderPay", 13 fields) ${fmt(checkNs)}, ${((100 * checkNs) / requestAsyncNs).toFixed(1)} % of requestAsync (${fmt(requestAsyncNs)}, RSA-2048, check included)`);
console.log(`wasm: ${wasm.length} bytes, ${gzipSync(wasm, { level: 9 }).length} bytes gzipped`);
