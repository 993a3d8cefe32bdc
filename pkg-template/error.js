import { rngAdvice } from "./runtime.js";

/** Every error payseal throws: an Error with a stable `code`. */
export class PaysealError extends Error {
  constructor(code, message, details) {
    // The core cannot tell which runtime it is in: the advice for missing
    // randomness is written here.
    super(code === "RNG_UNAVAILABLE" ? rngAdvice() : message);
    this.name = "PaysealError";
    this.code = code;
    // More properties from the core, as JSON text (e.g. `validation`).
    if (typeof details === "string") Object.assign(this, JSON.parse(details));
  }
}

/** A caller's argument of the wrong type or shape. */
export function invalid(message) {
  return new PaysealError("INVALID_ARGUMENT", message);
}

// Every public entry point answers or throws a PaysealError: an exception
// from a caller's object (a throwing getter, a hostile Proxy) becomes
// INVALID_ARGUMENT, with the original as `cause`.
export function asPaysealError(e) {
  if (e instanceof PaysealError) return e;
  const err = new PaysealError("INVALID_ARGUMENT", `an argument could not be read: ${String(e?.message ?? e)}`);
  err.cause = e;
  return err;
}

/** `fn`, throwing (or rejecting with) only PaysealErrors. */
export function guarded(fn) {
  return function (...args) {
    try {
      const out = fn.apply(this, args);
      return out instanceof Promise ? out.catch((e) => { throw asPaysealError(e); }) : out;
    } catch (e) {
      throw asPaysealError(e);
    }
  };
}

/** Guards every method of a class and its prototype (getters and the constructor excepted). */
export function guardMethods(cls) {
  for (const target of [cls.prototype, cls]) {
    for (const name of Object.getOwnPropertyNames(target)) {
      const d = Object.getOwnPropertyDescriptor(target, name);
      if (name !== "constructor" && name !== "prototype" && typeof d.value === "function") target[name] = guarded(d.value);
    }
  }
}

/**
 * A class that, called without `new`, throws a PaysealError (the engine's
 * own TypeError would escape the codes callers switch on). Everything else
 * (instanceof, statics, subclassing) goes to the class itself. `name` is the
 * name it is exported by: a bundler may rename the class itself.
 */
export function constructOnly(cls, name) {
  Object.defineProperty(cls, "name", { value: name });
  return new Proxy(cls, {
    apply() {
      throw invalid(`${name} is a class: create one with new ${name}(...)`);
    },
  });
}
