// The Worker example's Durable Object alone, for the benchmark's share of
// the example's first webhook request that is the object's: the same call
// (HandledEvents.handleOnce on a fresh object, its SQLite table created,
// the handler run, the key recorded), for the same notification, without
// payseal reading or verifying it. Locally the object runs on the Worker's
// thread; on Cloudflare it runs, and is billed, as its own object.
export { HandledEvents } from "../www-example/worker/src/index.js";

export default {
  async fetch(request, env) {
    const n = JSON.parse(await request.text());
    // As stable across redeliveries as the example's eventKey (the
    // benchmark sends the same event three times).
    const key = `${n.notifyType}:${JSON.stringify(n.data)}`;
    const event = { eventKey: key, notifyType: n.notifyType, data: n.data, dataIssues: [] };
    await env.HANDLED_EVENTS.get(env.HANDLED_EVENTS.idFromName(key)).handleOnce(key, "payermax", event);
    return new Response('{"code":"SUCCESS","msg":"Success"}', { headers: { "content-type": "application/json" } });
  },
};
