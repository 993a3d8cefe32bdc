const payseal = require("payseal");
import("../shared/roundtrip.mjs").then(({ report }) => report(payseal, `bun ${Bun.version} (require)`));
