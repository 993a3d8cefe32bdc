// Requests are checked against the endpoint's schema (generated from the
// OpenAPI description) before anything is signed.
import test from "node:test";
import assert from "node:assert/strict";
import { PayerMax, Cashy, PaysealError } from "payseal";
import { rsaKeys, nodeVerify } from "./helpers.mjs";

const { privateKey, publicKey } = rsaKeys(2048);
const pem = privateKey.export({ type: "pkcs8", format: "pem" });
const pm = new PayerMax({ appId: "A", merchantNo: "M", privateKey: pem });
const TIME = "2022-01-17T08:04:13.879+00:00";

const payout = () => ({
  outTradeNo: "P_1",
  country: "PE",
  trade: { amount: "150.00", currency: "PEN" },
  payeeInfo: {
    paymentMethodType: "BANK_TRANSFER",
    accountInfo: { accountNo: "00219300247595201411" },
    name: { firstName: "Rosa", lastName: "Quispe" },
    document: { documentType: "DNI", documentId: "10117410" },
  },
});

test("a wrong payout is refused before signing, with every failure at once", () => {
  const bad = payout();
  delete bad.outTradeNo;
  bad.destinationCurrency = "SOLES";
  bad.payeeInfo.accountInfo.accountNo = "00219300247595201412";
  bad.clearingRail = "ACH";
  assert.throws(() => pm.request("paymentOrderPay", bad), (e) => {
    assert.ok(e instanceof PaysealError);
    assert.equal(e.code, "DATA_INVALID");
    const got = e.fields.map((f) => [f.field, f.code]);
    for (const want of [["outTradeNo", "REQUIRED"], ["destinationCurrency", "TOO_LONG"], ["clearingRail", "NOT_ALLOWED"], ["payeeInfo.accountInfo.accountNo", "INVALID_CHECKSUM"]]) {
      assert.ok(got.some(([f, c]) => f === want[0] && c === want[1]), `${want} in ${JSON.stringify(got)}`);
    }
    for (const f of e.fields) assert.equal(typeof f.errorMsg, "string");
    assert.match(e.message, /not signed/);
    return true;
  });
});

test("a valid payout signs the same bytes with and without the check", () => {
  const checked = pm.request("paymentOrderPay", payout(), { requestTime: TIME });
  const unchecked = pm.request("paymentOrderPay", payout(), { requestTime: TIME, check: false });
  assert.equal(checked.body, unchecked.body);
  assert.equal(checked.headers.sign, unchecked.headers.sign);
  assert.ok(nodeVerify(publicKey, checked.body, checked.headers.sign));
  assert.equal(checked.endpoint, "paymentOrderPay");
  assert.deepEqual(Object.keys(checked), ["url", "method", "headers", "body"], "endpoint is not enumerable");
});

test("{ check: false } signs what the schema refuses", () => {
  const req = pm.request("paymentOrderPay", { outTradeNo: "P_1", futureField: 1 }, { check: false });
  assert.match(req.body, /"futureField":1/);
});

test("data given as JSON text is checked the same way and embedded byte for byte", () => {
  const text = JSON.stringify(payout()).replace('"150.00"', '"150.00" ');
  const req = pm.request("paymentOrderPay", text, { requestTime: TIME });
  assert.ok(req.body.includes(`"data":${text}`));
  assert.throws(() => pm.request("paymentOrderPay", '{"outTradeNo":"P_1"}'), { code: "DATA_INVALID" });
});

test("check() reports without signing; unknown fields are ignored, not refused", () => {
  const r = pm.check("orderQuery", { outTradeNo: "T_1", addedLater: "x" });
  assert.equal(r.validationCode, "PASS");
  assert.deepEqual(r.ignoredFields, [{ field: "addedLater" }]);
  assert.deepEqual(r.validationPassedFields, [{ field: "outTradeNo" }]);
  const bad = pm.check("orderQuery", { outTradeNo: "x".repeat(65) });
  assert.equal(bad.validationCode, "PARAMS_INVALID");
  assert.deepEqual(bad.validationFailedFields.map((f) => [f.field, f.code]), [["outTradeNo", "TOO_LONG"]]);
  assert.throws(() => pm.check("orderQuerry", {}), { code: "ENDPOINT_UNKNOWN" });
});

test("items of arrays are checked by index", () => {
  const r = pm.check("putRfiMaterialList", { materialList: [{ filePathType: "HTTP" }, { filePathType: "FTP" }] });
  assert.ok(r.validationFailedFields.some((f) => f.field === "materialList[1].filePathType" && f.code === "NOT_ALLOWED"), JSON.stringify(r));
});

test("the answer can be told which request it answers", () => {
  const req = pm.request("orderQuery", { outTradeNo: "T_1" });
  const unsignedError = '{"code":"PARAMS_INVALID","msg":"bad"}';
  assert.equal(pm.verifyResponse(unsignedError, undefined, req).code, "PARAMS_INVALID");
  assert.equal(pm.verifyResponse(unsignedError, undefined, { endpoint: "orderQuery" }).verified, false);
  assert.throws(() => pm.verifyResponse(unsignedError, undefined, "orderQuery"), { code: "INVALID_ARGUMENT" });
});

test("Cashy refuses NaN in data too", () => {
  const cashy = new Cashy({ merchantId: "1", apiKey: "k", baseUrl: "https://x.example" });
  assert.throws(() => cashy.payout({ amount: NaN, mchOrderNo: "P1" }, { validate: false }), (e) => e.code === "DATA_INVALID" && e.fields[0].field === "amount");
});
