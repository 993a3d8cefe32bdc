// Bundled into node.cjs (CommonJS) at build time.
import "./node-cjs-init.mjs";
export * from "./api.js";
