// Node (ESM): the CommonJS entry's exports, so that a process that both
// imports and requires payseal has one wasm instance, one PaysealError class
// and keys usable across the two.
export * from "./node.cjs";
