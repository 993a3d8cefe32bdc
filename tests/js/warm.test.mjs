// warmUp(): runs payseal's paths on sample data, verifies nothing, keeps
// nothing that changes a later answer. (Its effect on a first request is
// measured by scripts/bench, in workerd; the Worker example calls it at
// module top level, so webhook-worker.test.mjs runs it there.)
import test from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { PaysealError, warmUp } from "payseal";
import * as portable from "payseal/portable";

const ran = () => ({ ...globalThis[Symbol.for("payseal.rsaOperations")] });

test("warmUp runs every path, each alone and all by default, and no RSA operation", () => {
  const before = ran();
  assert.equal(warmUp(), undefined);
  for (const paths of [["notifications"], ["requests"], ["payees"], ["payees", "payees"], []]) {
    assert.equal(warmUp(paths), undefined);
  }
  assert.equal(portable.warmUp, warmUp);
  assert.deepEqual(ran(), before);
});

test("warmUp takes only a list of its paths", () => {
  for (const bad of [["everything"], "notifications", [1], { notifications: true }, null]) {
    assert.throws(() => warmUp(bad), (e) => e instanceof PaysealError && e.code === "INVALID_ARGUMENT"
      && e.message.includes('"notifications", "requests", "payees"'), String(bad));
  }
});

// The same answers from a process that warmed up first and one that did
// not: a notification of the warmed-up kind (PAYMENT) and another kind, a
// refused payout, a payee report.
test("answers after warmUp are the answers without it", () => {
  const keys = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const env = {
    ...process.env,
    P: keys.publicKey.export({ type: "spki", format: "der" }).toString("base64"),
    K: keys.privateKey.export({ type: "pkcs8", format: "pem" }),
  };
  const notification = (notifyType, data) => JSON.stringify({ code: "APPLY_SUCCESS", msg: "Success", keyVersion: "1", appId: "A",
    merchantNo: "M", notifyTime: "2026-01-01T00:00:00.000Z", notifyType, data });
  const bodies = [notification("PAYMENT", { outTradeNo: "O1", status: "SUCCESS" }), notification("PAYOUT", { outTradeNo: 5 })];
  env.BODIES = JSON.stringify(bodies.map((b) => [b, crypto.sign("sha256", Buffer.from(b), keys.privateKey).toString("base64")]));
  const script = (warm) => `
    import { PayerMax, validatePayee, warmUp } from "payseal";
    ${warm ? "warmUp();" : ""}
    const pm = new PayerMax({ appId: "A", merchantNo: "M", platformPublicKey: process.env.P, privateKey: process.env.K });
    const now = Date.parse("2026-01-01T00:00:00.000Z");
    const out = [];
    for (const [body, sign] of JSON.parse(process.env.BODIES)) {
      const n = await pm.verifyNotificationAsync(body, sign, { now });
      out.push({ ...n, data: n.data });
    }
    try { pm.request("paymentOrderPay", { outTradeNo: "T", country: "PE", trade: { amount: "1.001", currency: "PEN" },
      payeeInfo: { paymentMethodType: "BANK_TRANSFER", accountInfo: { accountNo: "123" } } }); } catch (e) { out.push(e.code, e.fields); }
    out.push(validatePayee("payermax.payout.PE.BANK_TRANSFER", { country: "PE", payeeInfo: { paymentMethodType: "BANK_TRANSFER" } }));
    console.log(JSON.stringify(out));`;
  const run = (warm) => execFileSync(process.execPath, ["--input-type=module", "-e", script(warm)], {
    env, cwd: fileURLToPath(new URL(".", import.meta.url)), encoding: "utf8",
  });
  const cold = run(false);
  assert.match(cold, /DATA_INVALID/);
  assert.match(cold, /PARAMS_INVALID/);
  assert.equal(run(true), cold);
});

// In workerd, at module top level: no randomness, a clock at 0, and with
// or without nodejs_compat. A warm-up that needed any of these would stop
// the Worker from starting.
for (const nodejsCompat of [true, false]) {
  test(`warmUp at a Worker's top level, ${nodejsCompat ? "with" : "without"} nodejs_compat`, async () => {
    const { startWorker } = await import("./workerd.mjs");
    const worker = await startWorker(fileURLToPath(new URL("../workerd/warm-worker.mjs", import.meta.url)), { nodejsCompat });
    try {
      const keys = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
      const body = JSON.stringify({ code: "APPLY_SUCCESS", msg: "Success", keyVersion: "1", appId: "A", merchantNo: "M",
        notifyTime: "2026-01-01T00:00:00.000Z", notifyType: "PAYMENT", data: { outTradeNo: "O1", status: "SUCCESS" } });
      const res = await fetch(worker.url, {
        method: "POST",
        body: JSON.stringify({
          publicKey: keys.publicKey.export({ type: "spki", format: "pem" }), body,
          sign: crypto.sign("sha256", Buffer.from(body), keys.privateKey).toString("base64"), now: Date.parse("2026-01-01T00:00:00.000Z"),
        }),
      });
      const out = await res.json();
      assert.equal(res.status, 200, `${JSON.stringify(out)}\n${worker.log()}`);
      assert.deepEqual(out.atStartup, out.before);
      assert.equal(out.notifyType, "PAYMENT");
      assert.deepEqual(out.data, { outTradeNo: "O1", status: "SUCCESS" });
    } finally {
      await worker.stop();
    }
  });
}
