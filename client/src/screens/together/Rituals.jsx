// Scaffold: replaced by the Rituals screen.
export function Rituals() {
  return <h2>Rituals</h2>;
}
