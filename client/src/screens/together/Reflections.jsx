import { useState } from 'preact/hooks';
import { JOY, writeReflection } from '../../data/experiences.js';

/** Each partner's own reflection on one experience: theirs to read, mine to write or change. */
export function Reflections({ experience, me, partnerName }) {
  const mine = experience.reflections.find((reflection) => reflection.author_id === me.id);
  const theirs = experience.reflections.find((reflection) => reflection.author_id !== me.id);
  const [changing, setChanging] = useState(false);
  return (
    <div class="reflections">
      {mine && !changing ? (
        <Reflection who="You" reflection={mine}>
          <button type="button" class="link" onClick={() => setChanging(true)}>
            Change mine
          </button>
        </Reflection>
      ) : (
        <ReflectionForm experience={experience} mine={mine} onDone={() => setChanging(false)} />
      )}
      {theirs ? (
        <Reflection who={partnerName} reflection={theirs} />
      ) : (
        <p class="quiet" data-testid="partner-reflection">
          {partnerName} has not written theirs yet.
        </p>
      )}
    </div>
  );
}

function Reflection({ who, reflection, children }) {
  return (
    <div class="reflection" data-testid={who === 'You' ? 'my-reflection' : 'partner-reflection'}>
      <p>
        <strong>{who}</strong> · joy {reflection.joy} of 5
        {reflection.waiting && <span class="quiet"> · waiting to sync</span>}
      </p>
      {reflection.text && <p>{reflection.text}</p>}
      {children}
    </div>
  );
}

function ReflectionForm({ experience, mine, onDone }) {
  const [joy, setJoy] = useState(mine?.joy ?? null);
  const [text, setText] = useState(mine?.text ?? '');
  const [said, setSaid] = useState('');
  const save = (event) => {
    event.preventDefault();
    if (!joy) return setSaid('Choose how much joy it brought you, 1 to 5.');
    writeReflection(experience, {
      joy, text: text.trim() || null, ...(mine ? { version: mine.version } : {}),
    });
    onDone();
  };
  return (
    <form class="stack reflection" onSubmit={save}
      aria-label={`My reflection on ${experience.title}`}>
      <fieldset>
        <legend>How much joy did it bring you?</legend>
        <div class="chips joy">
          {JOY.map((value) => (
            <button key={value} type="button" class="chip" aria-pressed={joy === value}
              aria-label={`Joy ${value} of 5`} onClick={() => setJoy(value)}>
              {value}
            </button>
          ))}
        </div>
        <p class="quiet">1 a little · 5 a lot</p>
      </fieldset>
      <label>
        How it was for me <span class="quiet">(optional)</span>
        <textarea rows="2" maxLength={4000} value={text}
          onInput={(event) => setText(event.currentTarget.value)} />
      </label>
      <button type="submit">Save my reflection</button>
      {said && <p role="status">{said}</p>}
    </form>
  );
}
