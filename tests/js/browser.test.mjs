// The browser entry and the payee form in real headless Chromium
// (playwright-core driving Debian's /usr/bin/chromium; no browser download).
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { createServer } from "../../www-example/browser/serve.mjs";

let server;
let browser;
let base;
before(async () => {
  server = createServer();
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});
after(async () => {
  await browser?.close();
  server?.close();
});

test("the payee form validates a CCI as the user types, with no network call", async () => {
  const page = await browser.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${base}/`);
  await page.waitForSelector("body[data-ready=true]");
  await page.selectOption("#country", "PE");
  await page.fill("#firstName", "Rosa");
  await page.fill("#lastName", "Quispe");
  await page.fill("#accountNo", "002-193-002475952014-12");
  const msg = page.locator('.msg[data-for="accountNo"]');
  await assert.doesNotReject(msg.waitFor());
  assert.match(await msg.textContent(), /CCI check digit does not match/);
  assert.equal(await msg.getAttribute("data-code"), "INVALID_CHECKSUM");
  await page.fill("#accountNo", "002-193-002475952014-11");
  assert.match(await msg.textContent(), /looks right/);
  await page.selectOption("#documentType", "DNI");
  await page.fill("#documentId", "10117410");
  await page.fill("#phone", "912 345 678");
  await page.fill("#email", "rosa@example.com");
  assert.equal(await page.locator("#summary").getAttribute("data-code"), "PASS");
  assert.match(await page.locator("#summary").textContent(), /ready to pay out/);
  mkdirSync("tests/js/.tmp", { recursive: true });
  await page.screenshot({ path: "tests/js/.tmp/browser-form.png", fullPage: true });
  // Brazil: a CPF with a wrong check digit.
  await page.selectOption("#country", "BR");
  await page.selectOption("#documentType", "CPF");
  await page.fill("#documentId", "390.533.447-06");
  assert.equal(await page.locator('.msg[data-for="documentId"]').getAttribute("data-code"), "INVALID_CHECKSUM");
  // An Indonesian wallet: DANA, the account its phone number.
  await page.selectOption("#documentType", "");
  await page.fill("#documentId", "");
  await page.selectOption("#country", "ID");
  await page.selectOption("#method", "WALLET");
  await page.fill("#accountNo", "0812 3232 33332");
  assert.equal(await page.locator("#summary").getAttribute("data-code"), "PARAMS_INVALID"); // no wallet chosen yet
  await page.selectOption("#targetOrg", "GCASH");
  assert.equal(await page.locator('.msg[data-for="targetOrg"]').getAttribute("data-code"), "NOT_ALLOWED");
  await page.selectOption("#targetOrg", "DANA");
  assert.match(await msg.textContent(), /looks right/);
  assert.equal(await page.locator("#summary").getAttribute("data-code"), "PASS");
  assert.match(await page.locator("#summary").textContent(), /payermax\.payout\.ID\.WALLET/);
  await page.fill("#accountNo", "+63 917 123 4567");
  assert.equal(await msg.getAttribute("data-code"), "INVALID_FORMAT");
  assert.match(await msg.textContent(), /Indonesian mobile number/);
  await page.selectOption("#country", "PE");
  assert.equal(await page.locator("#summary").getAttribute("data-code"), "NO_RULE_SET");
  assert.deepEqual(errors, []);
  const foreign = requests.filter((u) => !u.startsWith(base));
  assert.deepEqual(foreign, []);
  assert.ok(requests.some((u) => u.endsWith("/payseal/payseal.wasm")));
});

test("the browser entry signs and verifies like node:crypto, ready on import", async () => {
  const { generateKeyPairSync, sign } = await import("node:crypto");
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" });
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  const out = await page.evaluate(async (pem) => {
    const p = await import("/payseal/browser.mjs");
    const key = p.PrivateKey.parse(pem);
    const s = p.sign(key, "héllo");
    return {
      s,
      a: await p.signAsync(key, "héllo"),
      ok: p.verify(key.publicKey(), "héllo", s),
      okAsync: await p.verifyAsync(key.publicKey(), "héllo", s),
      diagnosis: p.diagnoseSignature(key.publicKey(), "\uFEFFhéllo", s),
      pairs: p.checkKeyPair(key, key.publicKey()).matches,
    };
  }, pem);
  assert.equal(out.s, sign("sha256", Buffer.from("héllo"), privateKey).toString("base64"));
  assert.equal(out.a, out.s);
  assert.equal(out.ok, true);
  assert.equal(out.okAsync, true);
  assert.deepEqual([out.diagnosis.verdict, out.diagnosis.variant], ["BODY_CHANGED", "bom-removed"]);
  assert.equal(out.pairs, true);
});

test("warmUp runs in Chromium and changes no answer", async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  const out = await page.evaluate(async () => {
    const p = await import("/payseal/browser.mjs");
    const data = { country: "PE", payeeInfo: { paymentMethodType: "BANK_TRANSFER", accountInfo: { accountNo: "002-193-002475952014-12" } } };
    const before = p.validatePayee("payermax.payout.PE.BANK_TRANSFER", data);
    const warmed = p.warmUp();
    return { warmed: warmed === undefined, same: JSON.stringify(p.validatePayee("payermax.payout.PE.BANK_TRANSFER", data)) === JSON.stringify(before), code: before.validationCode };
  });
  assert.deepEqual(out, { warmed: true, same: true, code: "PARAMS_INVALID" });
});
