// The sections the next part of the app fills; each says plainly what will be there.
const COMING = {
  truth: ['Truth', [
    'The question ledger: questions written as they surface, over weeks',
    'Answers that keep every revision, with its time',
    '“Needs time” and reopening a question',
  ]],
  together: ['Together', [
    'Agreements you both consent to, with review dates',
    'Rituals: propose, accept, and reminders at the agreed time',
    'Shared experiences, reflections and ideas for time together',
    'A private journal only you can read',
  ]],
  journey: ['Journey', [
    'A timeline over months and years',
    'Trust, safety and connection for both of you, next to consistent actions',
    'Setbacks marked without resetting anything, and anniversaries',
  ]],
};

export function Later({ tab }) {
  const [title, items] = COMING[tab];
  return (
    <main class="screen" id="main">
      <h1>{title}</h1>
      <section class="card">
        <h2>Coming in the next part</h2>
        <p>This section is being built. It will hold:</p>
        <ul>
          {items.map((item) => <li key={item}>{item}</li>)}
        </ul>
      </section>
    </main>
  );
}
