import { useState } from 'preact/hooks';
import { confirmPassword, downloadExport, downloadReadableExport, downloadReadableJournal,
  explain, needsPasswordAgain } from '../../../data/settings.js';
import { ConfirmDialog } from './ConfirmDialog.jsx';

const FORMATS = [
  ['Download a copy to read and print', downloadReadableExport],
  ['Download my journal, readable', downloadReadableJournal],
  ['Download my data', downloadExport],
];

/** Everything I may take with me: a document to read and print, and one JSON file for
 * machines. The server asks for the password again first (anyone holding an unlocked phone
 * must not walk off with it all); the phone asks, then downloads. */
export function ExportData() {
  const [saved, setSaved] = useState('');
  const [problem, setProblem] = useState('');
  const [asking, setAsking] = useState(null); // the download waiting for the password

  const download = (save) => {
    setSaved('');
    setProblem('');
    save().then(setSaved, (failure) => {
      if (needsPasswordAgain(failure)) setAsking(() => save);
      else setProblem(explain(failure));
    });
  };
  return (
    <section class="card stack" aria-labelledby="export-title">
      <h2 id="export-title">My data</h2>
      <p class="quiet">Your journal, your check-ins, the questions and answers with every
        change, your agreements, your time together and your journey in figures, from this
        space and any that ended. Nothing private of your partner is in it. Keep it somewhere
        safe: anyone who opens the file can read it.</p>
      <p class="quiet">Your journal is sealed: the server cannot read it, so the copy to read
        and print says it is there, and your journal to read is made here, on this phone. The
        data download carries it sealed, with what opens it with your password.</p>
      {FORMATS.map(([label, save]) => (
        <button key={label} type="button" class="secondary" onClick={() => download(save)}>
          {label}
        </button>
      ))}
      {saved && <p class="noticed" role="status">Saved as {saved}.</p>}
      {problem && <p class="problem-text" role="alert">{problem}</p>}
      {asking && (
        <ConfirmDialog id="confirm-export" title="Is it you?" confirm="Confirm and download"
          cancel="Not now" askPassword onClose={() => setAsking(null)}
          run={async (password) => {
            await confirmPassword(password);
            const name = await asking();
            setAsking(null);
            setSaved(name);
          }}>
          <p>Your data holds everything you wrote. Type your password to download it; for a
            few minutes after, it is not asked again.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
