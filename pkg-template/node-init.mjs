// Node (ESM): compile the module synchronously from the file next to this one.
import { initSync, __setErrorClass } from "./payseal_glue.js";
import { PaysealError } from "./error.js";
import { nodeCryptoLoader } from "./engine.js";

// Built-in modules through process.getBuiltinModule where Node has it
// (20.16 and later): an ESM import of node:fs builds a facade of its exports
// that loads its streams, about 1.5 ms of a cold start.
const { process } = globalThis;
const fs = process.getBuiltinModule?.("node:fs") ?? (await import("node:fs"));

initSync({ module: fs.readFileSync(new URL("./payseal.wasm", import.meta.url)) });
__setErrorClass(PaysealError);
if (!process.getBuiltinModule) {
  // node:crypto for the sync calls, loaded on first use.
  const { createRequire } = await import("node:module");
  nodeCryptoLoader(() => createRequire(import.meta.url)("node:crypto"));
}
