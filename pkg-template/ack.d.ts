// The acknowledgement as a fetch Response.

/** The part of a fetch `Response` that an acknowledgement has, for projects typed without the DOM lib or @types/node. */
export interface ResponseLike {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/**
 * The runtime's fetch `Response` where the project's types declare it (DOM lib,
 * @types/node, Workers types), else {@link ResponseLike}: no global type is required.
 */
export type AckResponse = typeof globalThis extends { Response: { prototype: infer R } } ? R : ResponseLike;
