// The node:http example receiver, on 127.0.0.1.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { PayerMax } from "payseal";
import { payermaxWebhookHandler } from "../../www-example/node/webhook-server.mjs";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { webhookCases, notification, signWith, postChunked, rssOf, APP_ID, MERCHANT_NO, PLATFORM_PUBLIC_KEY } from "./webhook-cases.mjs";
import { freePort } from "./workerd.mjs";

const serverScript = fileURLToPath(new URL("../../www-example/node/webhook-server.mjs", import.meta.url));
const ACK = '{"code":"SUCCESS","msg":"Success"}';

/** www-example/node/webhook-server.mjs run as its own process, as a merchant runs it. */
async function startServerProcess(env = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [serverScript], {
    env: { ...process.env, PORT: String(port), PAYERMAX_APP_ID: APP_ID, PAYERMAX_MERCHANT_NO: MERCHANT_NO, PAYERMAX_PLATFORM_PUBLIC_KEY: PLATFORM_PUBLIC_KEY, ...env },
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
