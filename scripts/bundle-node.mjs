// Node's ESM entry, in two bundles (called by scripts/build, from the copy of
// the package's modules that it makes for the Node bundles):
//
//   node-api.mjs   what a first signature or verification needs, and
//                  stand-ins for the rest (pkg/node-sync-entry.mjs);
//   node-more.cjs  the rest, loaded by the stand-ins on first use: a
//                  function of node-api.mjs's own modules, so that both
//                  share one wasm instance, one PaysealError and one key
//                  class (pkg/node-more-entry.mjs).
//
// Each module of node-api.mjs that the rest imports becomes, in
// node-more.cjs, the module node-api.mjs passes in under its file name; the
// build stops if one of them is not in SHARED.
//
// usage: node scripts/bundle-node.mjs <modules folder> <output folder>
import { basename, join, relative, resolve } from "node:path";
import { build } from "esbuild";

// The modules of node-api.mjs that node-more.cjs may import.
const SHARED = ["runtime.js", "error.js", "wasm.js", "key-read.js", "message.js", "engine.js", "keys.js", "version.js"];

const [src, out] = process.argv.slice(2).map((p) => resolve(p));
const common = { bundle: true, platform: "node", ignoreAnnotations: true, logLevel: "warning", absWorkingDir: src };
// The names a module exports, read once per module (both bundles ask).
const exportNames = new Map();
const exportsOf = async (file) => {
  if (!exportNames.has(file)) {
    const { metafile } = await build({ entryPoints: [file], format: "esm", write: false, metafile: true, logLevel: "warning", outdir: "." });
    exportNames.set(file, Object.values(metafile.outputs)[0].exports.filter((n) => n !== "default"));
  }
  return exportNames.get(file);
};

// payseal-build:node-api-modules: `nodeApiModules()`, the SHARED modules as
// objects of their exports (values read when node-more.cjs is loaded, after
// every module of node-api.mjs has run; none exports a binding it changes).
const nodeApiModules = {
  name: "node-api-modules",
  setup(b) {
    b.onResolve({ filter: /^payseal-build:node-api-modules$/ }, () => ({ path: "node-api-modules", namespace: "payseal-build" }));
    b.onLoad({ filter: /.*/, namespace: "payseal-build" }, async () => {
      const imports = [];
      const objects = [];
      for (const [i, file] of SHARED.entries()) {
        const names = await exportsOf(join(src, "pkg", file));
        imports.push(`import { ${names.map((n) => `${n} as m${i}_${n}`).join(", ")} } from "./${file}";`);
        objects.push(`  ${JSON.stringify(file)}: { ${names.map((n) => `${n}: m${i}_${n}`).join(", ")} },`);
      }
      return { contents: `${imports.join("\n")}\nexport const nodeApiModules = () => ({\n${objects.join("\n")}\n});\n`, loader: "js", resolveDir: join(src, "pkg") };
    });
  },
};

const core = await build({
  ...common,
  entryPoints: ["pkg/node-sync-entry.mjs"],
  format: "esm",
  external: ["./wasm-inline.js"],
  plugins: [nodeApiModules],
  metafile: true,
  outfile: join(out, "node-api.mjs"),
});
const coreFiles = new Set(Object.keys(core.metafile.inputs).map((p) => resolve(src, p)));

const shared = new Set();
const fromCore = {
  name: "node-api-imports",
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, ({ path, resolveDir }) => {
      const file = resolve(resolveDir, path);
      if (!coreFiles.has(file)) return undefined;
      const name = basename(file);
      if (!SHARED.includes(name)) {
        return { errors: [{ text: `${relative(src, file)} is in node-api.mjs but not in SHARED (scripts/bundle-node.mjs)` }] };
      }
      shared.add(name);
      return { path: name, namespace: "node-api", pluginData: file };
    });
    b.onLoad({ filter: /.*/, namespace: "node-api" }, async ({ path, pluginData }) => ({
      contents: `export const { ${(await exportsOf(pluginData)).join(", ")} } = __core[${JSON.stringify(path)}];`,
      loader: "js",
    }));
  },
};
await build({
  ...common,
  entryPoints: ["pkg/node-more-entry.mjs"],
  format: "cjs",
  plugins: [fromCore],
  banner: {
    js: `"use strict";
// The part of payseal's API that Node's ESM entry (node-api.mjs) loads when a
// call first needs it: a function of node-api.mjs's modules, by file name.
module.exports = function more(__core) {
const module = { exports: {} };`,
  },
  footer: { js: "return module.exports;\n};" },
  outfile: join(out, "node-more.cjs"),
});
console.log(`node-api.mjs passes ${[...shared].sort().join(", ")} to node-more.cjs`);
