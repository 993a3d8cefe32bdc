// Consumer projects, as a new user meets the package: each project installs
// the tarball that `npm pack` makes from pkg/, builds with its bundler, and
// runs the round trip of shared/roundtrip.mjs in Node 20/22/24, Bun, Deno,
// headless Chromium or workerd; then publint and @arethetypeswrong/cli judge
// the tarball.
//   node --test tests/consumers/run.mjs      (after scripts/build)
// The tools (bundlers, Bun, Deno, the Node lines) are installed once into
// tests/consumers/node_modules from package.json and its lock, and skipped
// when present; npm's cache serves later installs.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, startWorker } from "../js/workerd.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const tool = (name) => join(here, "node_modules/.bin", name);
const nodeOf = (major) => join(here, `node_modules/node${major}/bin/node`);
const pack = join(here, ".pack");

// No colours, update checks or telemetry from the tools.
const quiet = { NO_COLOR: "1", FORCE_COLOR: "0", DENO_NO_UPDATE_CHECK: "1", NEXT_TELEMETRY_DISABLED: "1" };

function sh(cmd, args, { cwd = here, env, statuses = [0] } = {}) {
  const r = spawnSync(cmd, args, {
    cwd, encoding: "utf8", timeout: 300_000, maxBuffer: 64 << 20,
    env: { ...process.env, ...quiet, ...env },
  });
  const out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (!statuses.includes(r.status)) throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) exited ${r.status ?? r.signal ?? r.error}:\n${out}`);
  return out;
}

before(() => {
  const installed = join(here, "node_modules/.package-lock.json");
  if (!existsSync(installed) || statSync(join(here, "package-lock.json")).mtimeMs > statSync(installed).mtimeMs) {
    // `npm install` follows the lock; `npm ci` refuses a lock written on one
    // platform (it lists Bun's and Deno's optional packages for others).
    sh("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"]);
  }
  rmSync(pack, { recursive: true, force: true });
  mkdirSync(pack);
  const [{ filename }] = JSON.parse(sh("npm", ["pack", join(root, "pkg"), "--pack-destination", pack, "--json", "--loglevel=error"]));
  renameSync(join(pack, filename), join(pack, "payseal.tgz"));
});

/** Installs the packed tarball into a project (its only dependency), then runs its build script, if any; once a run. */
const installedProjects = new Set();
function install(project) {
  const dir = join(here, project);
  if (installedProjects.has(project)) return dir;
  for (const stale of ["node_modules", "dist", ".next"]) rmSync(join(dir, stale), { recursive: true, force: true });
  sh("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error"], { cwd: dir });
  if (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).scripts?.build) sh("npm", ["run", "--silent", "build"], { cwd: dir });
  installedProjects.add(project);
  return dir;
}

/**
 * Where a round trip's RSA operations ran (up to its refused webhook): the
 * sync ones in node:crypto wherever the runtime has it (Node, Bun, Deno,
 * workerd with nodejs_compat), none in the wasm code; in a browser none in
 * node:crypto, the sync ones in wasm; the async ones in WebCrypto in both.
 */
function assertEngines(result, native) {
  const { engines } = result;
  const where = `${result.runtime}: ${JSON.stringify(engines)}`;
  assert.ok(engines.webCrypto > 0, where);
  if (native) assert.ok(engines.native > 0 && engines.wasm === 0, where);
  else assert.ok(engines.native === 0 && engines.wasm > 0, where);
}

/** The round trip's result from the `ROUNDTRIP {json}` line a runtime printed. */
function roundTripOf(output) {
  const line = output.split("\n").find((l) => l.startsWith("ROUNDTRIP "));
  assert.ok(line, `no round trip reported:\n${output}`);
  const result = JSON.parse(line.slice("ROUNDTRIP ".length));
  assert.equal(result.ok, true, output);
  assert.equal(result.payee, "PASS");
  assertEngines(result, true);
  return result;
}

/** Runs bundles from a folder of their own, with no node_modules above them. */
function isolated(dir, files) {
  const to = mkdtempSync(join(tmpdir(), "payseal-bundle-"));
  for (const f of files) cpSync(join(dir, f), join(to, f.split("/").pop()));
  return to;
}

// Headless Chromium (Debian's; never a downloaded browser) and a static server
// on 127.0.0.1 over a project's folders, for the bundled browser apps.
let browser;
after(() => browser?.close());

async function inChromium(dirs, path = "/", origin) {
  if (!browser) {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    });
  }
  const utf8 = (type) => `${type}; charset=utf-8`;
  const types = { ".html": utf8("text/html"), ".js": utf8("text/javascript"), ".mjs": utf8("text/javascript"), ".wasm": "application/wasm" };
  const server = createServer((req, res) => {
    const asked = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    for (const d of dirs) {
      const file = resolve(d, `.${asked.endsWith("/") ? `${asked}index.html` : asked}`);
      if (file.startsWith(d + sep) && existsSync(file) && statSync(file).isFile()) {
        res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
        return res.end(readFileSync(file));
      }
    }
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("response", (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  try {
    await page.goto(`${origin ?? `http://127.0.0.1:${server.address().port}`}${path}`);
    await page.waitForFunction(() => globalThis.roundTrip, null, { timeout: 60_000 }).catch(() => {});
    const result = await page.evaluate(() => globalThis.roundTrip);
    assert.deepEqual(problems, []);
    assert.equal(result?.ok, true, JSON.stringify(result));
    assert.equal(result.payee, "PASS");
    assertEngines(result, false);
  } finally {
    await page.close();
    server.close();
  }
}

const browserApp = (project) => async () => {
  const dir = install(project);
  await inChromium([join(dir, "dist"), join(dir, "public")]);
};

for (const major of [20, 22, 24]) {
  test(`Node ${major}: import, and import + require in one process`, () => {
    const out = sh(nodeOf(major), ["index.mjs"], { cwd: install("node") });
    assert.match(roundTripOf(out).runtime, new RegExp(`^node v${major}\\.`));
  });
  test(`Node ${major}: require`, () => {
    roundTripOf(sh(nodeOf(major), ["index.cjs"], { cwd: install("node") }));
  });
  // With require(esm), `import` and `require` both take node-api.mjs (the
  // `module-sync` condition); a Node without it takes node.mjs / node.cjs,
  // still one instance (the same project, and the flag that Node's own
  // tests use to turn require(esm) off).
  test(`Node ${major}: the entry each resolves to, and a Node without require(esm)`, () => {
    const dir = install("node");
    const off = "--no-experimental-require-module";
    const entries = (...flags) => sh(nodeOf(major), [...flags, "--input-type=module", "-e",
      `import { createRequire } from "node:module";
       const name = (p) => p.slice(p.lastIndexOf("/") + 1);
       console.log(name(import.meta.resolve("payseal")), name(createRequire(import.meta.url).resolve("payseal")),
         name(import.meta.resolve("payseal/portable")), name(createRequire(import.meta.url).resolve("payseal/portable")));`,
    ], { cwd: dir }).trim();
    assert.equal(entries(), "node-api.mjs node-api.mjs portable-sync.mjs portable-sync.mjs");
    assert.equal(entries(off), "node.mjs node.cjs portable-node.mjs portable.cjs");
    assert.match(roundTripOf(sh(nodeOf(major), [off, "index.mjs"], { cwd: dir })).runtime, new RegExp(`^node v${major}\\.`));
    roundTripOf(sh(nodeOf(major), [off, "index.cjs"], { cwd: dir }));
  });
}

test("Bun: import and require", () => {
  const dir = install("bun");
  roundTripOf(sh(tool("bun"), ["index.mjs"], { cwd: dir }));
  roundTripOf(sh(tool("bun"), ["index.cjs"], { cwd: dir }));
});

test("Deno, with no permission flags", () => {
  roundTripOf(sh(tool("deno"), ["run", "index.mjs"], { cwd: install("deno") }));
});

test("webpack 5, default configuration, in Chromium; payseal/browser with the .wasm as an asset", async () => {
  const dir = install("webpack");
  await inChromium([join(dir, "dist"), join(dir, "public")]);
  assert.ok(readdirSync(join(dir, "dist/url")).some((f) => f.endsWith(".wasm")), "webpack emitted the .wasm");
  await inChromium([join(dir, "dist"), join(dir, "public")], "/url/");
});
test("Vite, in Chromium", browserApp("vite"));
test("Rollup with node-resolve, in Chromium", browserApp("rollup"));

test("esbuild: platform browser in Chromium; platform node as CJS and ESM", async () => {
  const dir = install("esbuild");
  await inChromium([join(dir, "dist"), join(dir, "public")]);
  const alone = isolated(dir, ["dist/node.cjs", "dist/node.mjs"]);
  roundTripOf(sh(process.execPath, ["node.cjs"], { cwd: alone }));
  roundTripOf(sh(process.execPath, ["node.mjs"], { cwd: alone }));
});

test("bun build: target browser in Chromium; targets node and bun", async () => {
  const dir = install("bun-build");
  await inChromium([join(dir, "dist"), join(dir, "public")]);
  const alone = isolated(dir, ["dist/node.mjs", "dist/bun.mjs"]);
  roundTripOf(sh(process.execPath, ["node.mjs"], { cwd: alone }));
  roundTripOf(sh(tool("bun"), ["bun.mjs"], { cwd: alone }));
});

test("workerd: bundled as wrangler does, the .wasm as a module", async () => {
  const dir = install("workerd");
  const worker = await startWorker(join(dir, "worker.mjs"), { wasm: join(dir, "node_modules/payseal/payseal.wasm") });
  try {
    const result = await (await fetch(worker.url)).json();
    assert.equal(result.ok, true, `${JSON.stringify(result)}\n${worker.log()}`);
    assertEngines(result, true); // startWorker turns nodejs_compat on, as wrangler projects that use Node APIs do
  } finally {
    await worker.stop();
  }
});

/**
 * Starts a project's own server (`args` given the port) on 127.0.0.1 and
 * waits until it answers; `stop()` ends its whole process group.
 */
async function server(dir, args) {
  const port = await freePort();
  const child = spawn(process.execPath, args(String(port)), {
    cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...quiet },
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = () => child.exitCode === null && process.kill(-child.pid);
  for (let i = 0; ; i++) {
    try {
      await fetch(url);
      return { url, log: () => log, stop };
    } catch {
      if (child.exitCode !== null || i > 300) {
        stop();
        throw new Error(`${args("PORT").join(" ")} did not start:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

test("Vite dev server, in Chromium", async () => {
  const dir = install("vite");
  const vite = await server(dir, (port) => [join(here, "node_modules/vite/bin/vite.js"), "--host", "127.0.0.1", "--port", port, "--strictPort"]);
  try {
    await inChromium([], "/", vite.url);
  } finally {
    vite.stop();
  }
});

test("Next.js app router: a route handler verifies a webhook; a client component validates a payee in Chromium", async () => {
  const dir = install("nextjs");
  const next = await server(dir, (port) => [join(here, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", port]);
  try {
    const { PayerMax } = await import("payseal"); // the repository's build signs the test webhook
    const { PLATFORM_KEY } = await import("./shared/keys.mjs");
    const hook = new PayerMax({ appId: "consumer-app", merchantNo: "M-1" })
      .generateTestNotification({ notifyType: "PAYMENT", data: { outTradeNo: "NEXT-1", status: "SUCCESS" } }, PLATFORM_KEY);
    const post = (body) => fetch(`${next.url}/api/webhook`, { method: "POST", headers: hook.headers, body });
    const good = await post(hook.body);
    assert.deepEqual([good.status, await good.text()], [200, PayerMax.ACK], next.log());
    const forged = await post(hook.body.replace("NEXT-1", "NEXT-2"));
    assert.deepEqual([forged.status, await forged.json()], [401, { ok: false, code: "SIGNATURE_INVALID" }]);
    await inChromium([], "/", next.url);
  } finally {
    next.stop();
  }
});

test("TypeScript, strict, lib es2022 alone: node16, nodenext, bundler, commonjs", () => {
  const dir = install("types");
  for (const [module, resolution] of [["node16", "node16"], ["nodenext", "nodenext"], ["preserve", "bundler"], ["commonjs", "node10"]]) {
    sh(tool("tsc"), ["-p", "tsconfig.json", "--module", module, "--moduleResolution", resolution], { cwd: dir });
  }
});

test("publint --strict on the tarball", () => {
  assert.match(sh(tool("publint"), ["run", "--strict", join(pack, "payseal.tgz")]), /All good/);
});

test("@arethetypeswrong/cli on the tarball", () => {
  // attw exits 1 when it reports anything; the report decides.
  const out = sh(tool("attw"), [join(pack, "payseal.tgz"), "--format", "json"], { statuses: [0, 1] });
  const report = JSON.parse(out.slice(out.indexOf("{")));
  // `payseal/browser` is ESM with top-level await, for browsers: require() and
  // node10 (no exports map) cannot reach it, by design.
  const accepted = (p) => p.entrypoint === "./browser" && (p.kind === "CJSResolvesToESM" || p.resolutionKind === "node10");
  const problems = (report.analysis?.problems ?? report.problems ?? []).filter((p) => !accepted(p));
  assert.deepEqual(problems, []);
});

test("every project folder is tested", () => {
  const projects = readdirSync(here, { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join(here, e.name, "package.json")));
  const tested = readFileSync(fileURLToPath(import.meta.url), "utf8");
  for (const { name } of projects) if (name !== "node_modules") assert.match(tested, new RegExp(`install\\("${name}"\\)|browserApp\\("${name}"\\)`), name);
});
