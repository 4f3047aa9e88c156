import { useState } from 'preact/hooks';
import { CATEGORIES } from './categories.js';
import { monthsFromToday } from './words.js';

const EMPTY = { category: CATEGORIES[0].name, title: '', terms: '', why: '', review_on: '' };
const REVIEW_SHORTCUTS = [[1, 'In a month'], [3, 'In 3 months'], [6, 'In 6 months']];

/** The words of an agreement: a new proposal, or a change (then `initial` holds the words in
 * force, to edit). `onSubmit` gets the fields as the server wants them. */
export function AgreementForm({ heading, intro, initial, submitLabel, onSubmit, onCancel,
  examples = false, children }) {
  const [fields, setFields] = useState({ ...EMPTY, ...initial, why: initial?.why || '',
    review_on: initial?.review_on || '' });
  const set = (name) => (event) => setFields({ ...fields, [name]: event.currentTarget.value });
  const ready = fields.title.trim() && fields.terms.trim();
  const category = CATEGORIES.find((item) => item.name === fields.category) || CATEGORIES.at(-1);

  function submit(event) {
    event.preventDefault();
    if (!ready) return;
    onSubmit({
      category: fields.category,
      title: fields.title.trim(),
      terms: fields.terms.trim(),
      why: fields.why.trim() || null,
      review_on: fields.review_on || null,
    });
  }

  return (
    <form class="stack agreement-form" onSubmit={submit} aria-labelledby="agreement-form-title">
      <h2 id="agreement-form-title" tabIndex={-1}>{heading}</h2>
      {intro && <p class="quiet">{intro}</p>}
      {children}
      <fieldset>
        <legend>What it is about</legend>
        <div class="chips compact">
          {CATEGORIES.map((item) => (
            <button key={item.name} type="button" class="chip" aria-pressed={item.name === fields.category}
              onClick={() => setFields({ ...fields, category: item.name })}>
              {item.label}
            </button>
          ))}
        </div>
      </fieldset>
      {/* Examples help a first proposal, and are folded so the form stays short. */}
      {examples && (
        <details class="more examples">
          <summary>Start from an example</summary>
          <p>Tap one to fill in the words, then make them yours.</p>
          <ul class="plain">
            {category.examples.map((example) => (
              <li key={example.title}>
                <button type="button" class="link" onClick={() => setFields({ ...fields, ...example })}>
                  {example.title}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      <label>
        In a few words
        <input name="title" value={fields.title} onInput={set('title')} maxLength={200} required />
      </label>
      <label>
        What we agree to
        <textarea name="terms" rows="3" value={fields.terms} onInput={set('terms')} maxLength={4000}
          required />
      </label>
      <label>
        Why it protects us <span class="quiet">(if you like)</span>
        <textarea name="why" rows="2" value={fields.why} onInput={set('why')} maxLength={2000} />
      </label>
      <fieldset class="stack">
        <legend>When to look at it again together</legend>
        <div class="chips">
          {REVIEW_SHORTCUTS.map(([months, label]) => (
            <button key={months} type="button" class="chip"
              aria-pressed={fields.review_on === monthsFromToday(months)}
              onClick={() => setFields({ ...fields, review_on: monthsFromToday(months) })}>
              {label}
            </button>
          ))}
        </div>
        <label>
          Review date <span class="quiet">(leave empty for none)</span>
          <input type="date" name="review_on" value={fields.review_on} onInput={set('review_on')} />
        </label>
      </fieldset>
      {!ready && <p class="quiet">It needs a few words and what you agree to.</p>}
      <div class="row">
        <button type="submit" disabled={!ready}>{submitLabel}</button>
        <button type="button" class="secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
