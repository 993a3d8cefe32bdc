// The CommonJS entry: require("payseal") gives the same API and the same bytes.
const test = require("node:test");
const assert = require("node:assert/strict");
const crypto = require("node:crypto");
const payseal = require("payseal");

test("require('payseal') exports the whole API, ready to use", async () => {
  for (const name of ["PrivateKey", "PublicKey", "PaysealError", "PayerMax", "sign", "verify", "signAsync", "verifyAsync", "version", "diagnoseSignature", "checkKeyPair", "readBody"]) {
    assert.ok(name in payseal, name);
  }
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs1", format: "pem" });
  const ref = crypto.sign("sha256", Buffer.from("cjs"), privateKey).toString("base64");
  assert.equal(payseal.sign(pem, "cjs"), ref);
  assert.equal(await payseal.signAsync(pem, "cjs"), ref);
  assert.equal(payseal.verify(publicKey.export({ type: "spki", format: "pem" }), "cjs", ref), true);
  assert.equal(payseal.diagnoseSignature(publicKey.export({ type: "spki", format: "pem" }), "cjs\n", ref).variant, "trailing-newline-removed");
  assert.equal(payseal.checkKeyPair(pem, publicKey.export({ type: "spki", format: "pem" })).matches, true);
  const pm = new payseal.PayerMax({ appId: "A", merchantNo: "M", privateKey: pem });
  const req = pm.request("orderQuery", { outTradeNo: "X" });
  assert.ok(crypto.verify("sha256", Buffer.from(req.body), publicKey, Buffer.from(req.headers.sign, "base64")));
  assert.throws(() => payseal.PrivateKey.parse("x"), (e) => e instanceof payseal.PaysealError && e.code === "KEY_FORMAT");
  assert.equal(payseal.PayerMax.ACK, '{"code":"SUCCESS","msg":"Success"}');
});
