// Browsers and bundlers: fetch and instantiate the .wasm beside this file.
// Top-level await makes the package ready as soon as the import resolves.
import init, { __setErrorClass } from "./payseal_glue.js";
import { PaysealError } from "./error.js";

await init({ module_or_path: new URL("./payseal.wasm", import.meta.url) });
__setErrorClass(PaysealError);
