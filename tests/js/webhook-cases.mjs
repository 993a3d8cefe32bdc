// The webhook cases every receiver must pass (the Worker example in workerd,
// the Node example): notifications signed by node:crypto, never by payseal.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";

const keys = (name) => readFileSync(new URL(`../../www-example/demo-keys/${name}`, import.meta.url), "utf8");
export const PLATFORM_PUBLIC_KEY = keys("platform-public.txt").trim();
const platformPrivate = keys("platform-private.pem");
const otherPrivate = crypto.createPrivateKey({ key: Buffer.from(keys("merchant-private.txt"), "base64"), format: "der", type: "pkcs8" });
export const APP_ID = "APP-TEST";
export const MERCHANT_NO = "M-TEST";
const ACK = '{"code":"SUCCESS","msg":"Success"}';

export function notification({ notifyType = "PAYMENT", data = { outTradeNo: "O1", tradeToken: "T1", status: "SUCCESS" }, ...over } = {}) {
  return JSON.stringify({
    code: "APPLY_SUCCESS", msg: "Success", keyVersion: "1", appId: APP_ID, merchantNo: MERCHANT_NO,
    notifyTime: new Date().toISOString(), notifyType, data, ...over,
  });
}

export const signWith = (body, key = platformPrivate) => crypto.sign("sha256", Buffer.from(body), key).toString("base64");

/** Runs every case through `post(body, headers) -> {status, text}`. */
export async function webhookCases(t, post) {
  const expectStatus = async (name, body, headers, status, text) => {
    await t.test(name, async () => {
      const res = await post(body, headers);
      assert.equal(res.status, status, `${name}: ${res.text}`);
      if (text !== undefined) assert.equal(res.text, text);
    });
  };
  const valid = (n = {}) => {
    const body = notification(n);
    return [body, { "content-type": "application/json", sign: signWith(body) }];
  };

  for (const notifyType of ["PAYMENT", "REFUND", "PAYOUT", "SUBSCRIPTION", "CUSTOMER COMPLAINT", "SOMETHING_NEW"]) {
    await expectStatus(`valid ${notifyType} is acknowledged`, ...valid({ notifyType, data: { outTradeNo: notifyType } }), 200, ACK);
  }
  const [body, headers] = valid();
  await expectStatus("a redelivery is acknowledged again", body, headers, 200, ACK);
  await expectStatus("tampered body", body.replace("SUCCESS", "FAILED"), headers, 401);
  await expectStatus("signed with the wrong key", body, { sign: signWith(body, otherPrivate) }, 401);
  await expectStatus("missing sign header", body, {}, 401);
  await expectStatus("empty sign header", body, { sign: "" }, 401);
  await expectStatus("junk sign header", body, { sign: "not base64 at all!!" }, 401);
  await expectStatus("non-JSON body, validly signed", "hello", { sign: signWith("hello") }, 400);
  await expectStatus("non-JSON body, unsigned", "hello", { sign: "aGVsbG8=" }, 401);
  await expectStatus("JSON array body, validly signed", "[1,2]", { sign: signWith("[1,2]") }, 400);
  await expectStatus("another merchant's notification", ...valid({ merchantNo: "SOMEONE-ELSE" }), 401);
  await expectStatus("another app's notification", ...valid({ appId: "SOMEONE-ELSE" }), 401);
  await expectStatus("a notification that names no app", ...valid({ appId: undefined }), 401);
  await expectStatus("a notification without merchantNo (not promised in every one) is acknowledged", ...valid({ merchantNo: undefined, data: { outTradeNo: "NO-MERCHANT-NO" } }), 200, ACK);
  const response = JSON.stringify({ code: "APPLY_SUCCESS", msg: "", keyVersion: "1", data: { outTradeNo: "O1", tradeToken: "T1", status: "SUCCESS" } });
  await expectStatus("a signed API response replayed to the webhook", response, { sign: signWith(response) }, 401);
  await expectStatus("unknown keyVersion", ...valid({ keyVersion: "9" }), 401);
  await expectStatus("stale notifyTime (2 days)", ...valid({ notifyTime: new Date(Date.now() - 2 * 86400_000).toISOString() }), 401);
  await expectStatus("notifyTime 2 days ahead", ...valid({ notifyTime: new Date(Date.now() + 2 * 86400_000).toISOString() }), 401);
  await expectStatus("old notifyTime format (+0000) accepted", ...valid({ notifyTime: new Date().toISOString().replace(/\.\d+Z$/, " +0000") }), 200, ACK);
  const oneMegabyte = notification({ data: { outTradeNo: "BIG", blob: "x".repeat(1_000_000) } });
  await expectStatus("a 1 MB notification, validly signed", oneMegabyte, { sign: signWith(oneMegabyte) }, 200, ACK);
  await expectStatus("a 1 MB junk body", "x".repeat(1_000_000), { sign: signWith("x") }, 401);
  await expectStatus("a body over 1 MiB", "x".repeat(1024 * 1024 + 1), { sign: signWith("x") }, 413);
  await expectStatus("after all that, a good notification still succeeds", ...valid({ data: { outTradeNo: "AFTER" } }), 200, ACK);
}

/** A process's resident memory in bytes (VmRSS in /proc/<pid>/status). */
export function rssOf(pid) {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb[1]) * 1024;
}

/**
 * POSTs a chunked body of `total` bytes (no Content-Length), generated
 * 64 KiB at a time as the socket takes it, never held whole; stops sending
 * once an answer arrives. Between chunks it lets the event loop read, as a
 * client that watches for an early answer does. Resolves with the answer
 * and how much was sent by then; or, when the server closed the connection
 * before the client could read an answer (the close raced a write: EPIPE or
 * ECONNRESET), with status 0 and how much was sent by then.
 */
export function postChunked(url, total, headers = {}) {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(url, { method: "POST", headers: { "content-type": "application/json", ...headers } }, (res) => {
      answered = true;
      const sentBeforeAnswer = sent;
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      // A server that refuses a body closes the connection: the answer is
      // complete once its body is, whatever happens to the socket next.
      res.on("close", () => {
        req.destroy();
        if (res.complete) resolve({ status: res.statusCode, text, sentBeforeAnswer });
        else reject(new Error(`the answer ${res.statusCode} was cut short`));
      });
      res.on("error", () => {});
    });
    req.on("error", (e) => {
      if (answered) return;
      if (e.code === "EPIPE" || e.code === "ECONNRESET") resolve({ status: 0, text: "", sentBeforeAnswer: sent, reset: e.code });
      else reject(e);
    });
    const chunk = Buffer.alloc(64 * 1024, "x");
    const pump = () => {
      if (answered || req.destroyed) return;
      if (sent >= total) return req.end();
      const n = Math.min(chunk.length, total - sent);
      sent += n;
      if (req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) setImmediate(pump);
      else req.once("drain", pump);
    };
    pump();
  });
}

/**
 * Sends `total` bytes chunked to `url` until the server answers 413 (at most
 * 5 tries: a close that races the client's write hides the answer); every
 * try must end, by an answer or a close, before 32 MiB were sent.
 */
export async function refusedEarly(url, total, headers) {
  const tries = [];
  for (let i = 0; i < 5; i++) {
    const res = await postChunked(url, total, headers);
    tries.push(res);
    assert.ok(res.sentBeforeAnswer < 32 * 1024 * 1024, `${url}: answered or closed after ${res.sentBeforeAnswer} bytes`);
    if (res.status === 0) continue;
    assert.equal(res.status, 413, res.text);
    return res;
  }
  assert.fail(`${url}: the connection was closed before a 413 could be read, 5 times: ${JSON.stringify(tries)}`);
}
