// The main job of a PayerMax integration, end to end on 127.0.0.1 with the
// bundled demo keys (run by scripts/demo):
//   1. build and sign a payout request (paymentOrderPay),
//   2. send it to a local gateway stand-in and verify its signed answer,
//   3. receive the gateway's signed notification on a webhook and verify it,
//   4. validate a payee's fields before paying out (no network call).
import http from "node:http";
import { readFileSync } from "node:fs";
import { PayerMax, validatePayee } from "payseal";
import { startPayerMaxStandIn, DEMO_APP_ID as APP_ID, DEMO_MERCHANT_NO as MERCHANT_NO } from "./payermax-standin.mjs";
import { payermaxWebhookHandler } from "./webhook-server.mjs";

const keys = (name) => readFileSync(new URL(`../demo-keys/${name}`, import.meta.url), "utf8");
const step = (n, text) => console.log(`\n${n}. ${text}`);
const show = (label, value) => console.log(`   ${label.padEnd(14)} ${value}`);

const gateway = await startPayerMaxStandIn({
  merchantPublicKey: keys("merchant-public.pem"),
  platformPrivateKey: keys("platform-private.pem"),
  appId: APP_ID,
  merchantNo: MERCHANT_NO,
});

const payermax = new PayerMax({
  appId: APP_ID,
  merchantNo: MERCHANT_NO,
  privateKey: keys("merchant-private.txt"), // one line of base64 PKCS#8, as the dashboard gives it
  platformPublicKey: keys("platform-public.txt"),
  baseUrl: gateway.url, // instead of environment: "sandbox" | "production"
});

const events = [];
const webhook = http.createServer(payermaxWebhookHandler(payermax, (n) => events.push(n)));
await new Promise((r) => webhook.listen(0, "127.0.0.1", r));
const notifyUrl = `http://127.0.0.1:${webhook.address().port}/webhooks/payermax`;

try {
  step(1, "Build and sign a payout request");
  const payout = {
    outTradeNo: `PAYOUT${Date.now()}`,
    country: "PE",
    trade: { amount: "150.00", currency: "PEN" },
    payeeInfo: {
      paymentMethodType: "BANK_TRANSFER",
      payeeType: "PERSONAL",
      accountInfo: { accountNo: "00219300247595201411", accountType: "CCI" },
      name: { firstName: "Rosa", lastName: "Quispe" },
      document: { documentType: "DNI", documentId: "12345678" },
    },
    notifyUrl,
  };
  const req = payermax.request("paymentOrderPay", payout);
  show("POST", req.url);
  show("body", `${req.body.slice(0, 96)}...`);
  show("sign", `${req.headers.sign.slice(0, 44)}...`);

  step(2, "Send it to the gateway stand-in and verify the signed answer");
  const res = await fetch(req.url, req);
  const answer = payermax.verifyResponse(await res.text(), res.headers.get("sign"));
  show("HTTP", res.status);
  show("verified", answer.verified);
  show("code", answer.code);
  show("status", answer.status);
  if (!answer.verified || !answer.ok) throw new Error(`the gateway refused the request: ${answer.code} ${answer.msg}`);

  step(3, "Receive the gateway's signed notification and verify it");
  // The stand-in, as the gateway, notifies the payout's result to its notifyUrl.
  await gateway.settled();
  const [delivered] = gateway.deliveries;
  if (!delivered) throw new Error("the stand-in sent no notification");
  show("webhook", `${delivered.kind} -> ${delivered.status} ${delivered.answer}`);
  const again = await fetch(notifyUrl, { method: "POST", headers: { "content-type": "application/json", sign: delivered.sign }, body: delivered.body });
  show("redelivery", `${again.status} ${await again.text()} (acknowledged, handled once)`);
  const forged = await fetch(notifyUrl, { method: "POST", headers: { sign: "Zm9yZ2Vk" }, body: JSON.stringify({ notifyType: "PAYOUT" }) });
  show("forged", `${forged.status} ${await forged.text()}`);
  if (events.length !== 1) throw new Error(`expected one handled event, got ${events.length}`);
  show("handled", `${events[0].notifyType} ${events[0].data.status} (eventKey ${events[0].eventKey})`);

  step(4, "Validate a payee before paying out (same answer shape as paymentFieldValidation)");
  // The payout as it would go to the real gateway: a public notifyUrl (the
  // stand-in above used a loopback one, which the rules rightly refuse).
  const record = { ...payout, notifyUrl: "https://shop.example.com/webhooks/payermax" };
  const typo = structuredClone(record);
  typo.payeeInfo.accountInfo.accountNo = "00219300247595201412"; // one digit wrong
  const report = validatePayee("payermax.payout.PE.BANK_TRANSFER", typo);
  show("validation", report.validationCode);
  for (const f of report.validationFailedFields) show(f.field, `${f.code}: ${f.errorMsg}`);
  const fixed = validatePayee("payermax.payout.PE.BANK_TRANSFER", record);
  show("after fixing", fixed.validationCode);
  if (report.validationCode !== "PARAMS_INVALID" || fixed.validationCode !== "PASS") throw new Error("unexpected validation result");

  console.log("\ndemo finished: request signed, answer and webhook verified, payee validated");
} finally {
  webhook.close();
  await gateway.close();
}
