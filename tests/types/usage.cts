// The CommonJS side: require() gets the same types.
import payseal = require("payseal");
const pm = new payseal.PayerMax({ appId: "A", merchantNo: "M" });
const ack: string = payseal.PayerMax.ACK;
const s: string = payseal.sign("pem", "m");
const why: payseal.SignatureDiagnosis = payseal.diagnoseSignature("pem", "body", "sig");
const pair: boolean = payseal.checkKeyPair("private", "public").matches;
void [pm, ack, s, why, pair];

// payseal/portable through require(): the same types.
import portable = require("payseal/portable");
const portableOk: boolean = portable.verify(portable.PublicKey.parse("k"), "m", "s");
void [portableOk];
