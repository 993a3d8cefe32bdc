// Only where the shared round-trip module lives (tests/consumers/shared):
// nothing here concerns payseal.
import { fileURLToPath } from "node:url";

export default { turbopack: { root: fileURLToPath(new URL("..", import.meta.url)) } };
