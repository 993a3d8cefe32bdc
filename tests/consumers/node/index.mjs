import * as payseal from "payseal";
import { createRequire } from "node:module";
import { report } from "../shared/roundtrip.mjs";

// One process that both imports and requires payseal has one wasm instance.
const required = createRequire(import.meta.url)("payseal");
if (required.PaysealError !== payseal.PaysealError) throw new Error("import and require loaded two instances");
await report(payseal, `node ${process.version} (import)`);
