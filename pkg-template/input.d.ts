// What payseal takes from its caller: messages, raw bodies, JSON values.

/** A message to sign or verify: a string (signed as UTF-8) or bytes. */
export type Message = string | Uint8Array | ArrayBuffer;
/** A raw HTTP body exactly as received: text or bytes, never a parsed object. */
export type RawBody = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** JSON values accepted as request `data`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };
export type JsonObject = { [key: string]: JsonValue | undefined };
