import Payee from "./payee";

export default function Page() {
  return <Payee />;
}
