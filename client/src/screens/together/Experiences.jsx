import { useState } from 'preact/hooks';
import { when } from '../../components/time.js';
import {
  EXPERIENCES, logExperience, withWaitingExperienceWrites,
} from '../../data/experiences.js';
import { useApi } from '../../data/store.js';
import { Reflections } from './Reflections.jsx';
import './rituals.css';

/** Time together: what the two of you did, and each one's own reflection and joy. */
export function Experiences({ me, partner, outbox }) {
  const partnerName = partner?.display_name || 'Your partner';
  const answer = useApi(EXPERIENCES);
  const experiences = withWaitingExperienceWrites(answer.data?.items || [], outbox, me)
    .filter((experience) => !experience.withdrawn_at);
  return (
    <>
      <LogForm partnerName={partnerName} />
      <section aria-labelledby="experiences-title" data-testid="experiences">
        <h2 id="experiences-title">Our time together</h2>
        {experiences.length ? (
          <ul class="plain">
            {experiences.map((experience) => (
              <li key={experience.id} class="card" data-testid="experience">
                <h3 class="experience-title">{experience.title}</h3>
                <p class="quiet">
                  {experience.occurred_at && when(experience.occurred_at)}
                  {experience.waiting && ' · waiting to sync'}
                </p>
                {experience.what_we_did && <p>{experience.what_we_did}</p>}
                <Reflections experience={experience} me={me} partnerName={partnerName} />
              </li>
            ))}
          </ul>
        ) : (
          <p class="quiet">
            {answer.data || answer.offline
              ? 'Nothing logged yet. New good moments, however small, are part of mending.'
              : 'Loading…'}
          </p>
        )}
      </section>
    </>
  );
}

function LogForm({ partnerName }) {
  const [title, setTitle] = useState('');
  const [words, setWords] = useState('');
  const [said, setSaid] = useState('');
  const save = (event) => {
    event.preventDefault();
    if (!title.trim()) return setSaid('Say what you did first.');
    logExperience({ title: title.trim(), what_we_did: words.trim() || null });
    setTitle('');
    setWords('');
    setSaid(`Saved. You and ${partnerName} can each add how it was for you.`);
  };
  return (
    <form class="card stack" onSubmit={save} aria-labelledby="log-title">
      <h2 id="log-title">Log time together</h2>
      <label>
        What did you do together?
        <input value={title} maxLength={200} placeholder="A walk without phones"
          onInput={(event) => setTitle(event.currentTarget.value)} />
      </label>
      <label>
        A few words about it <span class="quiet">(optional)</span>
        <textarea rows="2" maxLength={4000} value={words}
          onInput={(event) => setWords(event.currentTarget.value)} />
      </label>
      <button type="submit">Save</button>
      {said && <p role="status">{said}</p>}
    </form>
  );
}
