// Bundled into node.cjs (CommonJS) at build time; node.mjs re-exports it.
import "./node-init.mjs";
export * from "./api.js";
