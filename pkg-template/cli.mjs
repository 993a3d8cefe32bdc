#!/usr/bin/env node
// The payseal command line (`npx payseal ...`):
//   payseal diagnose --key <public key file> --sign <base64> <body file>
//   payseal check-pair <private key file> <public key file>
//   payseal keygen [--out <file>] [--pem] [--force]
// Exit status: 0 when the signature is valid or the keys belong together,
// 1 when not, 2 for a usage error or a file or key that cannot be read.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { PaysealError, checkKeyPair, diagnoseSignature, generateKeyPair, version } from "./node.mjs";

const USAGE = `usage:
  payseal diagnose --key <public key file> --sign <base64 signature> <body file>
  payseal check-pair <private key file> <public key file>
  payseal keygen [--out <file>] [--pem] [--force]

diagnose says why a signature does not verify: the wrong key, another hash,
or which change of the body (the body file is read byte for byte; "-" reads
standard input). check-pair says whether a public key belongs to a private key.
keygen makes a new RSA-2048 merchant key pair: it writes the private key to
--out (default merchant-private-key.txt; one line of base64 PKCS#8, or PEM
with --pem) with permissions 0600, never over an existing file unless --force,
and prints the public key to paste into the PayerMax dashboard.`;

class UsageError extends Error {}

// Key text (PEM or base64), or DER bytes when the file is not text.
function keyFile(path) {
  const bytes = readFileSync(path);
  const text = /^[\t\n\r\x20-\x7e]*$/.test(bytes.toString("latin1"));
  return text ? bytes.toString("utf8") : new Uint8Array(bytes);
}

function print(rows) {
  for (const [name, value] of rows) if (value !== undefined) console.log(`${`${name}:`.padEnd(9)}${value}`);
}

function diagnose(args) {
  const options = { key: { type: "string" }, sign: { type: "string" } };
  const { values, positionals } = parseArgs({ args, options, allowPositionals: true });
  if (values.key === undefined || values.sign === undefined || positionals.length !== 1) {
    throw new UsageError("diagnose needs --key, --sign and one body file");
  }
  const body = new Uint8Array(readFileSync(positionals[0] === "-" ? 0 : positionals[0]));
  const d = diagnoseSignature(keyFile(values.key), body, values.sign);
  print([["verdict", d.verdict], ["variant", d.variant], ["detail", d.detail]]);
  return d.verdict === "VALID" ? 0 : 1;
}

function checkPair(args) {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  if (positionals.length !== 2) throw new UsageError("check-pair needs a private key file and a public key file");
  const c = checkKeyPair(keyFile(positionals[0]), keyFile(positionals[1]));
  print([["matches", String(c.matches)], ["private", c.privateKeyFingerprint], ["public", c.publicKeyFingerprint], ["detail", c.detail]]);
  return c.matches ? 0 : 1;
}

async function keygen(args) {
  const options = { out: { type: "string", default: "merchant-private-key.txt" }, pem: { type: "boolean" }, force: { type: "boolean" } };
  const { values, positionals } = parseArgs({ args, options, allowPositionals: true });
  if (positionals.length !== 0) throw new UsageError("keygen takes no positional arguments (the private key file is --out)");
  const pair = await generateKeyPair();
  // 0600 from creation on (the umask can only remove bits); "wx" refuses an
  // existing file, so a key in use is never overwritten by accident.
  const flag = values.force ? "w" : "wx";
  writeFileSync(values.out, values.pem ? pair.privateKeyPem : `${pair.privateKey}\n`, { mode: 0o600, flag });
  print([["private", `${values.out} (mode 0600; keep it secret, never paste it anywhere)`], ["public", pair.publicKey], ["sha256", pair.fingerprint]]);
  console.log("\nPaste the public line into the PayerMax dashboard (merchant public key).");
  return 0;
}

async function main([command, ...args]) {
  try {
    switch (command) {
      case "diagnose":
        return diagnose(args);
      case "check-pair":
        return checkPair(args);
      case "keygen":
        return await keygen(args);
      case "--version":
        console.log(version);
        return 0;
      case "--help":
      case "-h":
        console.log(USAGE);
        return 0;
      default:
        throw new UsageError(command === undefined ? "no command" : `unknown command ${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError || String(e?.code).startsWith("ERR_PARSE_ARGS")) {
      console.error(`payseal: ${e.message}\n\n${USAGE}`);
    } else if (e instanceof PaysealError) {
      console.error(`payseal: ${e.code}: ${e.message}`);
    } else if (e?.code === "EEXIST") {
      console.error(`payseal: ${e.path} exists; choose another --out, or --force to overwrite it`);
    } else if (["ENOENT", "EISDIR", "EACCES"].includes(e?.code)) {
      console.error(`payseal: ${e.message}`);
    } else {
      throw e;
    }
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
