// The payout-recipient form: every keystroke runs the rule set of the
// country and method (the same shape as PayerMax's paymentFieldValidation)
// and shows each field's result; a wallet's account is its phone number.
// payseal is ready as soon as the import resolves.
import { validatePayee, validateField, ruleSets } from "payseal";

const $ = (id) => document.getElementById(id);
const inputs = [...document.querySelectorAll("input, select")];

function data() {
  const out = { country: $("country").value, payeeInfo: { paymentMethodType: $("method").value } };
  for (const el of document.querySelectorAll("[data-path]")) {
    if (!el.value) continue;
    const keys = el.dataset.path.split(".");
    let at = out;
    for (const k of keys.slice(0, -1)) at = at[k] ??= {};
    at[keys.at(-1)] = el.value;
  }
  return out;
}

function show(id, result) {
  const el = $(id);
  const msg = document.querySelector(`.msg[data-for="${id}"]`);
  if (!msg) return;
  el.classList.remove("ok", "bad");
  if (!el.value) {
    msg.textContent = "";
    msg.className = "msg";
    return;
  }
  el.classList.add(result.ok ? "ok" : "bad");
  msg.className = `msg ${result.ok ? "ok" : "bad"}`;
  msg.textContent = result.ok ? "✓ looks right" : result.message;
  msg.dataset.code = result.code ?? "OK";
}

function check() {
  const country = $("country").value;
  const id = `payermax.payout.${country}.${$("method").value}`;
  const summary = $("summary");
  if (!ruleSets().includes(id)) {
    summary.dataset.code = "NO_RULE_SET";
    summary.textContent = `no built-in rule set for ${id}`;
    return;
  }
  const report = validatePayee(id, data(), { parameters: { orderFields: false } });
  for (const el of document.querySelectorAll("[data-path]")) {
    const failed = report.validationFailedFields.find((f) => f.field === el.dataset.path);
    show(el.id, failed ? { ok: false, message: failed.errorMsg, code: failed.code } : { ok: true });
  }
  const phone = $("phone").value ? validateField("phone", $("phone").value, { country }) : null;
  if (phone) show("phone", phone.valid ? { ok: true } : { ok: false, message: phone.message, code: phone.code });
  else show("phone", { ok: true });
  const failures = report.validationFailedFields.length + (phone && !phone.valid ? 1 : 0);
  summary.dataset.code = report.validationCode;
  summary.textContent = failures === 0
    ? `${report.validationCode}: ready to pay out (${id})`
    : `${failures} field(s) to fix (${id})`;
}

for (const el of inputs) el.addEventListener("input", check);
document.body.dataset.ready = "true";
check();
