// The wasm code's JS glue (payseal_glue.js), as the API modules reach it:
// through glue(), so that Node's entries can load it when a call first
// needs it (wasm-node.js takes this file's place in their bundles) while the
// other entries import it with the API.
import * as glueModule from "./payseal_glue.js";

/** The glue module. */
export const glue = () => glueModule;

/** The glue module if it is loaded (always, here). */
export const loadedGlue = glue;
