// Compiled with `tsc --strict` (never run): the public types accept real
// usage and reject misuse.
import { PayerMax, PaysealError, PrivateKey, PublicKey, sign, verify, signAsync, verifyAsync, version } from "payseal";
import type { Notification, GatewayResponse, SignedRequest, PaysealErrorCode } from "payseal";

declare const pem: string;

const key: PrivateKey = PrivateKey.parse(pem);
const pub: PublicKey = key.publicKey();
const bits: number = key.bits;
const der: Uint8Array = key.toPkcs8Der();
const s: string = sign(key, "message");
const ok: boolean = verify(pub, new Uint8Array([1]), s);
const later: Promise<string> = signAsync(pem, "m");
const laterOk: Promise<boolean> = verifyAsync(pub.toSpkiDer(), "m", s);
const v: string = version;

const pm = new PayerMax({ appId: "A", merchantNo: "M", privateKey: key, platformPublicKey: pub, environment: "production" });
const req: SignedRequest<"orderAndPay"> = pm.request("orderAndPay", { outTradeNo: "T_1", subject: "s", totalAmount: 10, currency: "USD", userId: "u", integrate: "Hosted_Checkout" }, { requestTime: new Date() });
const method: "POST" = req.method;
const header: string = req.headers.sign;
void fetch(req.url, req);

interface PayoutData { tradeNo: string; status: "SUCCESS" | "FAILED" }
const n: Notification<PayoutData> = pm.verifyNotification<PayoutData>(new Uint8Array(), "sig", { toleranceSeconds: 86400 });
const status: "SUCCESS" | "FAILED" = n.data.status;
const key2: string = n.eventKey;
const r: GatewayResponse = pm.verifyResponse("{}", null);
const ack: string = PayerMax.ACK;
// With the DOM lib, the acknowledgement is the real fetch Response.
const ackResponse: Response = PayerMax.ackResponse();

try {
  sign("x", "y");
} catch (e) {
  if (e instanceof PaysealError) {
    const code: PaysealErrorCode = e.code;
    void code;
  }
}

// Misuse the types must refuse:
// @ts-expect-error a parsed object is not a raw body
pm.verifyNotification({ code: "APPLY_SUCCESS" }, "sig");
// @ts-expect-error environment is "sandbox" or "production"
new PayerMax({ appId: "A", merchantNo: "M", environment: "prod" });
// @ts-expect-error appId is required
new PayerMax({ merchantNo: "M" });
// @ts-expect-error a number is not a message
sign(key, 42);
// @ts-expect-error data must be JSON
pm.request("brandNew", { when: () => 1 }, { version: "1.0" });

import { validateField, validatePayee, ruleSet, ruleSets } from "payseal";
import type { PayeeValidation, FieldResult, PhoneType } from "payseal";
const f: FieldResult = validateField("pe.cci", "00219300247595201411", { country: "PE" });
if (f.valid) { const n: string = f.normalized; void n; } else { const c: string = f.code; void c; }
const pv: PayeeValidation = validatePayee("cashy.pe.payout", { amount: 10 }, { parameters: { maxAmount: "5000.00" } });
const mine: PayeeValidation = validatePayee({ id: "mine", fields: { "a.b": { required: true, check: "pe.dni", when: [{ if: { field: "c", equals: "x" }, then: { maxLength: 3 } }] } } }, {});
const ids: string[] = ruleSets();
const base = ruleSet(ids[0]);
const own = { id: "mine", extends: base.id, fields: { "payeeInfo.email": { required: true } } };
validatePayee(own, {});
// @ts-expect-error an unknown kind
validateField("pe.cuenta", "1");
const ph = validateField("phone", "912 345 678", { country: "PE" });
if (ph.valid && ph.phoneType !== undefined) { const t: PhoneType = ph.phoneType; void t; }
const wallet: PayeeValidation = validatePayee({ id: "w", fields: { p: { phoneType: ["mobile", "unknown"], context: { country: "PE" } } } }, {});
// @ts-expect-error an unknown phone type
validatePayee({ id: "w", fields: { p: { phoneType: "cell" } } }, {});
void [pv, mine, ids, wallet];

void [bits, der, ok, later, laterOk, v, method, header, status, key2, r, ack, ackResponse];

import { diagnoseSignature, checkKeyPair, Cashy } from "payseal";
import type { SignatureDiagnosis, SignatureInvalidError, KeyPairCheck, BodyChange } from "payseal";
const d: SignatureDiagnosis = diagnoseSignature(pub, new Uint8Array(), "sig");
if (d.verdict === "BODY_CHANGED" && d.variant !== undefined) { const what: string = d.variant; void what; }
const change: BodyChange = "keys-sorted";
const pair: KeyPairCheck = checkKeyPair(key, pem);
const fp: string = pair.publicKeyFingerprint;
try {
  pm.verifyNotification("{}", "sig", { diagnose: true, toleranceSeconds: 60 });
  pm.verifyResponse("{}", "sig", { diagnose: true });
  new Cashy({ merchantId: 1, apiKey: "k", baseUrl: "https://x" }).verifyCallback("{}", "S", { diagnose: true });
} catch (e) {
  if (e instanceof PaysealError && e.code === "SIGNATURE_INVALID") {
    const why: SignatureDiagnosis | undefined = (e as SignatureInvalidError).diagnosis;
    void why;
  }
}
// @ts-expect-error not a verdict
const wrong: SignatureDiagnosis["verdict"] = "MAYBE";
// @ts-expect-error not a change
const notChange: BodyChange = "keys-shuffled";
void [change, fp, wrong, notChange];

// payseal/portable: the same types.
import * as portable from "payseal/portable";
const portableSignature: string = portable.sign(portable.PrivateKey.parse(pem), "m");
const portableKeyIsShared: PrivateKey = portable.PrivateKey.parse(pem);
const portableClient: PayerMax = new portable.PayerMax({ appId: "A", merchantNo: "M" });
void [portableSignature, portableKeyIsShared, portableClient];

// readBody: a fetch Request or Response, its stream, or an async iterable of bytes.
import { readBody } from "payseal";
import type { BodySource, ReadBodyOptions } from "payseal";
declare const request: Request;
const fromRequest: Promise<Uint8Array> = readBody(request, { limit: 1024 * 1024 });
const fromResponse: Promise<Uint8Array> = readBody(new Response("x"));
const fromStream: Promise<Uint8Array> = readBody(new Response("x").body!);
const fromIterable: Promise<Uint8Array> = readBody((async function* () { yield new Uint8Array(1); })());
const options: ReadBodyOptions = { limit: 10 };
const source: BodySource = request;
// @ts-expect-error a parsed body is not a source
void readBody({ a: 1 });
// @ts-expect-error the limit is a number of bytes
void readBody(request, { limit: "1mb" });
// @ts-expect-error chunks are bytes, not text
void readBody((async function* () { yield "text"; })());
void [fromRequest, fromResponse, fromStream, fromIterable, options, source];

// warmUp: the paths it knows, all by default.
import { warmUp } from "payseal";
import type { WarmUpPath } from "payseal";
const paths: WarmUpPath[] = ["notifications", "requests", "payees"];
const warmed: void = warmUp();
warmUp(paths);
warmUp(["notifications"] as const);
// @ts-expect-error not a path warmUp knows
warmUp(["everything"]);
// @ts-expect-error a list of paths, not one
warmUp("notifications");
void [warmed];
