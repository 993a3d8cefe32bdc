// Cloudflare Workers (workerd): the .wasm arrives as a compiled
// WebAssembly.Module; Workers refuse to compile wasm from bytes at run time.
import wasm from "./payseal.wasm";
import { initSync, __setErrorClass } from "./payseal_glue.js";
import { PaysealError } from "./error.js";

initSync({ module: wasm });
__setErrorClass(PaysealError);
