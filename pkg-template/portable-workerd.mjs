import "./workerd-init.mjs";
export * from "./portable-api.js";
