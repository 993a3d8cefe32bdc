// A worker that signs and verifies inside a request, importing payseal
// through its `workerd` export.
import { PayerMax, PrivateKey, PublicKey, sign, verify, signAsync, verifyAsync, PaysealError, diagnoseSignature, checkKeyPair } from "payseal";

export default {
  async fetch(request) {
    if (request.method !== "POST") return new Response("ok");
    try {
      const { privateKey, publicKey, message } = await request.json();
      const key = PrivateKey.parse(privateKey);
      const pub = PublicKey.parse(publicKey);
      const signature = sign(key, message);
      const pm = new PayerMax({ appId: "A", merchantNo: "M", privateKey, baseUrl: "http://127.0.0.1:1" });
      const req = pm.request("orderQuery", { outTradeNo: message }, { check: false });
      const reqAsync = await pm.requestAsync("orderQuery", { outTradeNo: message }, { requestTime: JSON.parse(req.body).requestTime, check: false });
      return Response.json({
        signature,
        signatureAsync: await signAsync(key, message),
        verified: verify(pub, message, signature),
        verifiedAsync: await verifyAsync(pub, message, signature),
        rejectsTampered: !verify(pub, message + "x", signature),
        diagnosis: diagnoseSignature(pub, message + "\n", signature),
        pairs: checkKeyPair(key, pub).matches,
        request: req,
        requestAsync: reqAsync,
      });
    } catch (e) {
      const status = e instanceof PaysealError ? 400 : 500;
      return Response.json({ code: e.code ?? null, message: String(e.message) }, { status });
    }
  },
};
