// The webhook path alone, for the benchmark's first-request figure: a fresh
// isolate builds its PayerMax client, verifies a notification with
// verifyNotificationAsync and acknowledges it (no storage: the Worker
// example adds a Durable Object, whose first call locally runs on the same
// thread).
import { PayerMax } from "payseal";

let client;
export default {
  async fetch(request, env) {
    client ??= new PayerMax({
      appId: env.PAYERMAX_APP_ID,
      merchantNo: env.PAYERMAX_MERCHANT_NO,
      platformPublicKey: env.PAYERMAX_PLATFORM_PUBLIC_KEY,
    });
    await client.verifyNotificationAsync(await request.text(), request.headers.get("sign"));
    return new Response(PayerMax.ACK, { headers: { "content-type": "application/json" } });
  },
};
