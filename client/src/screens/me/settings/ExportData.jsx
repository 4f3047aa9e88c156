import { useState } from 'preact/hooks';
import { downloadExport, explain } from '../../../data/settings.js';

/** Everything I may take with me, as one JSON file downloaded to this phone. */
export function ExportData() {
  const [saved, setSaved] = useState('');
  const [problem, setProblem] = useState('');
  const download = () => {
    setSaved('');
    setProblem('');
    downloadExport().then(setSaved, (failure) => setProblem(explain(failure)));
  };
  return (
    <section class="card stack" aria-labelledby="export-title">
      <h2 id="export-title">My data</h2>
      <p class="quiet">One file with your account, what your space holds as you see it, your own
        records from any space that ended, and your private journal. Nothing private of your
        partner is in it. Keep it somewhere safe: anyone who opens the file can read it.</p>
      <button type="button" class="secondary" onClick={download}>Download my data</button>
      {saved && <p class="noticed" role="status">Saved as {saved}.</p>}
      {problem && <p class="problem-text" role="alert">{problem}</p>}
    </section>
  );
}
