// A worker that runs the same signatures and verifications through
// "payseal" and "payseal/portable" (both through their `workerd` export)
// and reports the answers and which engine ran them.
import * as payseal from "payseal";
import * as portable from "payseal/portable";
import { compareEngines } from "../js/engine-cases.mjs";

export default {
  async fetch(request) {
    if (request.method !== "POST") return new Response("ok");
    const { keys, messages } = await request.json();
    try {
      return Response.json(compareEngines(payseal, portable, keys, messages));
    } catch (e) {
      return Response.json({ code: e.code ?? null, message: String(e.message) }, { status: 500 });
    }
  },
};
