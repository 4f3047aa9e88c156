// Scaffold: replaced by the Experiences screen.
export function Experiences() {
  return <h2>Experiences</h2>;
}
