// Compiled with lib es2022 alone (no DOM lib, no @types/node): the package's
// types need no global the project has not declared.
import { PayerMax, Cashy, PrivateKey, sign, verify, validatePayee } from "payseal";
import type { AckResponse, ResponseLike } from "payseal";

declare const pem: string;
const key = PrivateKey.parse(pem);
const ok: boolean = verify(key.publicKey(), "m", sign(key, "m"));
const ack: AckResponse = PayerMax.ackResponse();
const like: ResponseLike = Cashy.ackResponse();
const status: number = ack.status;
const text: Promise<string> = like.text();
const code: "PASS" | "PARAMS_INVALID" = validatePayee("cashy.pe.payout", {}).validationCode;
void [ok, status, text, code];

// readBody without the DOM lib: structural request-like objects and async iterables.
import { readBody } from "payseal";
import type { BodyMessageLike } from "payseal";
declare const message: BodyMessageLike;
declare const chunks: AsyncIterable<Uint8Array>;
const read: Promise<Uint8Array> = readBody(message);
const readChunks: Promise<Uint8Array> = readBody(chunks, { limit: 1 });
void [read, readChunks];
