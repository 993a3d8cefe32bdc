// Warming up payseal's code before its first real call (warmUp).

/**
 * A path `warmUp` can run: `"notifications"` (a `PayerMax` client and what
 * `verifyNotification` / `verifyNotificationAsync` do besides the signature
 * check), `"requests"` (what `request` checks before signing a payout) or
 * `"payees"` (`validatePayee` with the built-in rule sets).
 */
export type WarmUpPath = "notifications" | "requests" | "payees";

/**
 * Runs the given paths once on built-in sample data (all of them by default), so
 * that the JS engine compiles their code now rather than in the first real call:
 * a fresh isolate compiles each function, JS or wasm, when it is first called.
 * Call it at module top level in a Cloudflare Worker (the first request's CPU time
 * then goes to the Worker's startup), or when a page that validates payees has
 * loaded. Uses no key of yours, no randomness and no I/O, and verifies nothing;
 * `INVALID_ARGUMENT` for anything but a list of paths.
 */
export function warmUp(paths?: readonly WarmUpPath[]): void;
