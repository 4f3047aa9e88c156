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
  const { prompt, mine } = data;
  const myWords = waiting?.text ?? mine?.text;
  return (
    <section class="card stack" aria-labelledby="daily-title">
      <h2 id="daily-title">A question for today</h2>
      <p class="daily-prompt">{prompt.text}</p>
      {myWords == null ? (
        // Folded: the check-in is Today's one primary action; answering, and where the question
        // comes from, are there when wanted.
        <details class="more">
          <summary>Answer today’s question</summary>
          <div class="stack">
            <PathPart prompt={prompt} gentle={data.gentle} />
            <AnswerForm onSave={(text) => answerToday(day, prompt, text)}
              onSkip={() => setSkipped(day)} />
            <PartnerAnswer data={data} partnerName={partnerName} offline={offline} />
          </div>
        </details>
      ) : (
        <>
          <PathPart prompt={prompt} gentle={data.gentle} />
          <MyAnswer words={myWords} waiting={Boolean(waiting)} mine={mine}
            onRevise={(text) => reviseAnswer(day, prompt, mine, text)} />
          <PartnerAnswer data={data} partnerName={partnerName} offline={offline} />
        </>
      )}
    </section>
  );
}

function PathPart({ prompt, gentle }) {
  return (
    <p class="quiet">Part of the path: <a class="tap-link" href="/journey/path" onClick={(event) => {
      event.preventDefault();
      go('journey', 'path');
    }}>{partTitle(prompt.part)}</a>{gentle && ' · a lighter one, after a hard week'}</p>
  );
}

/** The partner's answer once both have answered; until then, only whether they have. */
function PartnerAnswer({ data: { partner, partner_answered: partnerAnswered }, partnerName, offline }) {
  if (partner) {
    return (
      <div class="stack">
        <h3>{partnerName}’s answer</h3>
        <p>{partner.text}</p>
      </div>
    );
  }
  return (
    <p class="quiet" role="status">{partnerAnswered
      ? `${partnerName} has answered. You will both see each other’s answer once yours is in.`
      : `${partnerName} has not answered yet. Neither of you sees the other’s answer until both have answered.`}
      {offline && ' (Shown as last seen: this phone is offline.)'}</p>
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
