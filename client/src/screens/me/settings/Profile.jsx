import { useState } from 'preact/hooks';
import { rename, waitingChange } from '../../../data/settings.js';

/** Who I am here; my name is what my partner sees, and can change (kept until it syncs). */
export function Profile({ me, partner, outbox }) {
  const [named, setNamed] = useState(null);
  const waiting = waitingChange(outbox, '/api/me')?.display_name;
  const name = named || waiting || me.display_name;
  const [editing, setEditing] = useState(false);

  const save = (event) => {
    event.preventDefault();
    const typed = new FormData(event.currentTarget).get('display_name').trim();
    if (typed && typed !== name) {
      rename(typed);
      setNamed(typed);
    }
    setEditing(false);
  };
  return (
    <section class="card stack profile" aria-labelledby="profile-title">
      <div>
        <h2 id="profile-title">{name}</h2>
        <p class="quiet">{me.email}</p>
        {partner && <p class="quiet">Sharing a space with {partner.display_name}.</p>}
      </div>
      {waiting && <p class="quiet">Your new name is waiting to sync.</p>}
      {editing ? (
        <form class="stack" onSubmit={save}>
          <label>
            My name (your partner sees it)
            <input name="display_name" defaultValue={name} maxLength={60} required
              autocomplete="given-name" />
          </label>
          <div class="row">
            <button type="submit">Save my name</button>
            <button type="button" class="secondary" onClick={() => setEditing(false)}>Cancel</button>
          </div>
        </form>
      ) : (
        <button type="button" class="secondary" onClick={() => setEditing(true)}>
          Change my name
        </button>
      )}
    </section>
  );
}
