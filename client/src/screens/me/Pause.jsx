// Scaffold: replaced by the Pause screen.
export function Pause() {
  return <h2>Pause</h2>;
}
