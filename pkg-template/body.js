// Reading a request body with a byte counter: never more than `limit` bytes
// are held, whatever the sender declares (or leaves out: a chunked body has
// no Content-Length).
import { PaysealError, guarded, invalid } from "./error.js";

const DEFAULT_LIMIT = 1024 * 1024;

function tooLarge(limit) {
  return new PaysealError(
    "INPUT_TOO_LARGE",
    `the body is larger than the limit of ${limit} bytes: answer 413 and do not read the rest`,
  );
}

// The declared Content-Length, from fetch Headers or Node's header object;
// undefined when absent or not a plain decimal number (the counter decides).
function declaredLength(headers) {
  if (headers === null || typeof headers !== "object") return undefined;
  const value = typeof headers.get === "function" ? headers.get("content-length") : headers["content-length"];
  if (typeof value !== "string" || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

// One chunk as bytes. Text chunks are refused: a stream decoded to text
// (Node's setEncoding) no longer has the bytes that were signed.
function chunkBytes(chunk) {
  if (chunk instanceof Uint8Array) return chunk;
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === "string") {
    throw invalid("the body stream yields text, not bytes: read the raw bytes (do not call setEncoding on the request)");
  }
  throw invalid("the body stream must yield Uint8Array chunks");
}

// Collects chunks under the limit; `add` throws once the count passes it.
function collector(limit) {
  const chunks = [];
  let size = 0;
  return {
    add(chunk) {
      const bytes = chunkBytes(chunk);
      size += bytes.byteLength;
      if (size > limit) throw tooLarge(limit);
      if (bytes.byteLength > 0) chunks.push(bytes);
    },
    bytes() {
      const out = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.byteLength;
      }
      return out;
    },
  };
}

function unreadable(e) {
  if (e instanceof PaysealError) return e;
  const err = invalid(`the body could not be read to its end (${String(e?.message ?? e)}): the sender may have gone away`);
  err.cause = e;
  return err;
}

// A WHATWG ReadableStream, read chunk by chunk and cancelled on refusal.
async function fromReadableStream(stream, limit) {
  const reader = stream.getReader();
  const body = collector(limit);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return body.bytes();
      body.add(value);
    }
  } catch (e) {
    reader.cancel().catch(() => {});
    throw unreadable(e);
  }
}

// A Node Readable (an http.IncomingMessage): read by events, so that on
// refusal it is only paused and detached, not destroyed; the server can
// still answer 413 on the same connection (and should close it).
function fromNodeReadable(stream, limit) {
  if (stream.readableEnded || stream.destroyed) return Promise.reject(invalid("the body was already read, or its stream closed"));
  return new Promise((resolve, reject) => {
    const body = collector(limit);
    const detach = () => {
      stream.removeListener("data", onData);
      stream.removeListener("end", onEnd);
      stream.removeListener("error", onError);
      stream.removeListener("close", onClose);
    };
    const fail = (e) => {
      detach();
      stream.pause();
      // Later errors of the abandoned stream (the sender going away) are
      // not the caller's concern any more.
      stream.on("error", () => {});
      reject(unreadable(e));
    };
    function onData(chunk) {
      try {
        body.add(chunk);
      } catch (e) {
        fail(e);
      }
    }
    function onEnd() {
      detach();
      resolve(body.bytes());
    }
    function onError(e) {
      fail(e);
    }
    function onClose() {
      fail(new Error("the stream closed before its end"));
    }
    stream.on("data", onData);
    stream.once("end", onEnd);
    stream.once("error", onError);
    stream.once("close", onClose);
    stream.resume();
  });
}

// Any other async iterable of chunks: leaving the loop early ends the
// iteration (a Node stream read this way is destroyed).
async function fromAsyncIterable(iterable, limit) {
  const body = collector(limit);
  try {
    for await (const chunk of iterable) body.add(chunk);
  } catch (e) {
    throw unreadable(e);
  }
  return body.bytes();
}

function limitOf(options) {
  if (options === undefined || options === null) return DEFAULT_LIMIT;
  if (typeof options !== "object") throw invalid("readBody options must be an object: { limit }");
  const { limit = DEFAULT_LIMIT } = options;
  if (!Number.isSafeInteger(limit) || limit < 0) throw invalid("readBody limit must be a whole number of bytes, 0 or more");
  return limit;
}

/**
 * The body of `source` as a Uint8Array of exactly the bytes received, never
 * holding more than `limit` bytes (1 MiB by default): INPUT_TOO_LARGE as
 * soon as the count passes it, or at once when Content-Length says so.
 * `source`: a fetch Request or Response, a ReadableStream, a Node
 * http.IncomingMessage (or other Readable), or an async iterable of chunks.
 */
export const readBody = guarded(async (source, options) => {
  const limit = limitOf(options);
  if (source === null || typeof source !== "object") {
    throw invalid("readBody takes a Request, a Response, a ReadableStream, a Node request or an async iterable of bytes");
  }
  if (typeof source.getReader === "function") return fromReadableStream(source, limit);
  const declared = declaredLength(source.headers);
  if (declared !== undefined && declared > limit) throw tooLarge(limit);
  if ("body" in source && typeof source.headers?.get === "function") {
    if (source.bodyUsed) throw invalid("the body was already read: read it once, with readBody");
    if (source.body === null || source.body === undefined) return new Uint8Array(0);
    if (typeof source.body.getReader !== "function") throw invalid("the Request's body is not a ReadableStream");
    return fromReadableStream(source.body, limit);
  }
  if (typeof source.on === "function" && typeof source.pause === "function") return fromNodeReadable(source, limit);
  if (typeof source[Symbol.asyncIterator] === "function") return fromAsyncIterable(source, limit);
  throw invalid("readBody takes a Request, a Response, a ReadableStream, a Node request or an async iterable of bytes");
});
