import "./node-init.mjs";
export * from "./portable-api.js";
