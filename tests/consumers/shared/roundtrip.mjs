// The round trip every consumer project runs with the payseal it installed:
// sign (byte-identical to node:crypto), verify, a signed PayerMax request, a
// webhook read with readBody and verified, payee fields validated, errors of
// the one PaysealError class, and which engine ran the RSA operations. It
// takes the package's namespace as an argument and imports nothing by name,
// so that each project's own copy of payseal is the one tested.
import { MESSAGE, MERCHANT_KEY, MERCHANT_PUBLIC_KEY, PLATFORM_KEY, PLATFORM_PUBLIC_KEY, SIGNATURE } from "./keys.mjs";

function check(what, ok) {
  if (!ok) throw new Error(`round trip: ${what}`);
}

// How many RSA operations have run in node:crypto, WebCrypto and the wasm
// code in this process or isolate (payseal's counter for its tests, not API).
const operations = () => ({ native: 0, webCrypto: 0, wasm: 0, ...globalThis[Symbol.for("payseal.rsaOperations")] });

export async function roundTrip(payseal) {
  const before = operations();
  const { PayerMax, PaysealError, PrivateKey, sign, signAsync, verify, verifyAsync, validateField, validatePayee } = payseal;
  const key = PrivateKey.parse(MERCHANT_KEY);
  check("sign matches node:crypto", sign(key, MESSAGE) === SIGNATURE);
  check("signAsync matches node:crypto", (await signAsync(key, MESSAGE)) === SIGNATURE);
  check("verify", verify(MERCHANT_PUBLIC_KEY, MESSAGE, SIGNATURE));
  check("verifyAsync", await verifyAsync(key.publicKey(), MESSAGE, SIGNATURE));
  check("verify refuses a changed message", !verify(MERCHANT_PUBLIC_KEY, `${MESSAGE}.`, SIGNATURE));

  const payermax = new PayerMax({
    appId: "consumer-app", merchantNo: "M-1", privateKey: key, platformPublicKey: PLATFORM_PUBLIC_KEY, environment: "sandbox",
  });
  const req = payermax.request("orderQuery", { outTradeNo: "CONSUMER-1" });
  check("request signed over its body", verify(MERCHANT_PUBLIC_KEY, req.body, req.headers.sign));
  const hook = payermax.generateTestNotification({ notifyType: "PAYMENT", data: { outTradeNo: "CONSUMER-1", status: "SUCCESS" } }, PLATFORM_KEY);
  const notification = await payermax.verifyNotificationAsync(hook.body, hook.sign);
  check("webhook verified", notification.data.outTradeNo === "CONSUMER-1");
  // Where this round trip's RSA operations ran so far, for the driver to
  // check that each runtime took the path the README gives it. (A refused
  // signature, next, is verified again by the wasm code for its error.)
  const after = operations();
  const engines = Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));
  let refused;
  try {
    payermax.verifyNotification(hook.body.replace("SUCCESS", "FAILED"), hook.sign);
  } catch (e) {
    refused = e;
  }
  check("tampered webhook refused", refused instanceof PaysealError && refused.code === "SIGNATURE_INVALID");
  const raw = await payseal.readBody(new Response(hook.body));
  check("readBody gives the body's bytes", raw instanceof Uint8Array && new TextDecoder().decode(raw) === hook.body);
  let tooLarge;
  try {
    await payseal.readBody(new Response(hook.body), { limit: 10 });
  } catch (e) {
    tooLarge = e;
  }
  check("readBody refuses a body past its limit", tooLarge instanceof PaysealError && tooLarge.code === "INPUT_TOO_LARGE");

  check("CCI with a wrong check digit", validateField("pe.cci", "002-193-002475952014-12").code === "INVALID_CHECKSUM");
  const payee = validatePayee("payermax.payout.PE.BANK_TRANSFER", {
    country: "PE",
    payeeInfo: {
      paymentMethodType: "BANK_TRANSFER",
      accountInfo: { accountNo: "002-193-002475952014-11" },
      document: { documentType: "DNI", documentId: "10117410" },
      name: { firstName: "Rosa", lastName: "Quispe" },
      email: "rosa@example.com",
    },
  }, { parameters: { orderFields: false } });
  check("payee validated", payee.validationCode === "PASS");
  return { version: payseal.version, signature: SIGNATURE.slice(0, 12), payee: payee.validationCode, engines };
}

/**
 * Runs the round trip and reports it: in a page as `window.roundTrip` (the
 * driver reads it with Chromium), elsewhere as a `ROUNDTRIP {json}` line on
 * the console, throwing on failure so that the process exits non-zero.
 */
export async function report(payseal, runtime) {
  const page = typeof document !== "undefined";
  try {
    const result = { ok: true, runtime, ...(await roundTrip(payseal)) };
    if (page) globalThis.roundTrip = result;
    else console.log(`ROUNDTRIP ${JSON.stringify(result)}`);
  } catch (e) {
    if (!page) throw e;
    globalThis.roundTrip = { ok: false, runtime, error: String(e?.stack ?? e) };
  }
}
