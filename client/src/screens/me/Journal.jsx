// Scaffold: replaced by the Journal screen.
export function Journal() {
  return <h2>Journal</h2>;
}
