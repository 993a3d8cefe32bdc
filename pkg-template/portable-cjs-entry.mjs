// Bundled into portable.cjs (CommonJS) at build time.
import "./node-cjs-init.mjs";
export * from "./portable-api.js";
