// A Worker as wrangler bundles it: payseal through its `workerd` condition,
// the .wasm as a module of its own.
import * as payseal from "payseal";
import { roundTrip } from "../shared/roundtrip.mjs";

export default {
  async fetch() {
    try {
      return Response.json({ ok: true, runtime: "workerd", ...(await roundTrip(payseal)) });
    } catch (e) {
      return Response.json({ ok: false, error: String(e?.stack ?? e) });
    }
  },
};
