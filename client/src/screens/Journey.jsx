// Scaffold: replaced by the journey screen (timeline, charts, anniversaries).
export function Journey() {
  return (
    <main class="screen" id="main">
      <h1>Journey</h1>
    </main>
  );
}
