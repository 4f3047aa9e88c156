import { useEffect, useState } from 'preact/hooks';
import { explain } from '../../data/settings.js';
import { journalKey, onJournalKey, openJournal } from '../../data/credentials.js';
import { openEntry, sealEntry } from '../../data/sealing.js';
import { changeRecord, createRecord, lastKnownMe, newId, useApi, write } from '../../data/store.js';
import { keepFresh } from '../../data/keptFresh.js';
import { withWaitingWrites } from '../../data/waiting.js';
import { AskFirst, EmptyList, VersionLine, writtenOn } from './parts.jsx';
import './me.css';

// Outbox labels name the kind of write, never its words: the sync status shows them on every
// tab, where a glance over a shoulder should not read a private entry.
//
// Every entry is sealed here before it enters the outbox, and opened here when shown
// (data/sealing.js): the server, the outbox and the phone's copy of the lists hold only
// ciphertext. The key that opens them is on this phone once the password opened it.

const PAGE = 30;
keepFresh('journal', [`/api/journal?limit=${PAGE}`]); // the first page, as shown offline

/** The private journal: readable by its author alone (the server answers nobody else). */
export function Journal({ partner, outbox }) {
  const prompts = useApi('/api/journal/prompts').data || [];
  const key = useJournalKey();
  return (
    <>
      <PrivateNote partnerName={partner?.display_name} />
      {key === null && <OpenJournal />}
      {key && <NewEntry prompts={prompts} sealKey={key} />}
      {key && (
        <section aria-labelledby="entries-title">
          <h2 id="entries-title">My entries</h2>
          <EntryPage prompts={prompts} outbox={outbox} sealKey={key} first />
        </section>
      )}
      <SealedNote />
    </>
  );
}

/** This phone's journal key: undefined while looking, null when the password has not opened
 * the journal here yet (a session from before sealing, or signed in another way). */
function useJournalKey() {
  const [key, setKey] = useState(undefined);
  useEffect(() => {
    let live = true;
    const look = () => journalKey().then((found) => live && setKey(found ?? null));
    look();
    const stop = onJournalKey(look);
    return () => {
      live = false;
      stop();
    };
  }, []);
  return key;
}

function OpenJournal() {
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    const password = new FormData(event.currentTarget).get('password');
    setBusy(true);
    setProblem('');
    try {
      await openJournal((await lastKnownMe())?.email, password);
    } catch (failure) {
      setProblem(explain(failure));
      setBusy(false);
    }
  };
  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="open-title">
      <h2 id="open-title">Open your journal on this phone</h2>
      <p>Your journal is sealed with your password. Type it once to open the journal here; it
        stays open on this phone until you sign out.</p>
      <label>
        Your password
        <input name="password" type="password" autocomplete="current-password" required />
      </label>
      {problem && <p class="problem-text" role="alert">{problem}</p>}
      <button type="submit" disabled={busy}>Open my journal</button>
    </form>
  );
}

/** What is protected, and what is not: said plainly. */
function SealedNote() {
  return (
    <section class="card quiet" aria-labelledby="sealed-title">
      <h2 id="sealed-title">Sealed on this phone</h2>
      <p>Your entries are locked on your phone with your password before they are sent. The
        server keeps them locked: whoever runs it, reads its database or its backups cannot read
        them, and neither can your partner.</p>
      <p>What the server does see: that you wrote an entry, when, when you changed it, and
        roughly how long it is.</p>
      <p>A lost password means a lost journal: nobody, not even whoever runs the server, can
        open it without your password.</p>
      <p>This rests on the app's own code. A server that sent you altered app code could read
        what you type; the installed app keeps the code it installed until it updates.</p>
    </section>
  );
}

function PrivateNote({ partnerName }) {
  return (
    <section class="card private-note" data-testid="private-note" aria-labelledby="journal-title">
      <h2 id="journal-title">
        <svg class="lock-mark" viewBox="0 0 24 24" aria-hidden="true">
          <rect x="5" y="11" width="14" height="10" rx="2" />
          <path d="M8 11V8a4 4 0 0 1 8 0v3" />
        </svg>
        Private journal
      </h2>
      <p><strong>Only you can read this.</strong> Not {partnerName || 'your partner'}, not in
        an export of theirs, not in a reminder. It stays yours if your shared space ends.</p>
      <p class="quiet">It is kept on this phone too, sealed, with the key that opens it, until
        you sign out. If someone else may hold this phone, the app lock in Settings keeps it
        closed.</p>
    </section>
  );
}

const promptTitle = (prompt) => prompt.id.replace(/_/g, ' ');

function NewEntry({ prompts, sealKey }) {
  const [prompt, setPrompt] = useState(null);
  const [text, setText] = useState('');
  const [saved, setSaved] = useState('');
  const question = prompts.find((candidate) => candidate.id === prompt)?.text;

  const save = async (event) => {
    event.preventDefault();
    if (!text.trim()) return;
    // Sealed before it is kept in the outbox: its words never rest on the phone in clear.
    const id = newId();
    const sealed = await sealEntry(sealKey, id, 1, { prompt, text: text.trim() });
    await createRecord('journal', { sealed }, 'Journal entry', id);
    setText('');
    setPrompt(null);
    setSaved(navigator.onLine ? 'Saved in your journal.'
      : 'Kept on this phone. It goes into your journal when you are online again.');
  };
  return (
    <form class="card stack" onSubmit={save} aria-labelledby="write-title">
      <h2 id="write-title">Write</h2>
      {prompts.length > 0 && (
        <fieldset>
          <legend class="quiet">A prompt, if one helps</legend>
          <div class="chips">
            {prompts.map((candidate) => (
              <button key={candidate.id} type="button" class="chip"
                aria-pressed={prompt === candidate.id}
                onClick={() => setPrompt(prompt === candidate.id ? null : candidate.id)}>
                {promptTitle(candidate)}
              </button>
            ))}
          </div>
        </fieldset>
      )}
      <label>
        {question || 'What is on my mind'}
        <textarea rows="6" maxLength={20000} value={text}
          onInput={(event) => {
            setText(event.currentTarget.value);
            setSaved('');
          }} />
      </label>
      <button type="submit" disabled={!text.trim()}>Save in my journal</button>
      {saved && <p class="noticed" role="status">{saved}</p>}
    </form>
  );
}

/** One page of entries; its last one offers the next. Waiting new entries go on the first. */
function EntryPage({ prompts, outbox, sealKey, first, cursor }) {
  const [more, setMore] = useState(false);
  const path = `/api/journal?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  const answer = useApi(path);
  const server = answer.data?.items || [];
  const shown = withWaitingWrites(server, outbox, 'journal', { withNew: first });
  useSealingOfOldEntries(shown, sealKey);
  if (first && !shown.length) {
    return (
      <EmptyList answer={answer}>
        Nothing here yet. What you write stays between you and this page.
      </EmptyList>
    );
  }
  return (
    <>
      <ul class="plain entries" data-testid="journal-entries">
        {shown.map((entry) => (
          <li key={entry.id}><Entry entry={entry} prompts={prompts} sealKey={sealKey} /></li>
        ))}
      </ul>
      {answer.data?.next_cursor && (more
        ? <EntryPage prompts={prompts} outbox={outbox} sealKey={sealKey}
          cursor={answer.data.next_cursor} />
        : <button type="button" class="secondary" onClick={() => setMore(true)}>
          Show older entries
        </button>)}
    </>
  );
}

const sealing = new Set(); // ids of entries from before sealing being sealed now

/** Entries written before the journal was sealed come in clear once: seal each (a change based
 * on its version), so the server keeps no words of it. */
function useSealingOfOldEntries(entries, key) {
  useEffect(() => {
    for (const entry of entries) {
      if (entry.sealed || !entry.text || entry.waiting || sealing.has(entry.id)) continue;
      sealing.add(entry.id);
      sealEntry(key, entry.id, entry.version + 1, { prompt: entry.prompt, text: entry.text })
        .then((sealed) => changeRecord('journal', entry, { sealed }, 'Journal entry sealed'));
    }
  }, [entries, key]);
}

/** {state: 'opening' | 'open' | 'refused', prompt, text}: the entry opened with this phone's
 * key, for the version it claims. One that does not open is never shown. */
function useOpened(entry, key) {
  const [opened, setOpened] = useState({ state: 'opening' });
  // What is opened: the ciphertext for this id and version (or, from before sealing, the
  // words). The same again (the waiting copy replaced by the server's) changes nothing shown,
  // so an edit under way is not reset.
  const sealed = entry.sealed ?? null;
  const plain = sealed ? null : entry.text;
  useEffect(() => {
    let live = true;
    if (!sealed) {
      setOpened({ state: 'open', prompt: entry.prompt, text: plain }); // from before sealing
      return undefined;
    }
    openEntry(key, entry.id, entry.version, sealed)
      .then((words) => live && setOpened({ state: 'open', ...words }))
      .catch(() => live && setOpened({ state: 'refused' }));
    return () => {
      live = false;
    };
  }, [entry.id, entry.version, sealed, plain, key]);
  return opened;
}

function Entry({ entry: record, prompts, sealKey }) {
  const [editing, setEditing] = useState(false);
  const opened = useOpened(record, sealKey);
  const entry = { ...record, prompt: opened.prompt, text: opened.text };
  const question = prompts.find((candidate) => candidate.id === entry.prompt)?.text;
  const target = { collection: 'journal', id: entry.id };
  const titleId = `entry-${entry.id}`;
  return (
    <article class="card entry" aria-labelledby={titleId}>
      <h3 id={titleId}>{writtenOn(entry.occurred_at)}</h3>
      {question && <p class="quiet prompt-question">{question}</p>}
      {opened.state === 'refused' && (
        <p class="problem-text" role="alert">This entry did not open. It is not the one written
          here, or it was changed outside the app, so it is not shown.</p>
      )}
      {opened.state === 'opening' && <p class="quiet">Opening…</p>}
      {opened.state !== 'open' ? null : editing ? (
        <EditEntry entry={entry} sealKey={sealKey} onDone={() => setEditing(false)} />
      ) : (
        <>
          <p class="entry-text">{entry.text}</p>
          <VersionLine record={entry} />
          <AskFirst question="Delete this entry? Its words are erased for good."
            yes="Delete it" onYes={() => write('DELETE', target, undefined, 'Journal entry deleted')}>
            {(ask) => (
              <div class="row">
                <button type="button" class="secondary" onClick={() => setEditing(true)}>
                  Edit
                </button>
                <button type="button" class="secondary" onClick={ask}>Delete</button>
              </div>
            )}
          </AskFirst>
        </>
      )}
    </article>
  );
}

function EditEntry({ entry, sealKey, onDone }) {
  const [text, setText] = useState(entry.text);
  const save = async (event) => {
    event.preventDefault();
    // The version it was based on: a change made meanwhile on another phone is not overwritten.
    // Sealed for the version it will make, so an older ciphertext can never pass for it.
    if (text.trim() && text.trim() !== entry.text) {
      const sealed = await sealEntry(sealKey, entry.id, entry.version + 1,
        { prompt: entry.prompt, text: text.trim() });
      await changeRecord('journal', entry, { sealed }, 'Journal entry changed');
    }
    onDone();
  };
  return (
    <form class="stack" onSubmit={save}>
      <label>
        Change this entry
        <textarea rows="6" maxLength={20000} value={text}
          onInput={(event) => setText(event.currentTarget.value)} />
      </label>
      <div class="row">
        <button type="submit" disabled={!text.trim()}>Save the change</button>
        <button type="button" class="secondary" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
