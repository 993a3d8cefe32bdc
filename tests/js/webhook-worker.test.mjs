// www-example/worker served by workerd on 127.0.0.1.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import http from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startWorker } from "./workerd.mjs";
import { webhookCases, notification, signWith, refusedEarly, rssOf, APP_ID, MERCHANT_NO, PLATFORM_PUBLIC_KEY } from "./webhook-cases.mjs";

const entry = fileURLToPath(new URL("../../www-example/worker/src/index.js", import.meta.url));
const bindings = { PAYERMAX_APP_ID: APP_ID, PAYERMAX_MERCHANT_NO: MERCHANT_NO, PAYERMAX_PLATFORM_PUBLIC_KEY: PLATFORM_PUBLIC_KEY, CASHY_MERCHANT_ID: "1", CASHY_API_KEY: "k", CASHY_BASE_URL: "https://c.example" };
const ACK = '{"code":"SUCCESS","msg":"Success"}';

let worker;
before(async () => {
  worker = await startWorker(entry, { bindings, durableObjects: { HANDLED_EVENTS: "HandledEvents" } });
});
after(() => worker?.stop());

const post = (path) => async (body, headers) => {
  const res = await fetch(worker.url + path, { method: "POST", headers, body });
  return { status: res.status, text: await res.text() };
};

test("PayerMax webhooks in the Worker example (workerd)", async (t) => {
  await webhookCases(t, post("/webhooks/payermax"));
  const res = await fetch(worker.url + "/webhooks/payermax");
  assert.equal(res.status, 405);
  assert.equal((await fetch(worker.url + "/nope", { method: "POST" })).status, 404);
  assert.doesNotMatch(worker.log(), /Uncaught|panicked|RuntimeError|unreachable/);
});

test("1500 malformed requests to both routes, then a good one still succeeds (workerd)", async () => {
  const { notification, signWith } = await import("./webhook-cases.mjs");
  let seed = 88172645;
  const rand = (n) => {
    seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
    return seed % n;
  };
  const bodies = [
    () => "", () => "{", () => "null", () => "[]", () => '{"code":', () => "x".repeat(rand(3000)),
    () => new Uint8Array(Array.from({ length: rand(400) }, () => rand(256))),
    () => JSON.stringify({ deep: JSON.parse("[".repeat(300) + "]".repeat(300)) }),
    () => notification({ notifyTime: "not a time" }), () => notification({ keyVersion: { nested: true } }),
    () => notification().replace("SUCCESS", "FAILED"), () => "\ud800\udc00\uffff".repeat(rand(50)),
  ];
  const signs = [undefined, "", "junk", "A".repeat(5000), "=".repeat(344), signWith("other"), "%%%%", "c2lnbg=="];
  const statuses = new Map();
  const one = async () => {
    const route = rand(2) ? "/webhooks/payermax" : "/webhooks/cashy";
    const headers = {};
    const s = signs[rand(signs.length)];
    if (s !== undefined) headers.sign = s;
    const res = await fetch(worker.url + route, { method: rand(10) ? "POST" : "PUT", headers, body: bodies[rand(bodies.length)]() });
    await res.arrayBuffer();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  };
  for (let i = 0; i < 1500; i += 10) await Promise.all(Array.from({ length: 10 }, one));
  assert.deepEqual([...statuses.keys()].filter((s) => s >= 500), [], JSON.stringify([...statuses]));
  const body = notification({ data: { outTradeNo: "AFTER-TORTURE" } });
  const res = await fetch(`${worker.url}/webhooks/payermax`, { method: "POST", headers: { sign: signWith(body) }, body });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '{"code":"SUCCESS","msg":"Success"}');
  assert.doesNotMatch(worker.log(), /Uncaught|panicked|RuntimeError|unreachable/);
});

test("a 100 MB chunked body: 413 once past 1 MiB, workerd's memory flat, then a valid notification is acknowledged", async () => {
  const MiB = 1024 * 1024;
  const good = notification({ data: { outTradeNo: "BEFORE-BIG" } });
  assert.equal((await fetch(`${worker.url}/webhooks/payermax`, { method: "POST", headers: { sign: signWith(good) }, body: good })).status, 200);
  const before = rssOf(worker.pid);
  for (const route of ["/webhooks/payermax", "/webhooks/cashy"]) {
    const res = await refusedEarly(worker.url + route, 100 * MiB, { sign: "c2lnbg==" });
    assert.equal(res.text, '{"error":"INPUT_TOO_LARGE"}');
  }
  const after = rssOf(worker.pid);
  assert.ok(after - before < 24 * MiB, `workerd grew from ${before} to ${after} bytes`);
  const body = notification({ data: { outTradeNo: "AFTER-BIG" } });
  const res = await fetch(`${worker.url}/webhooks/payermax`, { method: "POST", headers: { sign: signWith(body) }, body });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '{"code":"SUCCESS","msg":"Success"}');
});

// The order service the Worker hands events to (its ORDERS service binding):
// a node:http server on 127.0.0.1 that records each call and takes 150 ms to
// answer, so that concurrent deliveries overlap the handling.
async function orderService() {
  const calls = [];
  const service = { calls, failing: false };
  const server = http.createServer((req, res) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (d) => (text += d));
    req.on("end", () => {
      calls.push({ path: req.url, event: JSON.parse(text) });
      setTimeout(() => res.writeHead(service.failing ? 500 : 200).end(), 150);
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  service.address = `127.0.0.1:${server.address().port}`;
  service.close = () => server.close();
  return service;
}

test("handled once, in a Durable Object with SQLite storage: 20 concurrent deliveries, then again after workerd restarts", async () => {
  const orders = await orderService();
  const storageDir = mkdtempSync(join(tmpdir(), "payseal-handled-"));
  const start = () => startWorker(entry, { bindings, durableObjects: { HANDLED_EVENTS: "HandledEvents" }, storageDir, services: { ORDERS: orders.address } });
  const deliver = async (w, route, body, sign, times) => Promise.all(Array.from({ length: times }, async () => {
    const res = await fetch(w.url + route, { method: "POST", headers: { sign }, body });
    return [res.status, await res.text()];
  }));
  const handled = (outTradeNo) => orders.calls.filter((c) => c.event.data?.outTradeNo === outTradeNo).length;

  const body = notification({ data: { outTradeNo: "ONCE-1", tradeToken: "T-ONCE-1", status: "SUCCESS" } });
  const other = notification({ data: { outTradeNo: "ONCE-2", tradeToken: "T-ONCE-2", status: "SUCCESS" } });
  const cashyBody = JSON.stringify({ orderNo: "C-ONCE", mchOrderNo: "P-ONCE", orderStatus: "SUCCESS", resultDesc: "ok" });
  const cashySign = crypto.createHash("md5").update(cashyBody + "k").digest("hex").toUpperCase();
  let w = await start();
  try {
    const [first, second, cashyAnswers] = await Promise.all([
      deliver(w, "/webhooks/payermax", body, signWith(body), 20),
      deliver(w, "/webhooks/payermax", other, signWith(other), 20),
      deliver(w, "/webhooks/cashy", cashyBody, cashySign, 20),
    ]);
    assert.deepEqual(first, Array(20).fill([200, ACK]));
    assert.deepEqual(second, Array(20).fill([200, ACK]));
    assert.deepEqual(cashyAnswers, Array(20).fill([200, "SUCCESS"]));
    assert.equal(handled("ONCE-1"), 1);
    assert.equal(handled("ONCE-2"), 1);
    assert.equal(orders.calls.filter((c) => c.path === "/cashy" && c.event.orderNo === "C-ONCE").length, 1);
    assert.equal(w.log().match(/payermax PAYMENT PAYMENT:T-ONCE-1:/g)?.length, 1);

    await w.stop();
    w = await start();
    assert.deepEqual(await deliver(w, "/webhooks/payermax", body, signWith(body), 5), Array(5).fill([200, ACK]));
    assert.deepEqual(await deliver(w, "/webhooks/cashy", cashyBody, cashySign, 5), Array(5).fill([200, "SUCCESS"]));
    assert.equal(handled("ONCE-1"), 1);
    assert.equal(orders.calls.filter((c) => c.path === "/cashy").length, 1);
    assert.doesNotMatch(w.log(), /T-ONCE-1|C-ONCE/);

    // A handling that fails is not recorded: 503 (the gateway retries), and the retry handles it.
    const failing = notification({ data: { outTradeNo: "ONCE-3", tradeToken: "T-ONCE-3", status: "SUCCESS" } });
    orders.failing = true;
    assert.deepEqual(await deliver(w, "/webhooks/payermax", failing, signWith(failing), 3), Array(3).fill([503, '{"error":"TRY_AGAIN"}']));
    orders.failing = false;
    assert.deepEqual(await deliver(w, "/webhooks/payermax", failing, signWith(failing), 3), Array(3).fill([200, ACK]));
    assert.equal(handled("ONCE-3"), 2);
    assert.deepEqual(await deliver(w, "/webhooks/payermax", failing, signWith(failing), 3), Array(3).fill([200, ACK]));
    assert.equal(handled("ONCE-3"), 2);
    assert.doesNotMatch(w.log(), /Uncaught|panicked|RuntimeError|unreachable/);
  } finally {
    await w.stop();
    orders.close();
  }
});

test("every callback of the description through the Worker example's typed entries (workerd)", async () => {
  const { readFileSync } = await import("node:fs");
  const spec = JSON.parse(readFileSync(new URL("../../../shared/reference/payermax-openapi.json", import.meta.url), "utf8"));
  // The bill service: GET /bills/<referenceNo> answers the bill's limits, 404 when unknown; POSTs are recorded.
  const posted = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (d) => (text += d));
    req.on("end", () => {
      if (req.method === "GET") {
        if (req.url === "/bills/TEST100001") return res.writeHead(200, { "content-type": "application/json" }).end('{"minAmount":20,"maxAmount":300,"currency":"PHP"}');
        return res.writeHead(404).end();
      }
      posted.push({ path: req.url, event: JSON.parse(text) });
      res.writeHead(200).end();
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const storageDir = mkdtempSync(join(tmpdir(), "payseal-callbacks-"));
  const w = await startWorker(entry, { bindings, durableObjects: { HANDLED_EVENTS: "HandledEvents" }, storageDir, services: { ORDERS: `127.0.0.1:${server.address().port}` } });
  const send = async (route, body) => {
    const res = await fetch(w.url + route, { method: "POST", headers: { "content-type": "application/json", sign: signWith(body) }, body });
    return [res.status, await res.text()];
  };
  try {
    const callbacks = Object.entries(spec.paths).filter(([path]) => !path.startsWith("/aggregate-pay/") && path !== "/pageReturn");
    assert.equal(callbacks.length, 17);
    const seen = [];
    for (const [path, item] of callbacks) {
      const content = item.post.requestBody.content["application/json"];
      const body = structuredClone(content.example ?? Object.values(content.examples)[0].value);
      for (const [field, value] of [["appId", APP_ID], ["merchantAppId", APP_ID], ["merchantNo", MERCHANT_NO]]) if (field in body) body[field] = value;
      if ("notifyTime" in body) body.notifyTime = new Date().toISOString();
      const text = JSON.stringify(body);
      if (path === "/billPaymentValidationUrl") {
        const [status, answer] = await send("/webhooks/payermax/bill-validation", text);
        assert.equal(status, 200, answer);
        assert.deepEqual(JSON.parse(answer), { code: "SUCCESS", msg: "Success", data: { referenceNo: "TEST100001", minAmount: 20, maxAmount: 300, currency: "PHP", confirmation: "Y" } });
        const unknown = JSON.stringify({ ...body, referenceNo: "NO-SUCH-BILL" });
        assert.match((await send("/webhooks/payermax/bill-validation", unknown))[1], /"confirmation":"N","failureReason":"unknown bill"/);
        // Only what it is: a notification or an RFI sent here is refused.
        seen.push("billPaymentValidation");
      } else if (path === "/rfiNotifyUrl") {
        assert.deepEqual(await send("/webhooks/payermax/rfi", text), [200, ACK]);
        assert.equal((await send("/webhooks/payermax", text))[0], 401, "an RFI is not an envelope notification");
        assert.equal((await send("/webhooks/payermax/bill-validation", text))[0], 401, "an RFI is not a bill validation");
        seen.push("rfi");
      } else {
        assert.deepEqual(await send("/webhooks/payermax", text), [200, ACK], path);
        assert.equal((await send("/webhooks/payermax/rfi", text))[0], 401, `${path} is not an RFI`);
        assert.equal((await send("/webhooks/payermax/bill-validation", text))[0], 401, `${path} is not a bill validation`);
        seen.push(body.notifyType);
      }
    }
    assert.equal(seen.length, 17);
    // Each event was handed to the order service once, with its kind.
    assert.equal(posted.filter((p) => p.path === "/rfi").length, 1);
    assert.equal(posted.filter((p) => p.path === "/payermax").length, 15);
    const log = w.log();
    assert.match(log, /payermax PAYOUT PAYOUT:\S+ \{"payout":"/);
    assert.match(log, /payermax REPAYMENT_RECEIPT \S+ \{"bill":"TEST100001"/);
    assert.match(log, /payermax DISPUTE \S+ \{"case":"/);
    assert.match(log, /payermax rfi testRFINo001 REVIEW/);
    assert.doesNotMatch(log, /Uncaught|panicked|RuntimeError|unreachable/);
  } finally {
    await w.stop();
    server.close();
  }
});
