import { categoryLabel } from './categories.js';
import { dayOf } from './words.js';

const FIELDS = [
  ['title', 'In a few words', (value) => value],
  ['terms', 'What we agree to', (value) => value],
  ['why', 'Why it protects us', (value) => value],
  ['category', 'About', categoryLabel],
  ['review_on', 'Look at it again', dayOf],
];

/** The words of one version. With `compareTo`, the fields that differ from it are marked. */
export function Words({ version, compareTo, skipTitle = false }) {
  // Compared, a field the other version has and this one lacks is shown too: as removed.
  const shown = FIELDS.filter(([name]) => (version[name] || compareTo?.[name])
    && !(skipTitle && name === 'title'));
  return (
    <dl class="fields agreement-words">
      {shown.map(([name, label, show]) => {
        const changed = compareTo && (version[name] || null) !== (compareTo[name] || null);
        return [
          <dt key={`${name}-label`}>{label}{changed && <span class="changed"> · changed</span>}</dt>,
          <dd key={`${name}-value`} class={changed ? 'changed' : undefined}>
            {version[name] ? show(version[name]) : '(none)'}
          </dd>,
        ];
      })}
    </dl>
  );
}

/** Old and new next to each other, so a change is read as a change. */
export function SideBySide({ before, after, beforeLabel, afterLabel }) {
  return (
    <div class="versions side-by-side" data-testid="side-by-side">
      <div>
        <h4>{beforeLabel}</h4>
        <Words version={before} />
      </div>
      <div>
        <h4>{afterLabel}</h4>
        <Words version={after} compareTo={before} />
      </div>
    </div>
  );
}
