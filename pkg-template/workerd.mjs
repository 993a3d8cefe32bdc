import "./workerd-init.mjs";
export * from "./api.js";
