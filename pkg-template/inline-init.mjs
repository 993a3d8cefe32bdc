// Bundlers, Deno and other runtimes: the .wasm comes inlined (base64 in
// wasm-inline.js), so there is no file to locate, fetch or read and nothing
// to configure; compiled synchronously, so no top-level await either.
import wasmBytes from "./wasm-inline.js";
import { initSync, __setErrorClass } from "./payseal_glue.js";
import { PaysealError } from "./error.js";

initSync({ module: wasmBytes() });
__setErrorClass(PaysealError);
