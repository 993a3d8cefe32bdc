// Bundled for Node (and Bun), then run from dist/ with no package beside it.
import * as payseal from "payseal";
import { report } from "../shared/roundtrip.mjs";

report(payseal, "bun-build for node");
