import "./browser-init.mjs";
export * from "./api.js";
