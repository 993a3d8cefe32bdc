// Several merchants on one webhook URL: the notification picks its merchant
// before any signature work, and is then verified with that merchant's keys.
import test from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { PayerMaxMerchants, PayerMax } from "payseal";

const pair = () => crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const a = pair();
const b = pair();
const spki = (k) => k.publicKey.export({ type: "spki", format: "pem" });
const merchants = new PayerMaxMerchants([
  { appId: "APP-A", merchantNo: "M-A", platformPublicKey: spki(a) },
  { appId: "APP-B", merchantNo: "M-B", platformPublicKey: spki(b) },
]);
const note = (appId, merchantNo, over = {}) => JSON.stringify({ code: "APPLY_SUCCESS", msg: "Success", keyVersion: "1", appId, merchantNo, notifyTime: new Date().toISOString(), notifyType: "PAYMENT", data: { outTradeNo: "O1" }, ...over });
const signed = (body, key) => crypto.sign("sha256", Buffer.from(body), key.privateKey).toString("base64");

test("each notification is verified with the merchant it names", async () => {
  for (const [app, no, key] of [["APP-A", "M-A", a], ["APP-B", "M-B", b]]) {
    const body = note(app, no);
    for (const n of [merchants.verifyNotification(body, signed(body, key)), await merchants.verifyNotificationAsync(body, signed(body, key))]) {
      assert.ok(n.merchant instanceof PayerMax);
      assert.equal(n.merchant.merchantNo, no);
      assert.equal(n.appId, app);
    }
  }
  const byApp = note("APP-B", undefined);
  assert.equal(merchants.verifyNotification(byApp, signed(byApp, b)).merchant.appId, "APP-B");
});

test("an unknown merchant is refused before any RSA work; one merchant's key does not verify another's", async () => {
  const unknown = note("APP-X", "M-X");
  assert.throws(() => merchants.verifyNotification(unknown, "not even base64"), { code: "MERCHANT_MISMATCH" });
  const crossed = note("APP-B", "M-A");
  assert.throws(() => merchants.verifyNotification(crossed, signed(crossed, a)), { code: "MERCHANT_MISMATCH" });
  const forB = note("APP-B", "M-B");
  assert.throws(() => merchants.verifyNotification(forB, signed(forB, a)), { code: "SIGNATURE_INVALID" });
  await assert.rejects(merchants.verifyNotificationAsync(forB, signed(forB, a)), { code: "SIGNATURE_INVALID" });
  const noOne = JSON.stringify({ code: "APPLY_SUCCESS", notifyType: "PAYMENT", data: {} });
  assert.throws(() => merchants.verifyNotification(noOne, signed(noOne, a)), { code: "MERCHANT_MISMATCH" });
  assert.throws(() => new PayerMaxMerchants([]), { code: "CONFIG_INVALID" });
});
