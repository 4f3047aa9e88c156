// Time together and the idea bank: every write through the outbox, and the answers laid over
// with what still waits there (so a tap shows at once, offline too).
import { createRecord, newId, write } from './store.js';
import { waitingFor, withWaitingWrites } from './waiting.js';

export const JOY = [1, 2, 3, 4, 5];
export const EXPERIENCES = '/api/experiences?limit=50';

export const logExperience = (fields) =>
  createRecord('experiences', fields, `Time together: ${fields.title}`);

/** My own reflection and joy (1–5); changing it names the version it was based on. Each write
 * carries an id made here: sent again after a later one, it changes nothing (server twin:
 * step_replayed in server/records/rules.py). */
export const writeReflection = (experience, fields) =>
  write('PUT', { collection: 'experiences', id: experience.id, action: 'reflection' },
    { ...fields, id: newId() }, 'My reflection');

/** The experiences with waiting writes: new ones first, and my reflection as I wrote it. */
export function withWaitingExperienceWrites(experiences, outbox, me) {
  const writes = waitingFor(outbox, 'experiences').filter((entry) =>
    entry.action === 'reflection');
  return withWaitingWrites(experiences, outbox, 'experiences').map((experience) => {
    const mine = writes.filter((entry) => entry.id === experience.id).at(-1);
    const reflections = experience.reflections || [];
    if (!mine) return { ...experience, reflections };
    const earlier = reflections.find((reflection) => reflection.author_id === me.id);
    return {
      ...experience,
      reflections: [
        ...reflections.filter((reflection) => reflection !== earlier),
        // The server counts a version for each change: the next change names this one.
        // (the body's id is the step's, not the reflection's)
        { ...earlier, text: mine.body.text, joy: mine.body.joy, author_id: me.id, author_name: me.display_name,
          version: mine.body.version ? mine.body.version + 1 : 1, waiting: true },
      ],
    };
  });
}

const ideaTarget = (idea, action) => ({ collection: 'ideas', id: idea.id, action });

// Each step on an idea carries an id made here, as a reflection does.
export const pickIdea = (idea) =>
  write('PUT', ideaTarget(idea, 'pick'), { id: newId() }, `Picked: ${idea.title}`);
export const ideaDone = (idea) =>
  write('PUT', ideaTarget(idea, 'done'), { id: newId() }, `Done: ${idea.title}`);
export const letIdeaGo = (idea) =>
  write('DELETE', ideaTarget(idea, 'pick'), { id: newId() }, `Not now: ${idea.title}`);

/** The idea bank with my waiting picks, "done"s and "not now"s laid over it. */
export function withWaitingIdeaWrites(ideas, outbox) {
  const writes = waitingFor(outbox, 'ideas');
  return ideas.map((idea) => {
    let shown = idea;
    for (const entry of writes) {
      const { id, action } = entry;
      if (id !== idea.id) continue;
      if (entry.method === 'DELETE') shown = { ...shown, picked_at: null, done_at: null };
      else {
        shown = { ...shown, picked_at: shown.picked_at ?? entry.createdAt, waiting: true };
        if (action === 'done') shown.done_at ??= entry.createdAt;
      }
    }
    return shown;
  });
}
