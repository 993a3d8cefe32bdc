// Keys in their common forms are read in JS (key-read.js), so that a key can
// be used before, or without, the wasm module. What the JS reading accepts
// must be what the wasm code accepts, with the same canonical DER; anything
// else must get the wasm code's answer. Checked here against the wasm code
// itself (key text in quotes is read only by the wasm code) on keys made by
// node:crypto, and on hundreds of damaged or unusual encodings of them.
import test from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import { PayerMax, PrivateKey, PublicKey, PaysealError, sign, verify } from "payseal";
import * as portable from "payseal/portable";

const reads = globalThis[Symbol.for("payseal.keyReads")];
const counted = (fn) => {
  const before = { ...reads };
  const out = fn();
  return [out, { js: reads.js - before.js, wasm: reads.wasm - before.wasm }];
};

// A minimal DER writer of our own, for building keys the generator never makes.
const len = (n) => (n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff]);
const tlv = (tag, body) => Buffer.concat([Buffer.from([tag, ...len(body.length)]), body]);
const int = (big) => {
  let hex = big.toString(16);
  if (hex.length % 2) hex = "0" + hex;
  let bytes = Buffer.from(hex, "hex");
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
};
const seq = (...parts) => tlv(0x30, Buffer.concat(parts));
const RSA_ALGORITHM = Buffer.from("300d06092a864886f70d0101010500", "hex");
const pkcs8Of = (pkcs1) => seq(int(0n), RSA_ALGORITHM, tlv(0x04, pkcs1));
const spkiOf = (pkcs1) => seq(RSA_ALGORITHM, tlv(0x03, Buffer.concat([Buffer.from([0]), pkcs1])));
const big = (b64url) => BigInt("0x" + Buffer.from(b64url, "base64url").toString("hex"));

function components(privateKey) {
  const j = privateKey.export({ format: "jwk" });
  return { n: big(j.n), e: big(j.e), d: big(j.d), p: big(j.p), q: big(j.q), dp: big(j.dp), dq: big(j.dq), qi: big(j.qi) };
}
const pkcs1Private = (c) => seq(...[0n, c.n, c.e, c.d, c.p, c.q, c.dp, c.dq, c.qi].map(int));

// What parsing `input` gives: the canonical DER and facts, or the error code.
function outcome(Key, input) {
  try {
    const key = Key.parse(input);
    const der = Key === PrivateKey ? key.toPkcs8Der() : key.toSpkiDer();
    return { der: Buffer.from(der).toString("hex"), bits: key.bits, fingerprint: key.fingerprint };
  } catch (e) {
    assert.ok(e instanceof PaysealError, String(e));
    return { code: e.code };
  }
}

// The same input as only the wasm code reads it: text (or the bytes as
// base64) in quotes, which the wasm code strips.
const wasmOnly = (input) => `"${typeof input === "string" ? input : Buffer.from(input).toString("base64")}"`;

// `input` read through the package (JS where it can) and by the wasm code
// alone give the same answer; returns whether JS read it.
function sameAsWasm(Key, input, what) {
  const [got, n] = counted(() => outcome(Key, input));
  const [expected, m] = counted(() => outcome(Key, wasmOnly(input)));
  assert.equal(m.js, 0, `${what}: the quoted form is the wasm code's`);
  assert.deepEqual(got, expected, what);
  return n.js > 0;
}

const made = [];
for (const modulusLength of [2048, 3072, 4096]) {
  for (const publicExponent of [3, 65537]) {
    made.push({ modulusLength, publicExponent, ...crypto.generateKeyPairSync("rsa", { modulusLength, publicExponent }) });
  }
}

test("every common form is read in JS, with the wasm code's DER, size and fingerprint", () => {
  for (const { modulusLength, publicExponent, privateKey, publicKey } of made) {
    const what = `RSA-${modulusLength} e=${publicExponent}`;
    const forms = {
      "PKCS#8 PEM": privateKey.export({ type: "pkcs8", format: "pem" }),
      "PKCS#1 PEM": privateKey.export({ type: "pkcs1", format: "pem" }),
      "PKCS#8 DER": new Uint8Array(privateKey.export({ type: "pkcs8", format: "der" })),
      "PKCS#1 DER": privateKey.export({ type: "pkcs1", format: "der" }),
      "PKCS#8 base64": privateKey.export({ type: "pkcs8", format: "der" }).toString("base64"),
      "PKCS#8 PEM, CRLF": privateKey.export({ type: "pkcs8", format: "pem" }).replace(/\n/g, "\r\n"),
    };
    for (const [form, input] of Object.entries(forms)) {
      assert.equal(sameAsWasm(PrivateKey, input, `${what} ${form}`), true, `${what} ${form} read in JS`);
    }
    const publicForms = {
      "SPKI PEM": publicKey.export({ type: "spki", format: "pem" }),
      "PKCS#1 PEM": publicKey.export({ type: "pkcs1", format: "pem" }),
      "SPKI DER": publicKey.export({ type: "spki", format: "der" }),
      "SPKI base64": publicKey.export({ type: "spki", format: "der" }).toString("base64"),
    };
    for (const [form, input] of Object.entries(publicForms)) {
      assert.equal(sameAsWasm(PublicKey, input, `${what} public ${form}`), true, `${what} public ${form} read in JS`);
    }
  }
});

test("damaged or unusual keys: the answer is the wasm code's, whichever reads them", () => {
  const { privateKey } = made.find((k) => k.modulusLength === 2048 && k.publicExponent === 65537);
  const c = components(privateKey);
  const variants = {
    "d + 2": { ...c, d: c.d + 2n },
    "d reduced modulo λ(n)": { ...c, d: c.d % ((c.p - 1n) * (c.q - 1n)) },
    "dp off by one": { ...c, dp: c.dp + 1n },
    "dq off by one": { ...c, dq: c.dq - 1n },
    "qi off by one": { ...c, qi: c.qi + 1n },
    "p and q swapped (qi then wrong)": { ...c, p: c.q, q: c.p, dp: c.dq, dq: c.dp },
    "p and q swapped, qi recomputed": { ...c, p: c.q, q: c.p, dp: c.dq, dq: c.dp, qi: modInverse(c.p, c.q) },
    "e even": { ...c, e: c.e + 1n },
    "e = 1": { ...c, e: 1n },
    "n + 2": { ...c, n: c.n + 2n },
    "qi zero": { ...c, qi: 0n },
  };
  let readInJs = 0;
  for (const [what, v] of Object.entries(variants)) {
    const pkcs1 = pkcs1Private(v);
    readInJs += sameAsWasm(PrivateKey, pkcs1, `${what} (PKCS#1)`);
    readInJs += sameAsWasm(PrivateKey, pkcs8Of(pkcs1), `${what} (PKCS#8)`);
  }
  // Of these, only the two with correct CRT values are read in JS.
  assert.equal(readInJs, 4);

  const good = privateKey.export({ type: "pkcs8", format: "der" });
  const structural = {
    "trailing byte": Buffer.concat([good, Buffer.from([0])]),
    "truncated": good.subarray(0, good.length - 1),
    "version 1": Buffer.from(good.toString("hex").replace("020100", "020101"), "hex"),
    "RSASSA-PSS OID": Buffer.from(good.toString("hex").replace("2a864886f70d010101", "2a864886f70d01010a"), "hex"),
    "no NULL parameters": seq(int(0n), seq(Buffer.from("06092a864886f70d010101", "hex")), tlv(0x04, pkcs1Private(c))),
    "attributes after the key": Buffer.concat([good.subarray(0, 4), good.subarray(4), Buffer.from([0xa0, 0x00])]),
    "long-form length of a short INTEGER": (() => {
      const body = Buffer.concat([Buffer.from([0x02, 0x81, 0x01, 0x00]), ...[c.n, c.e, c.d, c.p, c.q, c.dp, c.dq, c.qi].map(int)]);
      return pkcs8Of(tlv(0x30, body));
    })(),
    "non-minimal INTEGER (leading zero)": (() => {
      const e = tlv(0x02, Buffer.from([0x00, 0x01, 0x00, 0x01]));
      return pkcs8Of(seq(int(0n), int(c.n), e, ...[c.d, c.p, c.q, c.dp, c.dq, c.qi].map(int)));
    })(),
    "three primes": (() => seq(int(1n), ...[c.n, c.e, c.d, c.p, c.q, c.dp, c.dq, c.qi].map(int), seq(seq(int(3n), int(1n), int(1n)))))(),
    "1024-bit key": crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "der" }),
  };
  for (const [what, der] of Object.entries(structural)) {
    assert.equal(sameAsWasm(PrivateKey, der, what), false, `${what}: left to the wasm code`);
  }

  // Every single-byte change of a private and a public key's DER.
  const spki = made[0].publicKey.export({ type: "spki", format: "der" });
  let jsReads = 0;
  for (const [Key, der] of [[PrivateKey, good], [PublicKey, spki]]) {
    const rng = crypto.createHash("sha256").update("payseal").digest();
    for (let i = 0; i < 300; i++) {
      const at = (rng.readUInt32BE((i * 4) % 28) + i * 7919) % der.length;
      const copy = Buffer.from(der);
      copy[at] ^= 1 << (i % 8);
      jsReads += sameAsWasm(Key, copy, `${Key.name} byte ${at} bit ${i % 8}`);
    }
  }
  // A flipped bit in the modulus or exponent of a public key still makes a
  // key of the same form (read in JS when both the wasm code and the
  // checks take it); no change to a private key survives its checks.
  assert.ok(jsReads > 0);
});

function modInverse(a, m) {
  let [r0, r1, t0, t1] = [m, a % m, 0n, 1n];
  while (r1) {
    const k = r0 / r1;
    [r0, r1, t0, t1] = [r1, r0 - k * r1, t1, t0 - k * t1];
  }
  return ((t0 % m) + m) % m;
}

test("text forms the JS reading leaves to the wasm code get its answer", () => {
  const { privateKey, publicKey } = made[0];
  const pem = privateKey.export({ type: "pkcs8", format: "pem" });
  const b64 = privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
  const texts = {
    "quoted PEM": JSON.stringify(pem).slice(0, -1) + '"',
    "escaped newlines": pem.replace(/\n/g, "\\n"),
    "PEM with a header": pem.replace("-----\n", "-----\nComment: x\n\n"),
    "text before the PEM": "key:\n" + pem,
    ...(b64.endsWith("=") && { "base64 without padding": b64.replace(/=+$/, "") }),
    "base64 in lines": b64.match(/.{1,64}/g).join("\n"),
    "wrong label": pem.replace(/PRIVATE KEY/g, "RSA PRIVATE KEY"),
    "other label": pem.replace(/PRIVATE KEY/g, "KEY"),
    ...(b64.endsWith("=") && {
      "non-canonical base64 (trailing bits)": b64.replace(/([A-Za-z0-9+/])(=+)$/, (_, c, pad) => String.fromCharCode(c.charCodeAt(0) + 1) + pad),
    }),
    "encrypted label": pem.replace(/PRIVATE KEY/g, "ENCRYPTED PRIVATE KEY"),
  };
  for (const [what, text] of Object.entries(texts)) {
    const [got, n] = counted(() => outcome(PrivateKey, text));
    assert.equal(n.js, 0, `${what}: left to the wasm code`);
    assert.ok(got.code || got.der === Buffer.from(privateKey.export({ type: "pkcs8", format: "der" })).toString("hex"), what);
  }
  const [, n] = counted(() => outcome(PublicKey, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"));
  assert.equal(n.js, 0);
  // A public key where a private one is asked for, and the reverse: the wasm code's errors.
  assert.equal(outcome(PrivateKey, publicKey.export({ type: "spki", format: "pem" })).code, "KEY_NOT_PRIVATE");
  assert.equal(outcome(PublicKey, privateKey.export({ type: "pkcs8", format: "pem" })).code, "KEY_NOT_PUBLIC");
});

// What the JS reading of key text is specified as (it reads text without
// regular expressions; these say what it must accept).
const SPEC = {
  edges: /^[ \t\r\n]+|[ \t\r\n]+$/g,
  pem: /^-----BEGIN ((?:RSA )?(?:PRIVATE|PUBLIC) KEY)-----\r?\n((?:[A-Za-z0-9+/=]+\r?\n)+)-----END \1-----$/,
  base64: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
};
// The base64 of the DER the specification reads from `text`, or null.
function specReads(text, labels) {
  const t = text.replace(SPEC.edges, "");
  const pem = t.startsWith("-----") ? SPEC.pem.exec(t) : [, labels[0], t];
  if (!pem || !labels.includes(pem[1])) return null;
  const b64 = t.startsWith("-----") ? pem[2].replace(/\r?\n/g, "") : t;
  return SPEC.base64.test(b64) && Buffer.from(b64, "base64").toString("base64") === b64 ? b64 : null;
}

test("key text: the JS reading takes exactly the text its specification does, and every answer is the wasm code's", () => {
  const { privateKey, publicKey } = made[0];
  const cases = [];
  for (const [Key, key, labels, pkcs1Type] of [
    [PrivateKey, privateKey, ["PRIVATE KEY", "RSA PRIVATE KEY"], "pkcs1"],
    [PublicKey, publicKey, ["PUBLIC KEY", "RSA PUBLIC KEY"], "pkcs1"],
  ]) {
    const wrapped = key.export({ type: Key === PrivateKey ? "pkcs8" : "spki", format: "pem" });
    const bare = key.export({ type: pkcs1Type, format: "pem" });
    const b64 = key.export({ type: Key === PrivateKey ? "pkcs8" : "spki", format: "der" }).toString("base64");
    const edits = [
      (t) => t,
      (t) => t.replace(/\n/g, "\r\n"),
      (t) => t.replace(/\n$/, ""),
      (t) => ` \t\r\n${t}\n\n \t`,
      (t) => `\f${t}`,
      (t) => `${t}\u00a0`,
      (t) => t.replace("-----\n", "-----\n\n"),
      (t) => t.replace("-----\n", "-----"),
      (t) => t.replace("-----\n", "----- \n"),
      (t) => t.replace(/\n-----END/, "-----END"),
      (t) => t.replace(/\n-----END/, "\n\n-----END"),
      (t) => t.replace(/\n-----END/, "\r\r\n-----END"),
      (t) => t.replace(/(\n[^\n-]{10})/, "$1\r"),
      (t) => t.replace(/(\n[^\n-]{10})/, "$1 "),
      (t) => t.replace(/(\n[^\n-]{10})/, "$1\n"),
      (t) => t.replace(/(\n[^\n-]{10})/, "$1="),
      (t) => t.replace(/(\n[^\n-]{10})/, "$1-"),
      (t) => t.replace(/=*\n-----END/, "\n-----END"),
      (t) => t.replace(/-----END [A-Z ]+-----/, (f) => f.replace("KEY", "KEYS")),
      (t) => t.replace(/-----END [A-Z ]+-----/, "-----END X509 KEY-----"),
      (t) => t.replace(/-----BEGIN /, "-----BEGIN  "),
      (t) => t.replace(/-----$/, "----"),
      (t) => t.replace(/-----\n$/, "-----END PUBLIC KEY-----\n"),
      (t) => t.replace(/^-----BEGIN ([A-Z ]+)-----\n[\s\S]*$/, "-----BEGIN $1-----END $1-----"),
      (t) => t.slice(0, 30),
      (t) => t.replaceAll("\n", "\n\n"),
    ];
    const ders = [wrapped, bare].map((t) => t.split("\n").slice(1, -2).join(""));
    for (const text of [wrapped, bare]) for (const edit of edits) cases.push([Key, labels, ders, edit(text)]);
    for (const text of [b64, ` ${b64}\n`, b64.slice(0, -4), b64 + "====", b64.replace(/=/g, ""), b64.slice(0, 64) + "\n" + b64.slice(64), "", "-----"]) {
      cases.push([Key, labels, ders, text]);
    }
  }
  let read = 0;
  for (const [Key, labels, ders, text] of cases) {
    const what = `${Key.name} ${JSON.stringify(text.slice(0, 40))}...${JSON.stringify(text.slice(-40))}`;
    const [, n] = counted(() => outcome(Key, text));
    // Text the specification does not read is left to the wasm code; text
    // it reads as the key's own DER is read in JS (other DER, such as a cut
    // one, goes to the DER checks, which may leave it to the wasm code).
    const b64 = specReads(text, labels);
    if (!b64) assert.equal(n.js, 0, what);
    else if (ders.includes(b64)) assert.equal(n.js, 1, what);
    read += n.js;
    sameAsWasm(Key, text, what);
  }
  assert.ok(read >= 8, `${read} texts read in JS`);
});

test("a key read in JS signs and verifies like one the wasm code parsed, in both entries", () => {
  for (const { privateKey, publicKey } of made) {
    const text = privateKey.export({ type: "pkcs8", format: "pem" });
    const viaJs = PrivateKey.parse(text);
    const viaWasm = PrivateKey.parse(wasmOnly(privateKey.export({ type: "pkcs8", format: "der" })));
    const expected = crypto.sign("sha256", Buffer.from("m"), privateKey).toString("base64");
    for (const key of [viaJs, viaWasm]) {
      assert.equal(sign(key, "m"), expected);
      assert.equal(portable.sign(key, "m"), expected);
      assert.equal(key.sign("m"), expected);
      assert.equal(String(key), String(viaWasm));
      assert.equal(JSON.stringify({ key }), JSON.stringify({ key: viaWasm }));
    }
    const pub = PublicKey.parse(publicKey.export({ type: "spki", format: "pem" }));
    for (const s of [expected, ` ${expected}\n`, expected.slice(1), expected.replace(/.$/, "A"), "", "=".repeat(expected.length)]) {
      const answer = crypto.verify("sha256", Buffer.from("m"), publicKey, Buffer.from(s.trim(), "base64")) && /^[A-Za-z0-9+/]+=*$/.test(s.trim()) && s.trim().length === expected.length;
      assert.equal(verify(pub, "m", s), answer, JSON.stringify(s));
      assert.equal(portable.verify(pub, "m", s), answer, JSON.stringify(s));
      assert.equal(pub.verify("m", s), answer, JSON.stringify(s));
    }
    assert.equal(viaJs.publicKey().fingerprint, pub.fingerprint);
  }
});

test("the caller's bytes are never wiped, a freed key says so, and keys are made only by parse", () => {
  const der = made[0].privateKey.export({ type: "pkcs8", format: "der" });
  const copy = Buffer.from(der);
  const key = PrivateKey.parse(der);
  sign(key, "x");
  portable.sign(key, "x");
  key.free();
  key.free();
  assert.deepEqual(der, copy);
  for (const use of [() => sign(key, "x"), () => key.toPkcs8Der(), () => key.publicKey(), () => key.bits && key.fingerprint]) {
    assert.throws(use, (e) => e instanceof PaysealError && e.code === "INVALID_ARGUMENT" && /freed/.test(e.message));
  }
  assert.throws(() => new PrivateKey(), (e) => e instanceof PaysealError && e.code === "INVALID_ARGUMENT");
  assert.throws(() => new PublicKey(), (e) => e instanceof PaysealError && e.code === "INVALID_ARGUMENT");
});

test("a fresh process signs and verifies without loading the glue or instantiating the wasm module; the first call that needs them does", () => {
  const { privateKey, publicKey } = made[0];
  // Through import and through require (Node's two bundles share the lazily
  // loaded glue-node.cjs file, each making its own instance of it).
  for (const load of ['await import("payseal")', 'createRequire(import.meta.url)("../node.cjs")']) {
    const script = `
      import { createRequire } from "node:module";
      const glueLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((f) => f.endsWith("glue-node.cjs"));
      const p = ${load};
      const ready = globalThis[Symbol.for("payseal.wasmReady")];
      const out = [glueLoaded(), ready()];
      const key = p.PrivateKey.parse(process.env.K);
      const signature = p.sign(key, "x");
      out.push(p.verify(process.env.P, "x", signature), glueLoaded(), ready());
      new p.PayerMax({ appId: "A", merchantNo: "M", privateKey: key }).request("orderQuery", { outTradeNo: "1" });
      out.push(glueLoaded(), ready());
      console.log(JSON.stringify(out));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: new URL("../../pkg/portable/", import.meta.url),
      env: { ...process.env, K: privateKey.export({ type: "pkcs8", format: "pem" }), P: publicKey.export({ type: "spki", format: "pem" }) },
    });
    assert.deepEqual(JSON.parse(out), [false, false, true, false, false, true, true], load);
  }
});

test("PayerMax: a merchant key in a common form is read in JS; requests are the same through both entries, and so are refusals", () => {
  const { privateKey } = made.find((k) => k.modulusLength === 2048 && k.publicExponent === 65537);
  const requestTime = "2022-01-17T08:04:13.879+00:00";
  const forms = [
    privateKey.export({ type: "pkcs8", format: "pem" }),
    privateKey.export({ type: "pkcs1", format: "pem" }),
    new Uint8Array(privateKey.export({ type: "pkcs8", format: "der" })),
    privateKey.export({ type: "pkcs1", format: "der" }), // a Node Buffer
    PrivateKey.parse(privateKey.export({ type: "pkcs8", format: "pem" })),
  ];
  const reference = new portable.PayerMax({ appId: "A", merchantNo: "M", privateKey: wasmOnly(privateKey.export({ type: "pkcs8", format: "der" })) });
  const expected = reference.request("orderQuery", { outTradeNo: "1" }, { requestTime });
  for (const form of forms) {
    const config = { appId: "A", merchantNo: "M", privateKey: form };
    const [made, n] = counted(() => [new PayerMax(config), new portable.PayerMax(config)]);
    if (!(form instanceof PrivateKey)) assert.equal(n.wasm, 0, "read in JS");
    for (const client of made) {
      assert.equal(client.privateKeyFingerprint ?? reference.privateKeyFingerprint, reference.privateKeyFingerprint);
      const req = client.request("orderQuery", { outTradeNo: "1" }, { requestTime });
      assert.equal(req.body, expected.body);
      assert.equal(req.headers.sign, expected.headers.sign);
    }
  }
  // A key the JS reading declines: the core's own parse and error, at
  // construction (as a Node Buffer too: its toJSON must not turn it into
  // an object the core refuses as a key).
  const c = components(privateKey);
  for (const bad of [pkcs1Private({ ...c, d: c.d + 2n }), pkcs8Of(pkcs1Private({ ...c, e: c.e + 1n }))]) {
    const errorOf = (fn) => {
      try {
        fn();
      } catch (e) {
        return `${e.code}: ${e.message}`;
      }
      return "none";
    };
    const got = errorOf(() => new PayerMax({ appId: "A", merchantNo: "M", privateKey: bad }));
    assert.equal(got, errorOf(() => new portable.PayerMax({ appId: "A", merchantNo: "M", privateKey: wasmOnly(bad) })));
    assert.match(got, /^KEY_FORMAT: .*malformed or inconsistent/);
  }
});
