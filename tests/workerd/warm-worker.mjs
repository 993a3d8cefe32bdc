// A worker that warms payseal up at module top level (where a Worker has no
// randomness and its clock reads 0) and then verifies the notifications it
// is sent, reporting the RSA operations the warm-up ran (none).
import { PayerMax, warmUp } from "payseal";

const ran = globalThis[Symbol.for("payseal.rsaOperations")];
const before = { ...ran };
warmUp();
const atStartup = { ...ran };

export default {
  async fetch(request) {
    if (request.method !== "POST") return new Response("ok");
    const { publicKey, body, sign, now } = await request.json();
    const pm = new PayerMax({ appId: "A", merchantNo: "M", platformPublicKey: publicKey });
    try {
      const n = await pm.verifyNotificationAsync(body, sign, { now });
      return Response.json({ before, atStartup, notifyType: n.notifyType, data: n.data, dataIssues: n.dataIssues });
    } catch (e) {
      return Response.json({ code: e.code ?? null, message: String(e.message) }, { status: 500 });
    }
  },
};
