// The package inside the real Workers runtime (workerd), over HTTP on 127.0.0.1.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { startWorker } from "./workerd.mjs";
import { rsaKeys, nodeSign, nodeVerify } from "./helpers.mjs";

let worker;
before(async () => {
  worker = await startWorker(fileURLToPath(new URL("../workerd/sign-worker.mjs", import.meta.url)));
});
after(() => worker?.stop());

test("a worker signs and verifies inside a request, byte-identical to node:crypto", async () => {
  const { privateKey, publicKey } = rsaKeys(2048);
  for (const message of ["hello", "ñandú 😀", "x".repeat(10_000)]) {
    const res = await fetch(worker.url, {
      method: "POST",
      body: JSON.stringify({
        privateKey: privateKey.export({ type: "pkcs1", format: "pem" }),
        publicKey: publicKey.export({ type: "spki", format: "der" }).toString("base64"),
        message,
      }),
    });
    assert.equal(res.status, 200, worker.log());
    const out = await res.json();
    assert.equal(out.signature, nodeSign(privateKey, message));
    assert.equal(out.signatureAsync, out.signature);
    assert.equal(out.verified, true);
    assert.equal(out.verifiedAsync, true);
    assert.equal(out.rejectsTampered, true);
    assert.equal(out.diagnosis.verdict, "BODY_CHANGED");
    assert.equal(out.diagnosis.variant, "trailing-newline-removed");
    assert.equal(out.pairs, true);
    assert.ok(nodeVerify(publicKey, out.request.body, out.request.headers.sign));
    assert.deepEqual(out.requestAsync, out.request);
  }
});

test("a bad key is a PaysealError with a code inside the worker, and the worker keeps working", async () => {
  const res = await fetch(worker.url, { method: "POST", body: JSON.stringify({ privateKey: "nope", publicKey: "", message: "m" }) });
  assert.equal(res.status, 400);
  assert.equal((await res.json()).code, "KEY_FORMAT");
  const { privateKey, publicKey } = rsaKeys(2048);
  const ok = await fetch(worker.url, {
    method: "POST",
    body: JSON.stringify({ privateKey: privateKey.export({ type: "pkcs8", format: "pem" }), publicKey: publicKey.export({ type: "spki", format: "pem" }), message: "again" }),
  });
  assert.equal(ok.status, 200);
});
