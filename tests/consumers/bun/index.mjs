import * as payseal from "payseal";
import { report } from "../shared/roundtrip.mjs";

await report(payseal, `bun ${Bun.version} (import)`);
