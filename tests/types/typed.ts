// Compiled with `tsc --strict` (never run): the generated endpoint types
// catch the mistakes a merchant makes before anything is signed.
import { Cashy, PayerMax, validatePayee } from "payseal";
import type { Endpoint, RequestData, ResponseData, TypedNotification } from "payseal";

declare const pm: PayerMax;

const payout: RequestData<"paymentOrderPay"> = {
  outTradeNo: "P_1",
  country: "ID",
  trade: { amount: "100", currency: "IDR" },
  payeeInfo: { paymentMethodType: "WALLET", targetOrg: "DANA", accountInfo: { accountNo: "0812323233332" }, payeeType: "PERSONAL" },
  clearingRail: "LOCAL",
};
const req = pm.request("paymentOrderPay", payout);
// The same typed object goes to validatePayee (a form checks it before the request).
validatePayee("payermax.payout", payout);
const e: Endpoint = req.endpoint;

// The answer is typed by the request it answers.
const answer = pm.verifyResponse("{}", "sig", req);
if (answer.data) {
  const tradeNo: string = answer.data.tradeNo;
  void tradeNo;
}
const byName = pm.verifyResponse("{}", "sig", { endpoint: "orderQuery" });
const query: ResponseData<"orderQuery"> | null = byName.data;

// Notifications narrow on notifyType.
const n: TypedNotification = pm.verifyNotification(new Uint8Array(), "sig");
if (n.notifyType === "PAYOUT") {
  const tradeNo: string | undefined = n.data.tradeNo;
  void tradeNo;
}
if (n.notifyType === "REFUND") {
  const refund: string | undefined = n.data.outRefundNo;
  void refund;
}
const known: boolean = n.knownType;

// Mistakes the types refuse:
// @ts-expect-error a misspelt endpoint
pm.request("orderAndPayy", {});
// @ts-expect-error a misspelt field name
pm.request("orderQuery", { outTradeNumber: "T_1" });
// @ts-expect-error a value outside the enum
pm.request("paymentOrderPay", { ...payout, clearingRail: "ACH" });
// @ts-expect-error a required field missing (trade)
pm.request("paymentOrderPay", { outTradeNo: "P_1", country: "ID", payeeInfo: payout.payeeInfo });
// @ts-expect-error a field of another notification type
if (n.notifyType === "PAYOUT") void n.data.outRefundNo;

// Callbacks without notifyType have their own entries; answers are typed.
const rfi = pm.verifyRfiNotification("{}", "sig");
const rfiNo: string | undefined = rfi.data.rfiNo;
const bill = pm.verifyBillPaymentValidation("{}", "sig");
const referenceNo: string = bill.data.referenceNo;
for (const issue of [...bill.dataIssues, ...n.dataIssues]) void issue.field;
PayerMax.answer("billPaymentValidation", { referenceNo, minAmount: 20, maxAmount: 300, currency: "PHP", confirmation: "Y" });
PayerMax.answerResponse("REPAYMENT_RECEIPT", { referenceNo, tradeToken: "T1", amount: 40.85, currency: "PHP", confirmation: "N", failureReason: "paid" });
// @ts-expect-error confirmation is "Y" or "N"
PayerMax.answer("billPaymentValidation", { referenceNo, minAmount: 20, maxAmount: 300, currency: "PHP", confirmation: "yes" });
// @ts-expect-error the booking confirmation needs tradeToken
PayerMax.answer("REPAYMENT_RECEIPT", { referenceNo, amount: 40.85, currency: "PHP", confirmation: "Y" });
// @ts-expect-error PAYMENT is acknowledged with PayerMax.ack(), not answered with data
PayerMax.answer("PAYMENT", {});
// @ts-expect-error a bill payment validation carries no time
pm.verifyBillPaymentValidation("{}", "sig", { toleranceSeconds: 60 });
void rfiNo;

// Cashy's requests are typed too.
declare const cashy: Cashy;
cashy.payoutQuery({ orderNo: "PAYOUT1" });
// @ts-expect-error payOutQuery needs orderNo or mchOrderNo
cashy.payoutQuery({ nonceStr: "x" });
// @ts-expect-error bankId is a number
cashy.payout({ accountName: "A", accountNo: "1", accountType: 1, currency: "PEN", amount: "10.00", bankId: "12", mchOrderNo: "P1", notifyUrl: "https://x.example", idType: "DNI", idCard: "1", remark: "r" });

void [e, query, known];
