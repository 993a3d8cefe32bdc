import * as payseal from "payseal/browser";
import { report } from "../../shared/roundtrip.mjs";

report(payseal, "webpack, payseal/browser");
