// Node (ESM): compile the module synchronously from the file next to this one.
import { readFileSync } from "node:fs";
import { initSync, __setErrorClass } from "./payseal_glue.js";
import { PaysealError } from "./error.js";
import { createRequire } from "node:module";
import { nodeCryptoLoader } from "./engine.js";

initSync({ module: readFileSync(new URL("./payseal.wasm", import.meta.url)) });
__setErrorClass(PaysealError);
// Where process.getBuiltinModule is missing (Node < 20.16).
nodeCryptoLoader(() => createRequire(import.meta.url)("node:crypto"));
