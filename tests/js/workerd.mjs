// Serves a worker in workerd (the Cloudflare Workers runtime, from npm) on
// 127.0.0.1. The worker is bundled the way wrangler does it: "payseal"
// resolved through its `workerd` export condition, the .wasm kept as a
// separate WebAssembly module.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync, copyFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../../..");
const bin = (name) => join(root, "node_modules/.bin", name);

export async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * Serves `entry` in workerd; `bindings` are text bindings, `wasm` the module to serve, `nodejsCompat`
 * whether the nodejs_compat flag is on (it is by default, as in wrangler
 * projects that use Node APIs). Ready once a request is answered, or with
 * `untouched`, once the socket accepts connections (the worker has then
 * served no request yet).
 * `durableObjects` maps binding names to Durable Object classes the entry
 * exports (SQLite storage, which workerd keeps on disk only), kept in
 * `storageDir` (give the same one to a restarted workerd) or else in a new
 * directory; `services` maps
 * binding names to HTTP servers ("127.0.0.1:port") the worker reaches
 * through a service binding.
 */
export async function startWorker(entry, {
  bindings = {}, wasm = join(root, "pkg/payseal.wasm"), nodejsCompat = true, untouched = false,
  durableObjects = {}, storageDir, services = {},
} = {}) {
  const dir = mkdtempSync(join(tmpdir(), "payseal-workerd-"));
  const { execFileSync } = await import("node:child_process");
  execFileSync(bin("esbuild"), [
    entry, "--bundle", "--format=esm", "--platform=neutral", "--conditions=workerd,worker,browser",
    "--external:*.wasm", "--external:cloudflare:*", "--log-level=error", `--outfile=${join(dir, "worker.mjs")}`,
  ]);
  const classes = [...new Set(Object.values(durableObjects))];
  if (classes.length && !storageDir) mkdirSync((storageDir = join(dir, "durable-objects")));
  const extraServices = [
    ...(classes.length ? [`(name = "do-storage", disk = (path = ${JSON.stringify(storageDir)}, writable = true))`] : []),
    ...Object.entries(services).map(([name, address]) => `(name = "svc-${name}", external = (address = ${JSON.stringify(address)}, http = ()))`),
  ];
  const objectConfig = classes.length ? `
  durableObjectNamespaces = [
${classes.map((c) => `    (className = ${JSON.stringify(c)}, uniqueKey = ${JSON.stringify(`payseal-test-${c}`)}, enableSql = true),`).join("\n")}
  ],
  durableObjectStorage = (localDisk = "do-storage"),` : "";
  copyFileSync(wasm, join(dir, "payseal.wasm"));
  writeFileSync(join(dir, "config.capnp"), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker), ${extraServices.join(", ")} ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "payseal.wasm", wasm = embed "payseal.wasm"),
  ],
  bindings = [
${Object.entries(bindings).map(([name, text]) => `    (name = ${JSON.stringify(name)}, text = ${JSON.stringify(text)}),`).join("\n")}
${Object.entries(durableObjects).map(([name, c]) => `    (name = ${JSON.stringify(name)}, durableObjectNamespace = ${JSON.stringify(c)}),`).join("\n")}
${Object.keys(services).map((name) => `    (name = ${JSON.stringify(name)}, service = "svc-${name}"),`).join("\n")}
  ],${objectConfig}
  compatibilityDate = "2025-09-01",
  compatibilityFlags = [${nodejsCompat ? '"nodejs_compat"' : ""}],
);
`);
  const port = await freePort();
  const child = spawn(bin("workerd"), ["serve", join(dir, "config.capnp"), "--socket-addr", `http=127.0.0.1:${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const connects = () => new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => resolve(socket.end()));
    socket.on("error", reject);
  });
  for (let i = 0; ; i++) {
    try {
      await (untouched ? connects() : fetch(url + "/__ready"));
      break;
    } catch {
      if (child.exitCode !== null || i > 200) throw new Error(`workerd did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    pid: child.pid,
    log: () => log,
    stop: () => new Promise((r) => { child.once("exit", r); child.kill(); }),
  };
}
