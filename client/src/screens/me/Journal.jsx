import { useState } from 'preact/hooks';
import { changeRecord, createRecord, useApi, write } from '../../data/store.js';
import { keepFresh } from '../../data/keptFresh.js';
import { withWaitingWrites } from '../../data/waiting.js';
import { AskFirst, EmptyList, VersionLine, writtenOn } from './parts.jsx';
import './me.css';

// Outbox labels name the kind of write, never its words: the sync status shows them on every
// tab, where a glance over a shoulder should not read a private entry.

const PAGE = 30;
keepFresh('journal', [`/api/journal?limit=${PAGE}`]); // the first page, as shown offline

/** The private journal: readable by its author alone (the server answers nobody else). */
export function Journal({ partner, outbox }) {
  const prompts = useApi('/api/journal/prompts').data || [];
  return (
    <>
      <PrivateNote partnerName={partner?.display_name} />
      <NewEntry prompts={prompts} />
      <section aria-labelledby="entries-title">
        <h2 id="entries-title">My entries</h2>
        <EntryPage prompts={prompts} outbox={outbox} first />
      </section>
    </>
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
      <p class="quiet">It is kept on this phone too, until you sign out. If someone else may hold
        this phone, the app lock in Settings keeps it closed.</p>
    </section>
  );
}

const promptTitle = (prompt) => prompt.id.replace(/_/g, ' ');

function NewEntry({ prompts }) {
  const [prompt, setPrompt] = useState(null);
  const [text, setText] = useState('');
  const [saved, setSaved] = useState('');
  const question = prompts.find((candidate) => candidate.id === prompt)?.text;

  const save = (event) => {
    event.preventDefault();
    if (!text.trim()) return;
    createRecord('journal', { prompt, text: text.trim() }, 'Journal entry');
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
function EntryPage({ prompts, outbox, first, cursor }) {
  const [more, setMore] = useState(false);
  const path = `/api/journal?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  const answer = useApi(path);
  const server = answer.data?.items || [];
  const shown = withWaitingWrites(server, outbox, 'journal', { withNew: first });
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
          <li key={entry.id}><Entry entry={entry} prompts={prompts} /></li>
        ))}
      </ul>
      {answer.data?.next_cursor && (more
        ? <EntryPage prompts={prompts} outbox={outbox} cursor={answer.data.next_cursor} />
        : <button type="button" class="secondary" onClick={() => setMore(true)}>
          Show older entries
        </button>)}
    </>
  );
}

function Entry({ entry, prompts }) {
  const [editing, setEditing] = useState(false);
  const question = prompts.find((candidate) => candidate.id === entry.prompt)?.text;
  const target = { collection: 'journal', id: entry.id };
  const titleId = `entry-${entry.id}`;
  return (
    <article class="card entry" aria-labelledby={titleId}>
      <h3 id={titleId}>{writtenOn(entry.occurred_at)}</h3>
      {question && <p class="quiet prompt-question">{question}</p>}
      {editing ? (
        <EditEntry entry={entry} onDone={() => setEditing(false)} />
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

function EditEntry({ entry, onDone }) {
  const [text, setText] = useState(entry.text);
  const save = (event) => {
    event.preventDefault();
    // The version it was based on: a change made meanwhile on another phone is not overwritten.
    if (text.trim() && text.trim() !== entry.text) {
      changeRecord('journal', entry, { text: text.trim() }, 'Journal entry changed');
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
