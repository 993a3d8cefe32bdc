import "./browser-init.mjs";
export * from "./portable-api.js";
