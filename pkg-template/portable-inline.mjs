import "./inline-init.mjs";
export * from "./portable-api.js";
