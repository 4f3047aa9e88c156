import { when } from '../../components/time.js';
import {
  EXPERIENCES, ideaDone, letIdeaGo, logExperience, pickIdea, withWaitingExperienceWrites,
  withWaitingIdeaWrites,
} from '../../data/experiences.js';
import { useApi } from '../../data/store.js';
import { go } from '../../router.js';
import './rituals.css';

/** Simple things to do together: pick a few, and mark them done when you did them. */
export function Ideas({ me, outbox }) {
  const answer = useApi('/api/ideas');
  // Ideas done that are in Time together already (logged from here, or by the partner).
  const logged = new Set(withWaitingExperienceWrites(useApi(EXPERIENCES).data?.items || [], outbox,
    me).filter((experience) => !experience.withdrawn_at).map((experience) => experience.idea_id));
  const groups = answer.data?.groups || {};
  const ideas = withWaitingIdeaWrites(answer.data?.ideas || [], outbox);
  const picked = ideas.filter((idea) => idea.picked_at && !idea.done_at);
  const done = ideas.filter((idea) => idea.done_at);
  if (!answer.data) {
    return (
      <section class="card" aria-labelledby="picks-title">
        <h2 id="picks-title">Our picks</h2>
        <p class="quiet">
          {answer.offline ? 'The ideas show once this phone has been online.' : 'Loading…'}
        </p>
      </section>
    );
  }
  return (
    <>
      <section class="card" aria-labelledby="picks-title" data-testid="idea-picks">
        <h2 id="picks-title">Our picks</h2>
        {picked.length ? (
          <ul class="plain list">
            {picked.map((idea) => (
              <li key={idea.id} class="idea-line">
                <span>
                  {idea.title}
                  {idea.waiting && <span class="quiet"> · waiting to sync</span>}
                </span>
                <span class="row">
                  <button type="button" aria-label={`We did it: ${idea.title}`}
                    onClick={() => ideaDone(idea)}>
                    We did it
                  </button>
                  <button type="button" class="secondary" aria-label={`Not now: ${idea.title}`}
                    onClick={() => letIdeaGo(idea)}>
                    Not now
                  </button>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="quiet">Nothing picked yet. Choose one or two below that feel possible now.</p>
        )}
      </section>
      {done.length > 0 && (
        <section class="card" aria-labelledby="done-title" data-testid="ideas-done">
          <h2 id="done-title">Done together</h2>
          <ul class="plain list">
            {done.map((idea) => (
              <li key={idea.id}>
                ✓ {idea.title}{' '}
                <span class="quiet">· {idea.waiting ? 'waiting to sync' : when(idea.done_at)}</span>
                <br />
                {logged.has(idea.id) ? (
                  <a href="/together/experiences" onClick={toExperiences}>
                    In Time together
                  </a>
                ) : (
                  <button type="button" class="link" aria-label={`Tell how it was: ${idea.title}`}
                    onClick={(event) => {
                      logExperience({ title: idea.title, idea_id: idea.id });
                      toExperiences(event);
                    }}>
                    Tell how it was
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="card" aria-labelledby="bank-title" data-testid="idea-bank">
        <h2 id="bank-title">Ideas</h2>
        {/* One group open at first; the others folded, so the bank is not a long page. */}
        {Object.entries(groups).map(([group, name], index) => (
          <details key={group} class="more idea-group" open={index === 0}>
            <summary>{name}</summary>
            <ul class="plain list">
              {ideas.filter((idea) => idea.group === group && !idea.picked_at).map((idea) => (
                <li key={idea.id} class="idea-line">
                  <span>{idea.title}</span>
                  <button type="button" class="secondary" aria-label={`Pick: ${idea.title}`}
                    onClick={() => pickIdea(idea)}>
                    Pick
                  </button>
                </li>
              ))}
            </ul>
          </details>
        ))}
      </section>
    </>
  );
}

function toExperiences(event) {
  event.preventDefault();
  go('together', 'experiences');
}
