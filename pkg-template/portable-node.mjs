// payseal/portable in Node (ESM): the CommonJS entry's exports, so that
// `import` and `require` of payseal/portable share one instance.
export * from "./portable.cjs";
