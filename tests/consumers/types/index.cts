import payseal = require("payseal");

const sign: string = payseal.sign("pem", "m");
void [sign, payseal.PayerMax.ackResponse().status];
