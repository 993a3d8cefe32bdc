// Run with no permission flags at all.
import * as payseal from "payseal";
import { report } from "../shared/roundtrip.mjs";

await report(payseal, `deno ${Deno.version.deno}`);
