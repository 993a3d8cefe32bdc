// The node:http example receiver, on 127.0.0.1.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { PayerMax } from "payseal";
import { payermaxWebhookHandler } from "../../www-example/node/webhook-server.mjs";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { webhookCases, notification, signWith, postChunked, rssOf, APP_ID, MERCHANT_NO, PLATFORM_PUBLIC_KEY } from "./webhook-cases.mjs";
import { freePort } from "./workerd.mjs";

const serverScript = fileURLToPath(new URL("../../www-example/node/webhook-server.mjs", import.meta.url));
const ACK = '{"code":"SUCCESS","msg":"Success"}';

/** www-example/node/webhook-server.mjs run as its own process, as a merchant runs it. */
async function startServerProcess(env = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [serverScript], {
    env: { ...process.env, HANDLED_EVENTS_DB: join(mkdtempSync(join(tmpdir(), "payseal-handled-")), "events.sqlite"), PORT: String(port), PAYERMAX_APP_ID: APP_ID, PAYERMAX_MERCHANT_NO: MERCHANT_NO, PAYERMAX_PLATFORM_PUBLIC_KEY: PLATFORM_PUBLIC_KEY, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  await new Promise((resolve, reject) => {
    const check = () => (/listening on/.test(output) ? resolve() : undefined);
    child.stdout.on("data", check);
    child.once("exit", (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    pid: child.pid,
    output: () => output,
    stop: () => new Promise((r) => {
      if (child.exitCode !== null) return r();
      child.once("exit", r);
      child.kill();
    }),
  };
}

const events = [];
let server;
let url;
before(async () => {
  const payermax = new PayerMax({ appId: APP_ID, merchantNo: MERCHANT_NO, platformPublicKey: PLATFORM_PUBLIC_KEY });
  server = http.createServer(payermaxWebhookHandler(payermax, (n) => events.push(n)));
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${server.address().port}/`;
});
after(() => server?.close());

test("PayerMax webhooks in the Node example", async (t) => {
  await webhookCases(t, async (body, headers) => {
    const res = await fetch(url, { method: "POST", headers, body });
    return { status: res.status, text: await res.text() };
  });
  // Handled once per event: the redelivered PAYMENT was acknowledged but not handled twice.
  const keys = events.map((e) => e.eventKey);
  assert.equal(new Set(keys).size, keys.length);
  assert.ok(events.some((e) => e.notifyType === "SOMETHING_NEW" && e.knownType === false));
  assert.equal((await fetch(url)).status, 405);
});

test("a failure in the merchant's own handler asks for a retry (503), not 500", async () => {
  const payermax = new PayerMax({ appId: APP_ID, merchantNo: MERCHANT_NO, platformPublicKey: PLATFORM_PUBLIC_KEY });
  const failing = http.createServer(payermaxWebhookHandler(payermax, () => { throw new Error("database down"); }));
  await new Promise((r) => failing.listen(0, "127.0.0.1", r));
  try {
    const body = notification();
    const res = await fetch(`http://127.0.0.1:${failing.address().port}/`, { method: "POST", headers: { sign: signWith(body) }, body });
    assert.equal(res.status, 503);
  } finally {
    failing.close();
  }
});

test("a 100 MB chunked body to the server process: 413 once past 1 MiB, memory flat, then a valid notification is acknowledged", async () => {
  const MiB = 1024 * 1024;
  const server = await startServerProcess();
  try {
    const good = notification({ data: { outTradeNo: "BEFORE-BIG" } });
    assert.equal((await fetch(server.url, { method: "POST", headers: { sign: signWith(good) }, body: good })).status, 200);
    const before = rssOf(server.pid);
    for (let i = 0; i < 2; i++) {
      // The server lingers before closing: the 413 is read on the first try.
      const res = await postChunked(server.url, 100 * MiB, { sign: "c2lnbg==" });
      assert.equal(res.status, 413, res.text);
      assert.equal(res.text, '{"error":"INPUT_TOO_LARGE"}');
      assert.ok(res.sentBeforeAnswer < 32 * MiB, `answered after ${res.sentBeforeAnswer} bytes`);
    }
    const after = rssOf(server.pid);
    assert.ok(after - before < 24 * MiB, `the server grew from ${before} to ${after} bytes`);
    const body = notification({ data: { outTradeNo: "AFTER-BIG" } });
    const res = await fetch(server.url, { method: "POST", headers: { sign: signWith(body) }, body });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), ACK);
    assert.match(server.output(), /notification PAYMENT PAYMENT:AFTER-BIG/);
  } finally {
    await server.stop();
  }
});

// The order service the server hands events to (ORDERS_URL): a node:http
// server on 127.0.0.1 that records each call and takes 150 ms to answer, so
// that concurrent deliveries overlap the handling.
async function orderService() {
  const service = { calls: [], failing: false };
  const server = http.createServer((req, res) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (d) => (text += d));
    req.on("end", () => {
      service.calls.push(JSON.parse(text));
      setTimeout(() => res.writeHead(service.failing ? 500 : 200).end(), 150);
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  service.url = `http://127.0.0.1:${server.address().port}/orders`;
  service.close = () => server.close();
  return service;
}

const deliver = (url, body, times) => Promise.all(Array.from({ length: times }, async () => {
  const res = await fetch(url, { method: "POST", headers: { sign: signWith(body) }, body });
  return [res.status, await res.text()];
}));

test("handled once, recorded in SQLite: 20 concurrent deliveries, again after a restart, and two processes on one file", async () => {
  const orders = await orderService();
  const HANDLED_EVENTS_DB = join(mkdtempSync(join(tmpdir(), "payseal-handled-")), "events.sqlite");
  const env = { HANDLED_EVENTS_DB, ORDERS_URL: orders.url };
  const handled = (outTradeNo) => orders.calls.filter((c) => c.data.outTradeNo === outTradeNo).length;
  const event = (outTradeNo) => notification({ data: { outTradeNo, tradeToken: `T-${outTradeNo}`, status: "SUCCESS" } });
  const [one, two, three, four] = ["ONCE-1", "ONCE-2", "ONCE-3", "ONCE-4"].map(event);
  let server = await startServerProcess(env);
  let second;
  try {
    const [a, b] = await Promise.all([deliver(server.url, one, 20), deliver(server.url, two, 20)]);
    assert.deepEqual(a, Array(20).fill([200, ACK]));
    assert.deepEqual(b, Array(20).fill([200, ACK]));
    assert.equal(handled("ONCE-1"), 1);
    assert.equal(handled("ONCE-2"), 1);
    assert.equal(server.output().match(/notification PAYMENT PAYMENT:T-ONCE-1:/g)?.length, 1);

    await server.stop();
    server = await startServerProcess(env);
    assert.deepEqual(await deliver(server.url, one, 5), Array(5).fill([200, ACK]));
    assert.equal(handled("ONCE-1"), 1);
    assert.doesNotMatch(server.output(), /T-ONCE-1/);

    // Two processes on the same file, the same event delivered to both at once.
    second = await startServerProcess(env);
    const [viaFirst, viaSecond] = await Promise.all([deliver(server.url, three, 10), deliver(second.url, three, 10)]);
    assert.deepEqual([...viaFirst, ...viaSecond], Array(20).fill([200, ACK]));
    assert.equal(handled("ONCE-3"), 1);

    // A handling that fails is not recorded: 503 (PayerMax retries), and the retry handles it.
    orders.failing = true;
    assert.deepEqual(await deliver(server.url, four, 3), Array(3).fill([503, '{"error":"TRY_AGAIN"}']));
    orders.failing = false;
    assert.deepEqual(await deliver(second.url, four, 3), Array(3).fill([200, ACK]));
    assert.deepEqual(await deliver(server.url, four, 3), Array(3).fill([200, ACK]));
    assert.equal(handled("ONCE-4"), 2);
  } finally {
    await server.stop();
    await second?.stop();
    orders.close();
  }
});

test("openHandledEvents: a claim whose process died is taken over once its lease runs out; forgetBefore", async () => {
  const { openHandledEvents } = await import("../../www-example/node/handled-events.mjs");
  const file = join(mkdtempSync(join(tmpdir(), "payseal-handled-")), "events.sqlite");
  const crashed = openHandledEvents(file, { leaseMs: 300 });
  // A handler that never finishes: its process is gone with the claim taken.
  void crashed.once("K", () => new Promise(() => {}));
  const other = openHandledEvents(file, { leaseMs: 300 });
  const started = Date.now();
  let runs = 0;
  assert.equal(await other.once("K", () => { runs++; }), true);
  assert.ok(Date.now() - started >= 250, "taken over before the lease ran out");
  assert.equal(runs, 1);
  assert.equal(other.handled("K"), true);
  assert.equal(await other.once("K", () => { runs++; }), false);
  assert.equal(runs, 1);
  // Forgetting: only keys handled before the date.
  assert.equal(other.forgetBefore(new Date(started - 60_000)), 0);
  assert.equal(other.handled("K"), true);
  assert.equal(other.forgetBefore(new Date(Date.now() + 1)), 1);
  assert.equal(other.handled("K"), false);
  crashed.close();
  other.close();
});
