// Scaffold: replaced by the Ideas screen.
export function Ideas() {
  return <h2>Ideas</h2>;
}
