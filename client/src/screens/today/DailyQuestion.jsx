import { useState } from 'preact/hooks';
import { answerToday, reviseAnswer, useTodaysQuestion } from '../../data/daily.js';
import { go } from '../../router.js';
import { partTitle } from '../path/parts.js';

/** A question for today: each answers on their own phone; the partner's answer shows only once
 * both have answered. "Not today" only closes it on this phone: skipping leaves no mark. */
export function DailyQuestion({ partnerName, outbox }) {
  const { data, offline, day, waiting } = useTodaysQuestion(outbox);
  const [skipped, setSkipped] = useState(null);
  if (!data?.prompt || skipped === day) return null;
  const { prompt, mine, partner, partner_answered: partnerAnswered } = data;
  const myWords = waiting?.text ?? mine?.text;
  return (
    <section class="card stack" aria-labelledby="daily-title">
      <h2 id="daily-title">A question for today</h2>
      <p class="daily-prompt">{prompt.text}</p>
      <p class="quiet">Part of the path: <a class="tap-link" href="/journey/path" onClick={(event) => {
        event.preventDefault();
        go('journey', 'path');
      }}>{partTitle(prompt.part)}</a>{data.gentle && ' · a lighter one, after a hard week'}</p>
      {myWords == null ? (
        <AnswerForm onSave={(text) => answerToday(day, prompt, text)}
          onSkip={() => setSkipped(day)} />
      ) : (
        <MyAnswer words={myWords} waiting={Boolean(waiting)} mine={mine}
          onRevise={(text) => reviseAnswer(day, prompt, mine, text)} />
      )}
      {partner ? (
        <div class="stack">
          <h3>{partnerName}’s answer</h3>
          <p>{partner.text}</p>
        </div>
      ) : (
        <p class="quiet" role="status">{partnerAnswered
          ? `${partnerName} has answered. You will both see each other’s answer once yours is in.`
          : `${partnerName} has not answered yet. Neither of you sees the other’s answer until both have answered.`}
          {offline && ' (Shown as last seen: this phone is offline.)'}</p>
      )}
    </section>
  );
}

function AnswerForm({ onSave, onSkip, initial = '', label = 'Share my answer', skipLabel = 'Not today' }) {
  const [text, setText] = useState(initial);
  const save = (event) => {
    event.preventDefault();
    if (text.trim()) onSave(text.trim());
  };
  return (
    <form class="stack" onSubmit={save}>
      <label>
        Your answer
        <textarea rows="3" maxLength={4000} value={text}
          onInput={(event) => setText(event.currentTarget.value)} />
      </label>
      <div class="row">
        <button type="submit">{label}</button>
        <button type="button" class="secondary" onClick={onSkip}>{skipLabel}</button>
      </div>
    </form>
  );
}

function MyAnswer({ words, waiting, mine, onRevise }) {
  const [changing, setChanging] = useState(false);
  if (changing) {
    return <AnswerForm initial={words} label="Save the change" skipLabel="Keep it as it was" onSkip={() => setChanging(false)}
      onSave={(text) => {
        onRevise(text);
        setChanging(false);
      }} />;
  }
  return (
    <div class="stack">
      <h3>Your answer</h3>
      <p>{words}</p>
      {waiting && <p class="quiet">Waiting to sync</p>}
      {mine && mine.revisions.length > 0 && <p class="quiet">Changed {mine.revisions.length}×; both of you can see the earlier words.</p>}
      {mine && !waiting && (
        <button type="button" class="secondary" onClick={() => setChanging(true)}>
          Change my answer
        </button>
      )}
    </div>
  );
}
