// A route handler verifying a PayerMax webhook: the raw body, then the data.
import { PayerMax, PaysealError } from "payseal";
import { PLATFORM_PUBLIC_KEY } from "../../../../shared/keys.mjs";

const payermax = new PayerMax({ appId: "consumer-app", merchantNo: "M-1", platformPublicKey: PLATFORM_PUBLIC_KEY });

export async function POST(request) {
  try {
    const notification = await payermax.verifyNotificationAsync(new Uint8Array(await request.arrayBuffer()), request.headers.get("sign"));
    return Response.json({ ok: true, outTradeNo: notification.data.outTradeNo });
  } catch (e) {
    if (e instanceof PaysealError) return Response.json({ ok: false, code: e.code }, { status: 401 });
    throw e;
  }
}
