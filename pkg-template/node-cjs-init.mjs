// Bundled into node.cjs and portable.cjs (CommonJS) at build time: same
// glue, same .wasm.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { initSync, __setErrorClass } from "./payseal_glue.js";
import { PaysealError } from "./error.js";
import { nodeCryptoLoader } from "./engine.js";

initSync({ module: readFileSync(join(__dirname, "payseal.wasm")) });
__setErrorClass(PaysealError);
nodeCryptoLoader(() => require("node:crypto"));
