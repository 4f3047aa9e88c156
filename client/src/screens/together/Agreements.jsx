// Scaffold: replaced by the Agreements screen.
export function Agreements() {
  return <h2>Agreements</h2>;
}
