// Payee validation: one field, a whole payee against a rule set, the
// built-in rule sets.
import { glue } from "./wasm.js";
import { invalid, guarded } from "./error.js";
import { dataJson, jsonText, optionsJson } from "./input.js";

/** Checks one payee field: `{valid, normalized}` (`phone` adds `phoneType`) or `{valid: false, code, message}`. */
export function validateField(kind, value, context) {
  if (typeof kind !== "string") throw invalid("kind must be a string such as \"pe.cci\"; see the README for the list");
  if (typeof value !== "string") {
    throw invalid("value must be a string (numbers lose leading zeros: pass identifiers as text)");
  }
  // Longer than any kind allows: keep only enough to be refused as too long.
  const text = value.length > 4096 ? value.slice(0, 4097) : value;
  return JSON.parse(glue().validateField(kind, text, optionsJson(context, "{ country: \"PE\" }", "context")));
}

/**
 * Validates payee data against a rule set (a built-in id from `ruleSets()`,
 * or your own rule set as an object or JSON), answering in the shape of
 * PayerMax's paymentFieldValidation.
 */
export function validatePayee(ruleSet, data, options) {
  let id;
  let custom;
  if (typeof ruleSet === "string") {
    if (ruleSet.trimStart().startsWith("{")) custom = ruleSet;
    else id = ruleSet;
  } else if (ruleSet !== null && typeof ruleSet === "object") {
    custom = jsonText(ruleSet, "the rule set");
  } else {
    throw invalid("ruleSet must be a built-in id (see ruleSets()) or a rule set object");
  }
  const opts = optionsJson(options, "{ parameters: { maxAmount: \"5000.00\" } }");
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    if (typeof data !== "string") throw invalid("data must be an object (the `data` of the request) or its JSON");
  }
  return reportOf(glue().validatePayeeReport(id, custom, dataJson(data), opts));
}

// The paymentFieldValidation shape from the core's compact report: the
// validation code, then the passed fields, the ignored fields and the
// failures (field, code, errorMsg for each), each list led by "\x02" and each
// string ended by "\x01"; "\x01", "\x02" and "\x1b" within a string come as
// "\x1b" and the character 0x40 above ("A", "B", "[").
export function reportOf(text) {
  // Read with indexOf and slice, the objects made as the strings are found:
  // under half the time of split and map on Node 22 and 24, a third on Node 20.
  const escaped = text.includes("\x1b");
  let from = text.indexOf("\x02");
  const validationCode = text.slice(0, from++);
  const fields = [[], []];
  const failed = [];
  for (let list = 0; list < 3; list++) {
    const stop = list < 2 ? text.indexOf("\x02", from) : text.length;
    while (from < stop) {
      const end = text.indexOf("\x01", from);
      if (end < 0 || end > stop) break; // never, from the core: no endless loop if so
      const s = escaped ? unescaped(text.slice(from, end)) : text.slice(from, end);
      if (list < 2) fields[list].push({ field: s });
      else failed.push(s);
      from = end + 1;
    }
    from = stop + 1;
  }
  const validationFailedFields = [];
  for (let i = 0; i + 2 < failed.length; i += 3) {
    validationFailedFields.push({ field: failed[i], code: failed[i + 1], errorMsg: failed[i + 2] });
  }
  return { validationCode, validationPassedFields: fields[0], ignoredFields: fields[1], validationFailedFields };
}

function unescaped(s) {
  let out = "";
  let from = 0;
  for (let at = s.indexOf("\x1b"); at >= 0; at = s.indexOf("\x1b", from)) {
    out += s.slice(from, at) + String.fromCharCode(s.charCodeAt(at + 1) - 0x40);
    from = at + 2;
  }
  return out + s.slice(from);
}

/** The ids of the built-in rule sets. */
export function ruleSets() {
  return glue().ruleSets();
}

/**
 * A built-in rule set as its data file has it (`extends` unresolved): read
 * it to write a rule set of your own that extends it.
 */
export function ruleSet(id) {
  if (typeof id !== "string") throw invalid("id must be a built-in rule set id (see ruleSets())");
  return JSON.parse(glue().ruleSet(id));
}

validateField = guarded(validateField);
validatePayee = guarded(validatePayee);
ruleSet = guarded(ruleSet);
