// Keys and signatures through the package's ESM entry, cross-checked with
// node:crypto and openssl on freshly generated keys in every format.
import test from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import { PrivateKey, PublicKey, PaysealError, sign, verify, signAsync, verifyAsync } from "payseal";
import { rsaKeys, privateForms, publicForms, opensslSign, nodeSign, nodeVerify } from "./helpers.mjs";

const MESSAGES = ["", "hello", '{"a":"é😀\\u2028"}', "x".repeat(100_000), new Uint8Array([0, 255, 1, 128])];

for (const bits of [2048, 3072, 4096]) {
  test(`RSA-${bits}: every private key format signs byte-identically to node:crypto and openssl`, () => {
    const { privateKey, publicKey } = rsaKeys(bits);
    const spki = publicKey.export({ type: "spki", format: "der" });
    const fingerprint = crypto.createHash("sha256").update(spki).digest("hex");
    const reference = nodeSign(privateKey, "hello");
    assert.equal(opensslSign(privateKey, "hello"), reference);
    for (const [form, text] of Object.entries(privateForms(privateKey))) {
      const key = PrivateKey.parse(text);
      assert.equal(key.bits, bits, form);
      assert.equal(key.fingerprint, fingerprint, form);
      assert.equal(sign(key, "hello"), reference, form);
      assert.equal(sign(text, "hello"), reference, `${form} (text passed to sign)`);
      assert.deepEqual(
        Buffer.from(key.toPkcs8Der()),
        privateKey.export({ type: "pkcs8", format: "der" }),
        form,
      );
      assert.deepEqual(Buffer.from(key.publicKey().toSpkiDer()), spki, form);
    }
    const key = PrivateKey.parse(privateForms(privateKey)["PKCS#8 PEM"]);
    for (const m of MESSAGES) {
      const sig = sign(key, m);
      assert.equal(sig, nodeSign(privateKey, typeof m === "string" ? Buffer.from(m) : m));
      assert.ok(nodeVerify(publicKey, typeof m === "string" ? Buffer.from(m) : m, sig));
    }
  });

  test(`RSA-${bits}: every public key format verifies what node:crypto signed`, () => {
    const { privateKey, publicKey } = rsaKeys(bits);
    const sig = nodeSign(privateKey, "body");
    for (const [form, text] of Object.entries(publicForms(privateKey, publicKey))) {
      const key = PublicKey.parse(text);
      assert.equal(key.bits, bits, form);
      assert.equal(verify(key, "body", sig), true, form);
      assert.equal(verify(text, "body", sig), true, form);
      assert.equal(verify(key, "bodY", sig), false, form);
    }
  });
}

test("signAsync / verifyAsync give the same bytes and answers as the sync calls", async () => {
  const { privateKey } = rsaKeys(2048);
  const key = PrivateKey.parse(privateForms(privateKey)["PKCS#1 PEM"]);
  for (const m of MESSAGES) {
    const sig = sign(key, m);
    assert.equal(await signAsync(key, m), sig);
    assert.equal(await verifyAsync(key.publicKey(), m, sig), true);
    assert.equal(await verifyAsync(key.publicKey(), m, sig.replace(/^./, (c) => (c === "A" ? "B" : "A"))), false);
  }
  // Key text works too, and the cached WebCrypto key is reused.
  const text = privateForms(privateKey)["PKCS#8 PEM"];
  assert.equal(await signAsync(text, "x"), sign(key, "x"));
  assert.equal(await signAsync(key, "x"), sign(key, "x"));
});

test("verify is false, never an exception, for any bad signature", async () => {
  const { privateKey } = rsaKeys(2048);
  const key = PrivateKey.parse(privateForms(privateKey)["PKCS#8 PEM"]);
  const pub = key.publicKey();
  const good = sign(key, "m");
  const raw = Buffer.from(good, "base64");
  const flipped = Buffer.from(raw);
  flipped[100] ^= 1;
  const bad = [
    "", " ", "junk", "!!!!", good.slice(0, -4), good + "AAAA", good.replace(/=$/, ""),
    flipped.toString("base64"), raw.subarray(1).toString("base64"),
    Buffer.concat([Buffer.from([0]), raw]).toString("base64"),
    Buffer.alloc(256).toString("base64"), Buffer.alloc(256, 255).toString("base64"),
    good.replace(/\+/g, "-").replace(/\//g, "_"), "A".repeat(1_000_000),
    null, undefined, 42, {}, [],
  ];
  for (const sig of bad) {
    assert.equal(verify(pub, "m", sig), false, String(sig).slice(0, 40));
    assert.equal(await verifyAsync(pub, "m", sig), false, String(sig).slice(0, 40));
  }
  assert.equal(verify(pub, "m", ` ${good}\n`), true, "surrounding whitespace is ignored");
});

test("key errors carry stable codes and say what to do", () => {
  const code = (fn) => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof PaysealError, "a PaysealError");
      assert.ok(e instanceof Error);
      assert.equal(e.name, "PaysealError");
      assert.ok(!/MII[A-Za-z0-9+/]{20}/.test(e.message), "no key material in messages");
      return e.code;
    }
    assert.fail("did not throw");
  };
  const { privateKey, publicKey } = rsaKeys(2048);
  const pkcs8 = privateKey.export({ type: "pkcs8", format: "pem" });
  const spki = publicKey.export({ type: "spki", format: "pem" });
  assert.equal(code(() => PrivateKey.parse("not a key")), "KEY_FORMAT");
  assert.equal(code(() => PrivateKey.parse("")), "KEY_FORMAT");
  assert.equal(code(() => PrivateKey.parse("-----BEGIN PRIVATE KEY-----\n@@@\n-----END PRIVATE KEY-----")), "KEY_FORMAT");
  assert.equal(code(() => PrivateKey.parse(spki)), "KEY_NOT_PRIVATE");
  assert.equal(code(() => PrivateKey.parse(PublicKey.parse(spki))), "KEY_NOT_PRIVATE");
  assert.equal(code(() => sign(spki, "x")), "KEY_NOT_PRIVATE");
  assert.equal(code(() => PublicKey.parse(pkcs8)), "KEY_NOT_PUBLIC");
  assert.equal(code(() => verify(PrivateKey.parse(pkcs8), "x", "y")), "KEY_NOT_PUBLIC");
  const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  assert.equal(code(() => PrivateKey.parse(ec.privateKey.export({ type: "pkcs8", format: "pem" }))), "KEY_TYPE");
  assert.equal(code(() => PublicKey.parse(ec.publicKey.export({ type: "spki", format: "pem" }))), "KEY_TYPE");
  const ed = crypto.generateKeyPairSync("ed25519");
  assert.equal(code(() => PrivateKey.parse(ed.privateKey.export({ type: "pkcs8", format: "pem" }))), "KEY_TYPE");
  const pss = crypto.generateKeyPairSync("rsa-pss", { modulusLength: 2048 });
  assert.equal(code(() => PrivateKey.parse(pss.privateKey.export({ type: "pkcs8", format: "pem" }))), "KEY_TYPE");
  const encrypted = privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" });
  assert.equal(code(() => PrivateKey.parse(encrypted)), "KEY_ENCRYPTED");
  const encryptedB64 = privateKey
    .export({ type: "pkcs8", format: "der", cipher: "aes-256-cbc", passphrase: "pw" })
    .toString("base64");
  assert.equal(code(() => PrivateKey.parse(encryptedB64)), "KEY_ENCRYPTED");
  const legacy = privateKey.export({ type: "pkcs1", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" });
  assert.equal(code(() => PrivateKey.parse(legacy)), "KEY_ENCRYPTED");
  const small = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 });
  assert.equal(code(() => PrivateKey.parse(small.privateKey.export({ type: "pkcs8", format: "pem" }))), "KEY_TOO_SMALL");
  assert.equal(code(() => PublicKey.parse(small.publicKey.export({ type: "spki", format: "pem" }))), "KEY_TOO_SMALL");
  assert.equal(code(() => PrivateKey.parse(42)), "INVALID_ARGUMENT");
  assert.equal(code(() => PrivateKey.parse(null)), "INVALID_ARGUMENT");
  assert.equal(code(() => sign(pkcs8, 42)), "INVALID_ARGUMENT");
  assert.equal(code(() => PrivateKey.parse("A".repeat(70_000))), "INPUT_TOO_LARGE");
});

test("SEC1 EC private keys (openssl ecparam -genkey) are KEY_TYPE, as PKCS#8 EC keys are", () => {
  const code = (fn) => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof PaysealError);
      return e.code;
    }
    assert.fail("did not throw");
  };
  for (const curve of ["prime256v1", "secp384r1", "secp256k1"]) {
    const withParams = execFileSync("openssl", ["ecparam", "-genkey", "-name", curve]).toString();
    assert.match(withParams, /BEGIN EC PARAMETERS[\s\S]*BEGIN EC PRIVATE KEY/);
    const pem = execFileSync("openssl", ["ecparam", "-genkey", "-name", curve, "-noout"]).toString();
    assert.match(pem, /^-----BEGIN EC PRIVATE KEY-----/);
    const der = new Uint8Array(execFileSync("openssl", ["ec", "-outform", "DER"], { input: pem, stdio: ["pipe", "pipe", "ignore"] }));
    const oneLine = Buffer.from(der).toString("base64");
    for (const [name, key] of [["PEM with EC PARAMETERS", withParams], ["PEM", pem], ["DER", der], ["base64 one line", oneLine], ["PEM with literal \\n", pem.trim().replace(/\n/g, "\\n")]]) {
      assert.equal(code(() => PrivateKey.parse(key)), "KEY_TYPE", `${curve} ${name}`);
      assert.equal(code(() => sign(key, "m")), "KEY_TYPE", `${curve} ${name}: sign`);
    }
    // A private key where a public one is needed, as for a PKCS#8 EC key.
    assert.equal(code(() => PublicKey.parse(der)), "KEY_NOT_PUBLIC");
    const pkcs8 = crypto.createPrivateKey(pem).export({ type: "pkcs8", format: "pem" });
    assert.equal(code(() => PrivateKey.parse(pkcs8)), "KEY_TYPE");
    assert.equal(code(() => PublicKey.parse(pkcs8)), "KEY_NOT_PUBLIC");
  }
});

test("keys are 2048 to 4096 bits in every layer: 4096 signs and verifies, 4104 and 8192 are KEY_TOO_LARGE", async () => {
  const genrsa = (bits) => execFileSync("openssl", ["genrsa", String(bits)], { stdio: ["ignore", "pipe", "ignore"] }).toString();
  const message = '{"a":"x"}';
  // 4096 bits, the largest: every path signs, node:crypto verifies, and the
  // signature passes the JS length guard even with surrounding white space.
  const pem4096 = genrsa(4096);
  const node4096 = crypto.createPrivateKey(pem4096);
  const spki4096 = crypto.createPublicKey(node4096).export({ type: "spki", format: "pem" });
  const key = PrivateKey.parse(pem4096);
  assert.equal(key.bits, 4096);
  const signature = sign(key, message);
  assert.equal(signature.length, 684);
  assert.equal(signature, nodeSign(node4096, message));
  assert.equal(key.sign(message), signature);
  assert.ok(nodeVerify(crypto.createPublicKey(spki4096), message, signature));
  assert.equal(verify(spki4096, message, signature), true);
  assert.equal(PublicKey.parse(spki4096).verify(message, signature), true);
  const padded = `${" ".repeat(170)}${signature}${"\n".repeat(170)}`;
  assert.equal(padded.length, 1024);
  assert.equal(verify(spki4096, message, padded), true, "white space up to the guard");
  assert.equal(verify(spki4096, message, padded + " "), false, "over the guard");
  // Over 4096 bits: refused when parsed, private and public, whatever the call.
  for (const bits of [4104, 8192]) {
    const pem = genrsa(bits);
    const nodeKey = crypto.createPrivateKey(pem);
    const spki = crypto.createPublicKey(nodeKey).export({ type: "spki", format: "pem" });
    const nodeSignature = nodeSign(nodeKey, message);
    assert.ok(nodeVerify(crypto.createPublicKey(spki), message, nodeSignature), "node:crypto's own signature");
    for (const [name, fn] of [
      ["PrivateKey.parse", () => PrivateKey.parse(pem)],
      ["PrivateKey.parse DER", () => PrivateKey.parse(new Uint8Array(nodeKey.export({ type: "pkcs8", format: "der" })))],
      ["PublicKey.parse", () => PublicKey.parse(spki)],
      ["sign", () => sign(pem, message)],
      ["verify", () => verify(spki, message, nodeSignature)],
    ]) {
      assert.throws(fn, (e) => e instanceof PaysealError && e.code === "KEY_TOO_LARGE" && e.message.includes(`${bits} bits`) && e.message.includes("4096"), `${bits}: ${name}`);
    }
    await assert.rejects(verifyAsync(spki, message, nodeSignature), { code: "KEY_TOO_LARGE" });
    await assert.rejects(signAsync(pem, message), { code: "KEY_TOO_LARGE" });
  }
});

test("keys never print their material", () => {
  const { privateKey } = rsaKeys(2048);
  const key = PrivateKey.parse(privateForms(privateKey)["PKCS#8 PEM"]);
  assert.match(String(key), /^PrivateKey\(RSA-2048, [0-9a-f]{64}\)$/);
  assert.equal(JSON.stringify({ key }), `{"key":${JSON.stringify(String(key))}}`);
});

test("generateKeyPair: a new RSA-2048 pair node:crypto and payseal both accept", async () => {
  const { generateKeyPair, PrivateKey, PublicKey, sign } = await import("payseal");
  const crypto = await import("node:crypto");
  const pair = await generateKeyPair();
  assert.match(pair.privateKey, /^[A-Za-z0-9+/]+=*$/);
  assert.match(pair.publicKey, /^[A-Za-z0-9+/]+=*$/);
  const priv = PrivateKey.parse(pair.privateKey);
  const pub = PublicKey.parse(pair.publicKeyPem);
  assert.equal(priv.bits, 2048);
  assert.equal(pub.fingerprint, pair.fingerprint);
  assert.equal(priv.publicKey().fingerprint, pair.fingerprint);
  const nodePriv = crypto.createPrivateKey({ key: Buffer.from(pair.privateKey, "base64"), format: "der", type: "pkcs8" });
  const nodePub = crypto.createPublicKey(pair.publicKeyPem);
  const message = "generated";
  assert.equal(sign(priv, message), crypto.sign("sha256", Buffer.from(message), nodePriv).toString("base64"));
  assert.ok(crypto.verify("sha256", Buffer.from(message), nodePub, Buffer.from(sign(pair.privateKeyPem, message), "base64")));
  assert.notEqual((await generateKeyPair()).fingerprint, pair.fingerprint);
});
