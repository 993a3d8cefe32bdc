// The CommonJS side of bare.ts.
import payseal = require("payseal");
const ack: payseal.AckResponse = payseal.PayerMax.ackResponse();
const ok: boolean = payseal.verify("pem", "m", payseal.sign("pem", "m"));
void [ack.status, ok];
