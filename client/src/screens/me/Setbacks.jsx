// Scaffold: replaced by the Setbacks screen.
export function Setbacks() {
  return <h2>Setbacks</h2>;
}
