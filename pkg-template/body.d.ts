// Reading a request body with a byte counter (readBody).

/** The reader of a body stream, as far as readBody uses it. */
export interface BodyReaderLike {
  read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
  cancel(reason?: unknown): Promise<void>;
}

/** A WHATWG `ReadableStream` of bytes, typed without the DOM lib. */
export interface BodyStreamLike {
  getReader(): BodyReaderLike;
}

/** A fetch `Request` or `Response`, typed without the DOM lib or Workers types. */
export interface BodyMessageLike {
  readonly headers: { get(name: string): string | null };
  readonly body: BodyStreamLike | null;
  readonly bodyUsed: boolean;
}

/**
 * What readBody reads: a fetch `Request` or `Response`, a `ReadableStream`, or an
 * async iterable of byte chunks (a Node `http.IncomingMessage` is one).
 */
export type BodySource = BodyMessageLike | BodyStreamLike | AsyncIterable<Uint8Array>;

/** Options of readBody. */
export interface ReadBodyOptions {
  /** The most bytes accepted (whole number, 0 or more). Default 1 MiB (1048576), the most the verifications take. */
  limit?: number;
}

/**
 * The body as a Uint8Array of exactly the bytes received, counted chunk by chunk:
 * never more than `limit` bytes are held. Rejects with `INPUT_TOO_LARGE` as soon as
 * the count passes the limit (the stream is cancelled, a Node request paused and
 * left for a 413 answer), or before reading when `Content-Length` already says more;
 * `INVALID_ARGUMENT` for a body already read, a stream that fails or ends early, or
 * text chunks.
 */
export function readBody(source: BodySource, options?: ReadBodyOptions): Promise<Uint8Array>;
