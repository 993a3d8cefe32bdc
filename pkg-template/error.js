/** Every error payseal throws: an Error with a stable `code`. */
export class PaysealError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "PaysealError";
    this.code = code;
  }
}
