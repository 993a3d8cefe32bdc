// The gateway stand-ins run on their own: `node www-example/node/<x>-standin.mjs`
// prints its URL and the environment to use, serves signed requests, and stops
// on Ctrl-C (SIGINT).
import test from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import crypto from "node:crypto";
import { PayerMax, Cashy } from "payseal";

const root = resolve(fileURLToPath(import.meta.url), "../../..");

/** Starts a stand-in as its own process; resolves once it has printed its last `export` line. */
export async function startStandInProcess(script, lastVariable) {
  const child = spawn(process.execPath, [script], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stderr.on("data", (d) => (out += d));
  await new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} printed no environment in 10 s:\n${out}`)), 10_000);
    child.stdout.on("data", (d) => {
      out += d;
      if (new RegExp(`^export ${lastVariable}=.*\\n`, "m").test(out)) {
        clearTimeout(timer);
        resolveReady();
      }
    });
    child.once("exit", (code) => reject(new Error(`${script} exited (${code}):\n${out}`)));
  });
  // The printed `export NAME=value` lines, `"$(cat file)"` read as the shell would.
  const env = {};
  for (const [, name, value] of out.matchAll(/^export (\w+)=(.*)$/gm)) {
    const cat = /^"\$\(cat (.+)\)"$/.exec(value);
    env[name] = cat ? readFileSync(resolve(root, cat[1]), "utf8").replace(/\n$/, "") : value;
  }
  const stop = () => new Promise((r) => {
    if (child.exitCode !== null) return r(child.exitCode);
    child.once("exit", (code, signal) => r(code ?? signal));
    child.kill("SIGINT");
  });
  return { out, env, stop, child };
}

test("the PayerMax stand-in runs on its own and serves a signed request", async () => {
  const standIn = await startStandInProcess("www-example/node/payermax-standin.mjs", "PAYERMAX_PLATFORM_PUBLIC_KEY");
  try {
    const { env, out } = standIn;
    const url = /^PayerMax stand-in on (http:\/\/127\.0\.0\.1:\d+) /.exec(out)?.[1];
    assert.ok(url, out);
    assert.equal(env.PAYERMAX_BASE_URL, url);
    assert.match(out, /merchant-private\.txt/);
    const payermax = new PayerMax({
      appId: env.PAYERMAX_APP_ID,
      merchantNo: env.PAYERMAX_MERCHANT_NO,
      privateKey: env.PAYERMAX_PRIVATE_KEY,
      platformPublicKey: env.PAYERMAX_PLATFORM_PUBLIC_KEY,
      baseUrl: env.PAYERMAX_BASE_URL,
    });
    const req = payermax.request("orderAndPay", {
      outTradeNo: "ORDER-1", subject: "plan", totalAmount: 10000, currency: "IDR", country: "ID", userId: "u-1",
      integrate: "Hosted_Checkout", frontCallbackUrl: "https://shop.example/return", notifyUrl: "https://shop.example/webhooks/payermax",
    });
    assert.ok(req.url.startsWith(`${url}/`), req.url);
    const res = await fetch(req.url, req);
    const answer = payermax.verifyResponse(await res.text(), res.headers.get("sign"), req);
    assert.equal(answer.verified, true);
    assert.equal(answer.code, "APPLY_SUCCESS");
    assert.equal(answer.data?.outTradeNo, "ORDER-1");
    assert.match(answer.data?.redirectUrl ?? "", /^http:\/\/127\.0\.0\.1:\d+\/cashier\/TP/);

    // Signed with another key: the stand-in refuses it (unsigned error answer).
    const other = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" });
    const forged = new PayerMax({ appId: env.PAYERMAX_APP_ID, merchantNo: env.PAYERMAX_MERCHANT_NO, privateKey: other, platformPublicKey: env.PAYERMAX_PLATFORM_PUBLIC_KEY, baseUrl: url });
    const bad = forged.request("orderQuery", { outTradeNo: "ORDER-1" });
    const refused = await fetch(bad.url, bad);
    const refusal = forged.verifyResponse(await refused.text(), refused.headers.get("sign"));
    assert.deepEqual([refusal.verified, refusal.ok, refusal.code], [false, false, "SIGN_VERIFY_FAILED"]);
  } finally {
    assert.equal(await standIn.stop(), 0);
  }
});

test("the Cashy stand-in runs on its own and serves a signed payout", async () => {
  const standIn = await startStandInProcess("www-example/node/cashy-standin.mjs", "CASHY_API_KEY");
  try {
    const { env, out } = standIn;
    const url = /^Cashy stand-in on (http:\/\/127\.0\.0\.1:\d+) /.exec(out)?.[1];
    assert.ok(url, out);
    assert.equal(env.CASHY_BASE_URL, url);
    const cashy = new Cashy({ merchantId: env.CASHY_MERCHANT_ID, apiKey: env.CASHY_API_KEY, baseUrl: env.CASHY_BASE_URL });
    const req = cashy.payout({
      accountName: "Rosa Quispe", accountNo: "19312345678901", cciAccountNo: "00219300247595201411", accountType: 1,
      currency: "PEN", amount: 150.5, bankId: 12, mchOrderNo: "P1", notifyUrl: "https://shop.example.com/webhooks/cashy",
      idType: "DNI", idCard: "10117410", remark: "payout",
    });
    const answer = cashy.verifyResponse(await (await fetch(req.url, req)).text());
    assert.equal(answer.ok, true, answer.msg);
    const query = cashy.payoutQuery({ orderNo: answer.data.orderNo });
    const queried = cashy.verifyResponse(await (await fetch(query.url, query)).text());
    assert.deepEqual([queried.ok, queried.data.mchOrderNo], [true, "P1"]);

    // Another API key: the stand-in refuses the Sign.
    const wrong = new Cashy({ merchantId: env.CASHY_MERCHANT_ID, apiKey: "not-the-key", baseUrl: url });
    const bad = wrong.payoutQuery({ orderNo: answer.data.orderNo });
    const refusal = wrong.verifyResponse(await (await fetch(bad.url, bad)).text());
    assert.deepEqual([refusal.ok, refusal.msg], [false, "sign error"]);
  } finally {
    assert.equal(await standIn.stop(), 0);
  }
});
