// Scaffold: replaced by the question ledger screen.
export function Truth() {
  return (
    <main class="screen" id="main">
      <h1>Truth</h1>
    </main>
  );
}
