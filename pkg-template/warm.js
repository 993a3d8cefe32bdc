// warmUp(): payseal's main paths, run once on built-in sample data, so that
// the engine compiles their code before the first real call needs it. JS
// engines compile each function, JS or wasm, on its first call (and run it
// slower the first time): in a fresh isolate, the first verified
// notification costs several milliseconds more than the next. A Cloudflare
// Worker that calls warmUp() at module top level pays that at startup (its
// global scope, limited to 1 s) instead of in its first request's CPU time.
// No key of the caller, no randomness, no I/O, nothing kept but what the
// first real call would have made (compiled code, the rule sets it reads).
import { guarded, invalid } from "./error.js";
import { PayerMax, warmerOf } from "./payermax.js";
import { validatePayee } from "./payee.js";

// An RSA-2048 public key made for this sample only (its private half was
// not kept): the client below never verifies anything with it.
const SAMPLE_KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAoZPkXujFmgtUa8EmO3UQW9HuYCw/+6RPFu7usMQMlF5lGZ94MZ3hrAe6gGRYS07SpwiRfQzQE69ZjeJBuBGqcJY6NA+VPH1AQzooH/NV9rNFfCbpJxse7bPqBFTryJmLDFf2tar+6eIXKS06wHvUDFGZvp/W4M+zTRsmxv642ITC5Vy2i55me80+BJlfE5i8FJJgdAOouJId5iaNHAkRe4v2X+KAjZDE3B0HdmDsG6aqH9GSTl2FXJ0y8A4aHtlwM9qxB6+nsWrADnh3p179RkOdJSNv66/c2fz1cX6VdZrRDMZfwVR3UZpSNcy/5AekAnxL09fLQYwxQYD/TpNXlQIDAQAB";

const SAMPLE_CLIENT = { appId: "warm-up", merchantNo: "warm-up", platformPublicKey: SAMPLE_KEY };

// A PAYMENT notification as the gateway sends one, at the Unix epoch (a
// Worker's clock reads 0 at top level).
const NOTIFICATION = JSON.stringify({
  code: "APPLY_SUCCESS", msg: "Success", keyVersion: "1", appId: "warm-up", merchantNo: "warm-up",
  notifyTime: "1970-01-01T00:00:00.000Z", notifyType: "PAYMENT",
  data: { outTradeNo: "WARM-UP", tradeToken: "T1", status: "SUCCESS", country: "PE", totalAmount: 150, currency: "PEN" },
});

// A payee as a payout form sends it, and the payout order around it.
const PAYEE = {
  country: "PE",
  payeeInfo: {
    paymentMethodType: "BANK_TRANSFER", payeeType: "PERSONAL", accountInfo: { accountNo: "00219300247595201411" },
    name: { firstName: "Rosa", lastName: "Quispe" }, document: { documentType: "DNI", documentId: "10117410" }, email: "rosa@example.com",
  },
};
const PAYOUT = { outTradeNo: "WARM-UP", ...PAYEE, trade: { amount: "150.00", currency: "PEN" }, notifyUrl: "https://shop.example.com/payouts" };

// Each path takes the sample client, made once per warmUp call when a path
// needs it.
const PATHS = {
  // new PayerMax, reading its key, and what verifyNotification(Async) does
  // besides the signature check, PAYMENT data schema included.
  notifications: (client) => warmerOf(PayerMax)(client(), NOTIFICATION, 0),
  // What request() checks before signing a payout: its schema, and the
  // payee rule engine with the built-in rule sets.
  requests: (client) => client().check("paymentOrderPay", PAYOUT),
  // validatePayee (the rule engine and the built-in rule sets).
  payees: () => validatePayee("payermax.payout.PE.BANK_TRANSFER", PAYEE),
};

/**
 * Runs the given paths ("notifications", "requests", "payees"; all by
 * default) on sample data so that the engine compiles their code now.
 */
export const warmUp = guarded((paths = Object.keys(PATHS)) => {
  if (!Array.isArray(paths) || paths.some((p) => !Object.hasOwn(PATHS, p))) {
    throw invalid(`warmUp takes a list of paths to warm up, some of ${Object.keys(PATHS).map((p) => JSON.stringify(p)).join(", ")} (all by default), such as warmUp(["notifications"])`);
  }
  let sample;
  const client = () => (sample ??= new PayerMax(SAMPLE_CLIENT));
  for (const path of new Set(paths)) PATHS[path](client);
});
