// Which JavaScript runtime this is, for error messages that say what to do there.

/** The runtime's name and version, e.g. "Node.js 20.20.2". */
export function runtimeName() {
  const g = globalThis;
  if (g.navigator?.userAgent === "Cloudflare-Workers") return "Cloudflare Workers";
  if (g.Deno?.version?.deno) return `Deno ${g.Deno.version.deno}`;
  if (g.process?.versions?.bun) return `Bun ${g.process.versions.bun}`;
  if (g.process?.versions?.node) return `Node.js ${g.process.versions.node}`;
  if (typeof g.navigator?.userAgent === "string") return `this browser (${g.navigator.userAgent})`;
  return "this JavaScript runtime";
}

/** Why secure random numbers failed here, and what to do. */
export function rngAdvice() {
  const name = runtimeName();
  if (name === "Cloudflare Workers") {
    return "no secure random number source in Cloudflare Workers at module top level: call this inside a request handler";
  }
  if (typeof globalThis.crypto?.getRandomValues !== "function") {
    return `no secure random number source: ${name} has no globalThis.crypto.getRandomValues (payseal needs Web Crypto: Node.js 20 or later, Deno, Bun, Cloudflare Workers or a current browser)`;
  }
  return `no secure random number source: crypto.getRandomValues failed in ${name}`;
}
