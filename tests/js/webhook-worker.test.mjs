// www-example/worker served by workerd on 127.0.0.1.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { startWorker } from "./workerd.mjs";
import { webhookCases, notification, signWith, postChunked, rssOf, APP_ID, MERCHANT_NO, PLATFORM_PUBLIC_KEY } from "./webhook-cases.mjs";

let worker;
before(async () => {
  worker = await startWorker(fileURLToPath(new URL("../../www-example/worker/src/index.js", import.meta.url)), {
    bindings: { PAYERMAX_APP_ID: APP_ID, PAYERMAX_MERCHANT_NO: MERCHANT_NO, PAYERMAX_PLATFORM_PUBLIC_KEY: PLATFORM_PUBLIC_KEY, CASHY_MERCHANT_ID: "1", CASHY_API_KEY: "k", CASHY_BASE_URL: "https://c.example" },
  });
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
    const res = await postChunked(worker.url + route, 100 * MiB, { sign: "c2lnbg==" });
    assert.equal(res.status, 413, res.text);
    assert.equal(res.text, '{"error":"INPUT_TOO_LARGE"}');
    assert.ok(res.sentBeforeAnswer < 32 * MiB, `${route}: answered after ${res.sentBeforeAnswer} bytes`);
  }
  const after = rssOf(worker.pid);
  assert.ok(after - before < 24 * MiB, `workerd grew from ${before} to ${after} bytes`);
  const body = notification({ data: { outTradeNo: "AFTER-BIG" } });
  const res = await fetch(`${worker.url}/webhooks/payermax`, { method: "POST", headers: { sign: signWith(body) }, body });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '{"code":"SUCCESS","msg":"Success"}');
});
