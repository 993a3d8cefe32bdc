// diagnoseSignature, the `diagnose` option of the verifications, checkKeyPair
// and the command line. Every verdict and every candidate change, each made
// by really changing a body signed with node:crypto (or by signing a really
// changed body), under 2048-, 3072- and 4096-bit keys.
import test from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Cashy, PayerMax, PaysealError, PrivateKey, PublicKey, checkKeyPair, diagnoseSignature, verify, verifyAsync } from "payseal";
import { nodeSign, rsaKeys, tmp } from "./helpers.mjs";

const OBJECT = {
  code: "APPLY_SUCCESS",
  msg: "Success",
  keyVersion: "1",
  appId: "APP-1",
  merchantNo: "M-1",
  notifyTime: "2026-11-23T10:00:00.000Z",
  notifyType: "PAYMENT",
  data: {
    outTradeNo: "ORDER-1001",
    totalAmount: 10000.5,
    currency: "IDR",
    status: "SUCCESS",
    payerName: "José Ñúñez 😀",
    frontCallbackUrl: "https://shop.example/return?a=1&b=2",
    items: [1, { b: true, a: null }],
  },
};
const COMPACT = JSON.stringify(OBJECT);
const PRETTY = JSON.stringify(OBJECT, null, 2);
const BOM = "\uFEFF";

const sortKeys = (v) =>
  Array.isArray(v) ? v.map(sortKeys)
  : v !== null && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]))
  : v;
// What Python's json.dumps prints for the object (a real second implementation).
const python = (args) => execFileSync("python3", ["-c", `import json,sys; sys.stdout.write(json.dumps(json.loads(sys.stdin.read())${args}))`], { input: COMPACT }).toString();
// Java-style escaping of non-ASCII (upper-case hex), as Jackson's ESCAPE_NON_ASCII writes it.
const escapeUpper = (s) => s.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
// UTF-8 read as Latin-1, then written as UTF-8 again.
const mojibake = (s) => Buffer.from(Buffer.from(s).toString("latin1"), "utf8");
const formEncode = (s) => new URLSearchParams({ x: s }).toString().slice(2);

// [variant, the bytes signed, the body received].
const CASES = [
  ["trailing-newline-removed", COMPACT, `${COMPACT}\n`],
  ["trailing-newline-added", `${COMPACT}\n`, COMPACT],
  ["trailing-crlf-added", `${COMPACT}\r\n`, COMPACT],
  ["trailing-space-added", `${COMPACT} `, COMPACT],
  ["whitespace-trimmed", COMPACT, `\t ${COMPACT} \r\n`],
  ["bom-removed", COMPACT, BOM + COMPACT],
  ["bom-added", BOM + COMPACT, COMPACT],
  ["crlf-to-lf", PRETTY, PRETTY.replaceAll("\n", "\r\n")],
  ["lf-to-crlf", PRETTY.replaceAll("\n", "\r\n"), PRETTY],
  ["slashes-escaped", COMPACT.replaceAll("/", "\\/"), COMPACT],
  ["slashes-unescaped", COMPACT, COMPACT.replaceAll("/", "\\/")],
  ["non-ascii-escaped", python(", separators=(',', ':')"), COMPACT],
  ["non-ascii-escaped-upper", escapeUpper(COMPACT), COMPACT],
  ["non-ascii-unescaped", COMPACT, python(", separators=(',', ':')")],
  ["json-stringify", COMPACT, JSON.stringify(OBJECT, null, 3)],
  ["json-pretty-2", PRETTY, COMPACT],
  ["json-pretty-4", JSON.stringify(OBJECT, null, 4), COMPACT],
  ["json-pretty-tab", JSON.stringify(OBJECT, null, "\t"), COMPACT],
  ["json-spaced", python(", ensure_ascii=False"), COMPACT],
  ["keys-sorted", JSON.stringify(sortKeys(OBJECT)), COMPACT],
  ["utf8-to-latin1", COMPACT, mojibake(COMPACT)],
  ["latin1-to-utf8", mojibake(COMPACT), COMPACT],
  ["percent-decoded", COMPACT, encodeURIComponent(COMPACT)],
  ["form-decoded", COMPACT, formEncode(COMPACT)],
  ["percent-encoded", encodeURIComponent(COMPACT), COMPACT],
  ["form-encoded", formEncode(COMPACT), COMPACT],
  // Two changes: PHP's json_encode (slashes and non-ASCII escaped)...
  ["slashes-escaped+non-ascii-escaped", python(", separators=(',', ':')").replaceAll("/", "\\/"), COMPACT],
  // ...sorted and pretty-printed...
  ["keys-sorted+json-pretty-2", JSON.stringify(sortKeys(OBJECT), null, 2), COMPACT],
  // ...saved by a Windows editor (BOM and CRLF).
  ["bom-removed+crlf-to-lf", PRETTY, BOM + PRETTY.replaceAll("\n", "\r\n")],
];

const bytes = (b) => (typeof b === "string" ? Buffer.from(b) : b);
const spki = (publicKey) => publicKey.export({ type: "spki", format: "pem" });

for (const bits of [2048, 3072, 4096]) {
  test(`RSA-${bits}: every candidate change is named, from a body really changed that way`, () => {
    const { privateKey, publicKey } = rsaKeys(bits);
    const key = PublicKey.parse(spki(publicKey));
    const named = new Set();
    for (const [variant, signed, received] of CASES) {
      assert.notDeepEqual(bytes(signed), bytes(received), variant);
      const signature = nodeSign(privateKey, bytes(signed));
      const d = diagnoseSignature(key, received, signature);
      assert.equal(d.verdict, "BODY_CHANGED", variant);
      assert.equal(d.variant, variant, `${variant}: ${d.detail}`);
      assert.match(d.detail, /^this key signed other bytes than this body: the signed bytes are this body /);
      // The diagnosis never changes what verify answers.
      assert.equal(verify(key, received, signature), false, variant);
      assert.equal(verify(key, signed, signature), true, variant);
      assert.equal(diagnoseSignature(key, signed, signature).verdict, "VALID", variant);
      for (const part of variant.split("+")) named.add(part);
    }
    assert.equal(named.size, 26);
  });

  test(`RSA-${bits}: valid, another change, a wrong key, another hash, a malformed signature`, async () => {
    const { privateKey, publicKey } = rsaKeys(bits);
    const pem = spki(publicKey);
    const signature = nodeSign(privateKey, COMPACT);
    assert.deepEqual(diagnoseSignature(pem, COMPACT, signature), { verdict: "VALID", detail: "the signature is valid for this body under this key" });
    assert.equal(diagnoseSignature(pem, new Uint8Array(Buffer.from(COMPACT)), signature).verdict, "VALID");

    // A change no candidate covers: the right key, no variant.
    const tampered = COMPACT.replace("10000.5", "10000.6");
    const d = diagnoseSignature(pem, tampered, signature);
    assert.equal(d.verdict, "BODY_CHANGED");
    assert.equal("variant" in d, false);
    assert.match(d.detail, /no common change of the body explains the difference/);

    // Random signatures, and a real signature by another key of this size.
    const k = bits / 8;
    const other = crypto.generateKeyPairSync("rsa", { modulusLength: bits }).privateKey;
    const wrong = [nodeSign(other, COMPACT), ...Array.from({ length: 8 }, () => crypto.randomBytes(k).toString("base64"))];
    for (const s of wrong) {
      const w = diagnoseSignature(pem, COMPACT, s);
      assert.equal(w.verdict, "WRONG_KEY", w.detail);
      assert.ok(w.detail.includes(PublicKey.parse(pem).fingerprint), w.detail);
      assert.equal(verify(pem, COMPACT, s), false);
      assert.equal(await verifyAsync(pem, COMPACT, s), false);
    }

    // Another hash, named.
    for (const [hash, name] of [["sha512", "SHA-512"], ["sha384", "SHA-384"], ["sha224", "SHA-224"], ["sha1", "SHA-1"], ["md5", "MD5"], ["sha3-256", "SHA3-256"]]) {
      const s = crypto.sign(hash, Buffer.from(COMPACT), privateKey).toString("base64");
      const n = diagnoseSignature(pem, COMPACT, s);
      assert.equal(n.verdict, "NOT_SHA256", hash);
      assert.ok(n.detail.includes(`a ${name} digest`), n.detail);
      assert.equal(verify(pem, COMPACT, s), false);
    }

    // Malformed text: say which fault.
    const hex = Buffer.from(signature, "base64").toString("hex");
    const smaller = nodeSign(rsaKeys(bits === 2048 ? 3072 : 2048).privateKey, COMPACT);
    for (const [text, says] of [
      ["", /empty/],
      [null, /empty/],
      [42, /not a string/],
      [`${signature.replaceAll("+", "-").replaceAll("/", "_")}-`, /base64url/],
      [`${signature.slice(0, 76)}\n${signature.slice(76)}`, /white space inside \(at character 76\)/],
      [hex, /hexadecimal/],
      [signature.slice(0, -8), new RegExp(`this RSA-${bits} key's signatures are ${k} bytes`)],
      [smaller, /the length of an RSA-\d+ signature: another key made it/],
      ["x".repeat(5000), /over 1024 characters/],
    ]) {
      const m = diagnoseSignature(pem, COMPACT, text);
      assert.equal(m.verdict, "SIGNATURE_MALFORMED", `${text}: ${m.detail}`);
      assert.match(m.detail, says);
      assert.equal(verify(pem, COMPACT, text), false);
    }
  });
}

test("diagnoseSignature takes keys and bodies as verify does, and refuses what verify refuses", () => {
  const { privateKey, publicKey } = rsaKeys(2048);
  const signature = nodeSign(privateKey, COMPACT);
  const der = new Uint8Array(publicKey.export({ type: "spki", format: "der" }));
  for (const key of [spki(publicKey), der, PublicKey.parse(der), der.buffer]) {
    assert.equal(diagnoseSignature(key, `${COMPACT}\n`, signature).variant, "trailing-newline-removed");
  }
  assert.equal(diagnoseSignature(spki(publicKey), new TextEncoder().encode(COMPACT).buffer, signature).verdict, "VALID");
  const refuses = (fn, code) => assert.throws(fn, (e) => e instanceof PaysealError && e.code === code);
  refuses(() => diagnoseSignature(spki(publicKey), OBJECT, signature), "BODY_NOT_RAW");
  refuses(() => diagnoseSignature(PrivateKey.parse(privateKey.export({ type: "pkcs8", format: "pem" })), COMPACT, signature), "KEY_NOT_PUBLIC");
  refuses(() => diagnoseSignature("nope", COMPACT, signature), "KEY_FORMAT");
  refuses(() => diagnoseSignature(spki(publicKey), "x".repeat(1024 * 1024 + 1), signature), "INPUT_TOO_LARGE");
});

test("verifyNotification / verifyResponse (and Async) with { diagnose: true } put the diagnosis on SIGNATURE_INVALID", async () => {
  const { privateKey, publicKey } = rsaKeys(2048);
  const platformKey = privateKey.export({ type: "pkcs8", format: "pem" });
  const pm = new PayerMax({ appId: "APP-1", merchantNo: "M-1", platformPublicKey: spki(publicKey) });
  // The sender signed its JSON with keys sorted and sent it in another order.
  const body = COMPACT;
  const sign = nodeSign(privateKey, JSON.stringify(sortKeys(OBJECT)));
  const diagnosis = {
    verdict: "BODY_CHANGED",
    variant: "keys-sorted",
    detail: "this key signed other bytes than this body: the signed bytes are this body re-serialised with keys sorted (recursively, as FastJSON writes them)",
  };
  const invalid = (expected) => (e) => {
    assert.ok(e instanceof PaysealError);
    assert.equal(e.code, "SIGNATURE_INVALID");
    assert.deepEqual(e.diagnosis, expected);
    return true;
  };
  for (const opts of [undefined, {}, { diagnose: false }]) {
    assert.throws(() => pm.verifyNotification(body, sign, opts), invalid(undefined));
    await assert.rejects(pm.verifyNotificationAsync(body, sign, opts), invalid(undefined));
    assert.throws(() => pm.verifyResponse(body, sign, opts), invalid(undefined));
    await assert.rejects(pm.verifyResponseAsync(body, sign, opts), invalid(undefined));
  }
  assert.throws(() => pm.verifyNotification(body, sign, { diagnose: true }), invalid(diagnosis));
  assert.throws(() => pm.verifyNotification(Buffer.from(body), sign, { diagnose: true, toleranceSeconds: 86400 * 365 * 100 }), invalid(diagnosis));
  await assert.rejects(pm.verifyNotificationAsync(body, sign, { diagnose: true }), invalid(diagnosis));
  assert.throws(() => pm.verifyResponse(body, sign, { diagnose: true }), invalid(diagnosis));
  await assert.rejects(pm.verifyResponseAsync(body, sign, { diagnose: true }), invalid(diagnosis));
  assert.throws(() => pm.verifyNotification(body, sign, { diagnose: "yes" }), (e) => e.code === "INVALID_ARGUMENT" && /diagnose/.test(e.message));

  // The diagnosis never changes a verification that holds, nor other errors.
  const good = pm.generateTestNotification({ data: { outTradeNo: "X" } }, platformKey);
  assert.deepEqual(pm.verifyNotification(good.body, good.sign, { diagnose: true }), pm.verifyNotification(good.body, good.sign));
  assert.deepEqual(await pm.verifyNotificationAsync(good.body, good.sign, { diagnose: true }), pm.verifyNotification(good.body, good.sign));
  const answer = JSON.stringify({ code: "APPLY_SUCCESS", msg: "", data: { status: "SUCCESS" } });
  const answerSign = nodeSign(privateKey, answer);
  assert.deepEqual(pm.verifyResponse(answer, answerSign, { diagnose: true }), pm.verifyResponse(answer, answerSign));
  const stale = pm.generateTestNotification({}, platformKey, { notifyTime: 0 });
  assert.throws(() => pm.verifyNotification(stale.body, stale.sign, { diagnose: true, toleranceSeconds: 60 }), (e) => e.code === "NOTIFICATION_EXPIRED" && !("diagnosis" in e));
  assert.throws(() => pm.verifyNotification(good.body, "", { diagnose: true }), (e) => e.code === "SIGN_HEADER_MISSING" && !("diagnosis" in e));
  // A platform key of another environment.
  const sandbox = new PayerMax({ appId: "APP-1", merchantNo: "M-1", platformPublicKey: spki(rsaKeys(3072).publicKey) });
  assert.throws(() => sandbox.verifyNotification(good.body, good.sign, { diagnose: true }), (e) => e.diagnosis?.verdict === "SIGNATURE_MALFORMED" && /RSA-2048 signature/.test(e.diagnosis.detail));
});

test("Cashy verifyCallback with { diagnose: true }: changes of the body and white space around the API key", () => {
  const apiKey = "k3y-ñ";
  const cashy = new Cashy({ merchantId: "100001", apiKey, baseUrl: "https://cashy.example" });
  const body = JSON.stringify({ orderNo: "O-1", merchantId: "100001", orderStatus: "SUCCESS", remark: "año/2026" });
  const md5 = (...parts) => crypto.createHash("md5").update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest("hex").toUpperCase();
  const diagnosed = (received, sign) => {
    try {
      cashy.verifyCallback(received, sign, { diagnose: true });
    } catch (e) {
      assert.equal(e.code, "SIGNATURE_INVALID");
      return e.diagnosis;
    }
    assert.fail("verified");
  };
  for (const [variant, signed, received] of [
    ["trailing-newline-removed", body, `${body}\n`],
    ["slashes-escaped", body.replaceAll("/", "\\/"), body],
    ["json-pretty-2", JSON.stringify(JSON.parse(body), null, 2), body],
    ["keys-sorted", JSON.stringify(sortKeys(JSON.parse(body))), body],
  ]) {
    assert.notEqual(signed, received, variant);
    const d = diagnosed(received, md5(signed, apiKey));
    assert.deepEqual([d.verdict, d.variant], ["BODY_CHANGED", variant], d.detail);
  }
  for (const [variant, key] of [["api-key-newline-added", `${apiKey}\n`], ["api-key-crlf-added", `${apiKey}\r\n`], ["api-key-missing", ""]]) {
    const d = diagnosed(body, md5(body, key));
    assert.deepEqual([d.verdict, d.variant], ["WRONG_KEY", variant], d.detail);
  }
  assert.equal(diagnosed(body, md5(body, "another key")).verdict, "NO_MATCH");
  assert.equal(diagnosed(body, "not hex").verdict, "SIGNATURE_MALFORMED");
  assert.throws(() => cashy.verifyCallback(body, "not hex"), (e) => e.code === "SIGNATURE_INVALID" && !("diagnosis" in e));
  const good = md5(body, apiKey);
  assert.deepEqual(cashy.verifyCallback(body, good, { diagnose: true }), cashy.verifyCallback(body, good));
});

test("checkKeyPair: the pair, and another public key, with both fingerprints", () => {
  const a = rsaKeys(2048);
  const b = rsaKeys(4096);
  const fp = (publicKey) => crypto.createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("hex");
  const pkcs8 = a.privateKey.export({ type: "pkcs8", format: "pem" });
  const same = checkKeyPair(pkcs8, spki(a.publicKey));
  assert.deepEqual(same, {
    matches: true,
    privateKeyFingerprint: fp(a.publicKey),
    publicKeyFingerprint: fp(a.publicKey),
    detail: "the public key is the pair of the private key (RSA-2048)",
  });
  assert.equal(checkKeyPair(PrivateKey.parse(pkcs8), PublicKey.parse(spki(a.publicKey))).matches, true);
  const other = checkKeyPair(PrivateKey.parse(pkcs8), spki(b.publicKey));
  assert.equal(other.matches, false);
  assert.equal(other.publicKeyFingerprint, fp(b.publicKey));
  assert.match(other.detail, /the public key \(RSA-4096\) is not the pair of the private key \(RSA-2048\)/);
  assert.throws(() => checkKeyPair(spki(a.publicKey), spki(a.publicKey)), (e) => e.code === "KEY_NOT_PRIVATE");
});

const root = fileURLToPath(new URL("../..", import.meta.url));

test("the command line: payseal diagnose and payseal check-pair", () => {
  const { privateKey, publicKey } = rsaKeys(2048);
  const files = {
    pub: join(tmp, "cli-public.pem"),
    der: join(tmp, "cli-public.der"),
    priv: join(tmp, "cli-private.pem"),
    other: join(tmp, "cli-other.pem"),
    body: join(tmp, "cli-body.json"),
    sorted: join(tmp, "cli-sorted.json"),
  };
  writeFileSync(files.pub, spki(publicKey));
  writeFileSync(files.der, publicKey.export({ type: "spki", format: "der" }));
  writeFileSync(files.priv, privateKey.export({ type: "pkcs8", format: "pem" }));
  writeFileSync(files.other, spki(rsaKeys(3072).publicKey));
  writeFileSync(files.body, COMPACT);
  const signature = nodeSign(privateKey, JSON.stringify(sortKeys(OBJECT)));
  const cli = (args, input) => spawnSync(process.execPath, [join(root, "pkg/cli.mjs"), ...args], { encoding: "utf8", input });

  let r = cli(["diagnose", "--key", files.pub, "--sign", signature, files.body]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^verdict: +BODY_CHANGED\nvariant: +keys-sorted\ndetail: +this key signed other bytes/);
  r = cli(["diagnose", "--key", files.der, `--sign=${signature}`, "-"], JSON.stringify(sortKeys(OBJECT)));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^verdict: +VALID\n/);
  r = cli(["diagnose", "--key", files.other, "--sign", signature, files.body]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /SIGNATURE_MALFORMED/);

  r = cli(["check-pair", files.priv, files.pub]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^matches: +true\nprivate: +[0-9a-f]{64}\npublic: +[0-9a-f]{64}\n/);
  r = cli(["check-pair", files.priv, files.other]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /matches: +false/);

  for (const [args, says] of [
    [[], /no command/],
    [["diagnose", files.body], /diagnose needs --key, --sign and one body file/],
    [["diagnose", "--key", files.pub, "--sign", signature, "--nope", files.body], /Unknown option '--nope'/],
    [["diagnose", "--key", join(tmp, "missing.pem"), "--sign", signature, files.body], /ENOENT/],
    [["diagnose", "--key", files.body, "--sign", signature, files.body], /KEY_FORMAT/],
    [["check-pair", files.pub, files.pub], /KEY_NOT_PRIVATE/],
    [["frobnicate"], /unknown command frobnicate/],
  ]) {
    r = cli(args);
    assert.equal(r.status, 2, `${args}: ${r.stdout}`);
    assert.match(r.stderr, says);
  }
  assert.match(cli(["--help"]).stdout, /payseal diagnose --key <public key file>/);
});

test("payseal keygen: a 0600 private key file, the public key to paste, both usable by node:crypto", () => {
  const cli = (args) => spawnSync(process.execPath, [join(root, "pkg/cli.mjs"), ...args], { encoding: "utf8", cwd: tmp });
  const out = join(tmp, "keygen-private.txt");
  let r = cli(["keygen", "--out", out]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(statSync(out).mode & 0o777, 0o600);
  const line = readFileSync(out, "utf8");
  assert.match(line, /^[A-Za-z0-9+/]+=*\n$/, "one line of base64");
  const publicLine = r.stdout.match(/^public: +([A-Za-z0-9+/]+=*)$/m)[1];
  const fingerprint = r.stdout.match(/^sha256: +([0-9a-f]{64})$/m)[1];
  // node:crypto reads both as the dashboard formats (PKCS#8 and SPKI DER in base64) ...
  const priv = crypto.createPrivateKey({ key: Buffer.from(line.trim(), "base64"), format: "der", type: "pkcs8" });
  const pub = crypto.createPublicKey({ key: Buffer.from(publicLine, "base64"), format: "der", type: "spki" });
  assert.equal(priv.asymmetricKeyDetails.modulusLength, 2048);
  const message = Buffer.from('{"ping":1}');
  assert.ok(crypto.verify("sha256", message, pub, crypto.sign("sha256", message, priv)));
  // ... and so does payseal, with the fingerprint the CLI printed.
  assert.equal(PublicKey.parse(publicLine).fingerprint, fingerprint);
  assert.equal(PrivateKey.parse(line).fingerprint, fingerprint);

  // An existing key is never overwritten by accident.
  r = cli(["keygen", "--out", out]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /exists; choose another --out, or --force/);
  assert.equal(readFileSync(out, "utf8"), line);
  r = cli(["keygen", "--out", out, "--force", "--pem"]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(readFileSync(out, "utf8"), /^-----BEGIN PRIVATE KEY-----\n/);
  assert.notEqual(readFileSync(out, "utf8"), line);
  assert.match(cli(["keygen", "extra"]).stderr, /keygen takes no positional arguments/);
});

test("npx payseal works in a fresh project that installs the packed package", () => {
  const project = join(tmp, "npx-project");
  mkdirSync(project);
  const npm = (args, cwd) => execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });
  const tarball = npm(["pack", "--pack-destination", project], join(root, "pkg")).trim().split("\n").pop();
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "fresh", private: true }));
  npm(["install", "--offline", `./${tarball}`], project);
  const { privateKey, publicKey } = rsaKeys(2048);
  writeFileSync(join(project, "public.pem"), spki(publicKey));
  writeFileSync(join(project, "private.pem"), privateKey.export({ type: "pkcs8", format: "pem" }));
  writeFileSync(join(project, "body.json"), `${COMPACT}\r\n`);
  const npx = (...args) => spawnSync("npx", ["--no", "payseal", ...args], { cwd: project, encoding: "utf8" });
  const r = npx("diagnose", "--key", "public.pem", "--sign", nodeSign(privateKey, COMPACT), "body.json");
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^verdict: +BODY_CHANGED\nvariant: +trailing-newline-removed\n/);
  const pair = npx("check-pair", "private.pem", "public.pem");
  assert.equal(pair.status, 0, pair.stderr);
  assert.match(pair.stdout, /^matches: +true\n/);
});
