// readBody: a body read with a byte counter, from fetch Requests and
// Responses, ReadableStreams, Node requests (real HTTP on 127.0.0.1) and
// async iterables.
import test from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import http from "node:http";
import { Readable } from "node:stream";
import { createRequire } from "node:module";
import { readBody, PaysealError } from "payseal";
import * as portable from "payseal/portable";

const MiB = 1024 * 1024;
const refused = (code) => (e) => e instanceof PaysealError && e.code === code;

// A byte stream of `total` random bytes in chunks of `chunk`, that counts the
// chunks it produced and whether it was cancelled. highWaterMark 0: nothing
// is produced before it is read.
function countedStream(total, chunk = 64 * 1024) {
  const source = crypto.randomBytes(Math.min(total, 4 * MiB));
  const state = { produced: 0, pulls: 0, cancelled: false };
  const stream = new ReadableStream({
    pull(controller) {
      state.pulls++;
      if (state.produced >= total) return controller.close();
      const n = Math.min(chunk, total - state.produced);
      const at = state.produced % source.length;
      controller.enqueue(new Uint8Array(source.subarray(at, at + n)));
      state.produced += n;
    },
    cancel() {
      state.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, state, expected: () => source.subarray(0, Math.min(total, source.length)) };
}

test("every entry exports readBody, the same function under import and require", () => {
  assert.equal(typeof readBody, "function");
  assert.equal(createRequire(import.meta.url)("payseal").readBody, readBody);
  assert.equal(portable.readBody, readBody);
});

test("exactly the limit is read whole, byte for byte, across chunk boundaries", async () => {
  for (const chunk of [1, 7, 4096, 65536]) {
    const limit = chunk === 1 ? 3000 : MiB;
    const { stream, expected } = countedStream(limit, chunk);
    const res = new Response(stream);
    const bytes = await readBody(res, { limit });
    assert.ok(bytes instanceof Uint8Array);
    assert.equal(bytes.byteLength, limit);
    assert.deepEqual(Buffer.from(bytes), Buffer.from(expected()));
    assert.equal(res.bodyUsed, true);
  }
  // The default limit is 1 MiB.
  assert.equal((await readBody(new Response(countedStream(MiB).stream))).byteLength, MiB);
});

test("one byte over the limit: INPUT_TOO_LARGE, the stream cancelled, the rest never pulled", async () => {
  const { stream, state } = countedStream(MiB + 1, 65536);
  await assert.rejects(readBody(new Response(stream)), (e) => refused("INPUT_TOO_LARGE")(e) && /1048576 bytes/.test(e.message));
  assert.equal(state.cancelled, true);
  assert.equal(state.produced, MiB + 1);

  // An endless body stops being read as soon as the count passes the limit.
  const endless = countedStream(Number.MAX_SAFE_INTEGER, 65536);
  await assert.rejects(readBody(new Request("http://x/", { method: "POST", body: endless.stream, duplex: "half" })), refused("INPUT_TOO_LARGE"));
  assert.equal(endless.state.cancelled, true);
  assert.equal(endless.state.produced, MiB + 65536);

  // limit 0: only the empty body.
  await assert.rejects(readBody(new Response("x"), { limit: 0 }), refused("INPUT_TOO_LARGE"));
  assert.equal((await readBody(new Response(""), { limit: 0 })).byteLength, 0);
});

test("Content-Length: too large is refused before any read; a lie is caught by the counter", async () => {
  const big = countedStream(10);
  const declared = new Response(big.stream, { headers: { "content-length": String(MiB + 1) } });
  await assert.rejects(readBody(declared), refused("INPUT_TOO_LARGE"));
  assert.equal(big.state.pulls, 0);
  assert.equal(declared.bodyUsed, false);

  const lie = countedStream(100, 10);
  await assert.rejects(readBody(new Response(lie.stream, { headers: { "content-length": "5" } }), { limit: 50 }), refused("INPUT_TOO_LARGE"));
  assert.equal(lie.state.cancelled, true);
  assert.equal(lie.state.produced, 60);

  // A declared length under the body's real length does not cut the body.
  const under = countedStream(40, 8);
  assert.equal((await readBody(new Response(under.stream, { headers: { "content-length": "5" } }), { limit: 50 })).byteLength, 40);
  // A header that is not a number decides nothing.
  assert.equal((await readBody(new Response("abc", { headers: { "content-length": "lots" } }), { limit: 3 })).byteLength, 3);
});

test("empty bodies: no body at all, an empty stream, an empty iterable", async () => {
  for (const source of [new Request("http://x/", { method: "POST" }), new Response(null), new Response(""), new Response(new Uint8Array(0))]) {
    const bytes = await readBody(source);
    assert.ok(bytes instanceof Uint8Array);
    assert.equal(bytes.byteLength, 0);
  }
  assert.equal((await readBody((async function* () {})())).byteLength, 0);
  assert.equal((await readBody(Readable.from([]))).byteLength, 0);
});

test("a ReadableStream itself, and a text body as its UTF-8 bytes", async () => {
  assert.deepEqual(await readBody(new Response("héllo").body), new TextEncoder().encode("héllo"));
  assert.deepEqual(await readBody(new Request("http://x/", { method: "POST", body: "{\"a\":1}" })), new TextEncoder().encode("{\"a\":1}"));
});

test("async iterables: chunks of any view type, stopped (return called) at the limit", async () => {
  let finished = false;
  let yielded = 0;
  async function* endless() {
    try {
      for (;;) {
        yielded++;
        yield new Uint8Array(1000);
      }
    } finally {
      finished = true;
    }
  }
  await assert.rejects(readBody(endless(), { limit: 10_000 }), refused("INPUT_TOO_LARGE"));
  assert.equal(finished, true);
  assert.equal(yielded, 11);

  const parts = [new Uint8Array([1, 2]), new Uint16Array([0x0403]).buffer, new DataView(new Uint8Array([9, 5, 6, 9]).buffer, 1, 2)];
  assert.deepEqual([...await readBody((async function* () { yield* parts; })())], [1, 2, 3, 4, 5, 6]);

  // A Node Readable that is not a request: read by events.
  const readable = Readable.from([Buffer.from("ab"), Buffer.from("cd")]);
  assert.deepEqual(Buffer.from(await readBody(readable, { limit: 4 })).toString(), "abcd");
  const over = Readable.from([Buffer.from("ab"), Buffer.from("cde")]);
  await assert.rejects(readBody(over, { limit: 4 }), refused("INPUT_TOO_LARGE"));
});

test("misuse: a body already read, text chunks, a failing stream, bad options", async () => {
  const used = new Response("abc");
  await used.text();
  await assert.rejects(readBody(used), (e) => refused("INVALID_ARGUMENT")(e) && /already read/.test(e.message));
  await assert.rejects(readBody((async function* () { yield "text"; })()), (e) => refused("INVALID_ARGUMENT")(e) && /setEncoding/.test(e.message));
  await assert.rejects(readBody(Readable.from(["a"], { objectMode: true })), refused("INVALID_ARGUMENT"));
  const broken = new ReadableStream({ pull(c) { c.error(new Error("connection reset")); } });
  await assert.rejects(readBody(broken), (e) => refused("INVALID_ARGUMENT")(e) && /connection reset/.test(e.message) && e.cause?.message === "connection reset");
  for (const source of [null, undefined, "body", new Uint8Array(3), 42, {}]) {
    await assert.rejects(readBody(source), refused("INVALID_ARGUMENT"), String(source));
  }
  for (const limit of [-1, 1.5, NaN, "10", Infinity]) {
    await assert.rejects(readBody(new Response("x"), { limit }), refused("INVALID_ARGUMENT"), String(limit));
  }
  await assert.rejects(readBody(new Response("x"), 5), refused("INVALID_ARGUMENT"));
});

// A node:http server whose handler reads with readBody; answers 413 with
// Connection: close on refusal.
async function nodeServer(limit) {
  const reads = [];
  const server = http.createServer(async (req, res) => {
    try {
      const bytes = await readBody(req, { limit });
      reads.push(bytes);
      res.writeHead(200, { "content-type": "text/plain" }).end(crypto.createHash("sha256").update(bytes).digest("hex"));
    } catch (e) {
      const status = e.code === "INPUT_TOO_LARGE" ? 413 : 400;
      res.writeHead(status, { "content-type": "text/plain", connection: "close" }).end(e.code);
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { server, reads, port: server.address().port };
}

// POSTs `chunks` (a function that writes into the request) and resolves with the answer.
function post(port, headers, write) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode, text }));
    });
    req.on("error", reject);
    write(req);
  });
}

test("a Node request: exact limit, limit + 1, Content-Length too large, all on real HTTP", async () => {
  const limit = 100_000;
  const { server, port } = await nodeServer(limit);
  try {
    const exact = crypto.randomBytes(limit);
    const ok = await post(port, {}, (req) => {
      for (let i = 0; i < limit; i += 4096) req.write(exact.subarray(i, i + 4096));
      req.end();
    });
    assert.deepEqual(ok, { status: 200, text: crypto.createHash("sha256").update(exact).digest("hex") });

    // Chunked (written before end): no Content-Length, only the counter.
    const over = await post(port, {}, (req) => {
      req.write(crypto.randomBytes(limit + 1));
      req.end();
    });
    assert.deepEqual(over, { status: 413, text: "INPUT_TOO_LARGE" });

    const declared = await post(port, {}, (req) => req.end(Buffer.alloc(limit + 1))); // Content-Length set by end(data)
    assert.deepEqual(declared, { status: 413, text: "INPUT_TOO_LARGE" });

    const empty = await post(port, {}, (req) => req.end());
    assert.equal(empty.status, 200);
    assert.equal(empty.text, crypto.createHash("sha256").update(Buffer.alloc(0)).digest("hex"));
  } finally {
    server.close();
  }
});

test("a Node request streaming without end: 413 arrives while the sender is still sending", async () => {
  const { server, port } = await nodeServer(MiB);
  try {
    let sent = 0;
    let answered = false;
    const answer = await new Promise((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/" }, (res) => {
        answered = true;
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode, text, sent }));
      });
      req.on("error", (e) => (answered ? undefined : reject(e)));
      const chunk = Buffer.alloc(64 * 1024, 0x78);
      const pump = () => {
        while (!answered && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) return req.once("drain", pump);
        }
      };
      pump();
    });
    assert.equal(answer.status, 413);
    assert.equal(answer.text, "INPUT_TOO_LARGE");
    // Far less than an unbounded read would have taken in.
    assert.ok(answer.sent < 64 * MiB, `sent ${answer.sent}`);
  } finally {
    server.close();
  }
});
