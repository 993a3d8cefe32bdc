"use client";
// A client component: the round trip in the browser, including a payee
// validated as a form would (validatePayee in the shared round trip).
import { useEffect, useState } from "react";
import * as payseal from "payseal";
import { report } from "../../shared/roundtrip.mjs";

export default function Payee() {
  const [state, setState] = useState("checking");
  useEffect(() => {
    report(payseal, "next.js client component").then(() => setState(globalThis.roundTrip.ok ? globalThis.roundTrip.payee : "failed"));
  }, []);
  return <p id="payee">{state}</p>;
}
