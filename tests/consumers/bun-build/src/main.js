import * as payseal from "payseal";
import { report } from "../../shared/roundtrip.mjs";

report(payseal, "bun-build");
