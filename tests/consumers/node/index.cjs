const payseal = require("payseal");
import("../shared/roundtrip.mjs").then(({ report }) => report(payseal, `node ${process.version} (require)`));
