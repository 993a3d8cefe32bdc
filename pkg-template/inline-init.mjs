// Bundlers, Deno and other runtimes: the .wasm comes inlined (base64 in
// wasm-inline.js), so there is no file to locate, fetch or read and nothing
// to configure; compiled synchronously when a call first needs it, so no
// top-level await either, and an import decodes and compiles nothing.
import wasmBytes from "./wasm-inline.js";
import { initSync, __setErrorClass, __setLazyInit } from "./payseal_glue.js";
import { PaysealError } from "./error.js";

__setLazyInit(() => {
  initSync({ module: wasmBytes() });
  __setErrorClass(PaysealError);
});
