import "./node-init.mjs";
export * from "./api.js";
