// first-notification-worker.js with warmUp(["notifications"]) at module top
// level: the benchmark's first-request figure after a warm-up at startup.
import { warmUp } from "payseal";
export { default } from "./first-notification-worker.js";

warmUp(["notifications"]);
