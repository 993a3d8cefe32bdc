// Compiled strictly with lib es2022 alone (no DOM lib, no @types/node).
import { PayerMax, PaysealError, validateField } from "payseal";

const ack = PayerMax.ackResponse();
const valid: boolean = validateField("pe.cci", "00219300247595201411").valid;
const e: PaysealError | null = null;
void [ack.status, valid, e];
