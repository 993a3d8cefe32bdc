// A route handler verifying a PayerMax webhook: the raw body, then the data.
import { PayerMax, PaysealError, readBody } from "payseal";
import { PLATFORM_PUBLIC_KEY } from "../../../../shared/keys.mjs";

const payermax = new PayerMax({ appId: "consumer-app", merchantNo: "M-1", platformPublicKey: PLATFORM_PUBLIC_KEY });

export async function POST(request) {
  try {
    const body = await readBody(request);
    await payermax.verifyNotificationAsync(body, request.headers.get("sign"));
    return PayerMax.ackResponse();
  } catch (e) {
    if (e instanceof PaysealError) return Response.json({ ok: false, code: e.code }, { status: 401 });
    throw e;
  }
}
