// Types for payseal: the whole public API, with no `any`. Each file types
// the public part of the JS module of the same name.
export * from "./error.js";
export * from "./input.js";
export * from "./keys.js";
export * from "./payermax.js";
export * from "./payee.js";
export * from "./cashy.js";
export * from "./diagnose.js";
export * from "./ack.js";
export * from "./body.js";
export * from "./warm.js";

/** The package version. */
export const version: string;
