import "./inline-init.mjs";
export * from "./api.js";
