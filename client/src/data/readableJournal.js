// My journal as a document to read and print, made on this phone: the server cannot read the
// sealed entries, so its readable export only says they are there. This opens each one from the
// data export (sealed, as the server holds it) with this phone's key and lays it out; the file
// never passes through the server.
import { openEntry } from './sealing.js';

const escape = (text) => String(text).replace(/[&<>"']/g, (char) => ({
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]);

const spelledOut = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long',
  year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The HTML document of `entries` (the export's journal_entry records), opened with `key`. */
export async function readableJournal(entries, key, prompts, name) {
  const parts = [];
  let refused = 0;
  for (const entry of entries.filter((one) => !one.withdrawn_at)) {
    let words = { prompt: entry.prompt, text: entry.text };
    if (entry.sealed) {
      try {
        words = await openEntry(key, entry.id, entry.version, entry.sealed);
      } catch {
        refused += 1;
        continue;
      }
    }
    const question = prompts.find((prompt) => prompt.id === words.prompt)?.text;
    parts.push(`<article><p class="meta">${escape(spelledOut.format(new Date(entry.occurred_at)))}`
      + `</p>${question ? `<h2>${escape(question)}</h2>` : ''}`
      + `<p class="words">${escape(words.text)}</p></article>`);
  }
  const note = refused ? `<p class="meta">${refused} ${refused === 1 ? 'entry' : 'entries'} did not`
    + ' open with this phone\'s key (changed outside the app) and are left out.</p>' : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(name)}'s journal</title>
<style>body{font:16px/1.5 Georgia,serif;max-width:42rem;margin:0 auto;padding:1.5rem 1rem}
article{border-left:3px solid #e6dcc4;padding:.25rem 0 .25rem .75rem;margin:.75rem 0;
break-inside:avoid}.meta{color:#5a554c;font-size:.9rem}.words{white-space:pre-wrap}
h2{font-size:1.05rem;margin:.25rem 0}</style></head><body>
<h1>${escape(name)}'s journal</h1>
<p class="meta">Opened on this phone with your password; nobody else could read it.</p>
${note}${parts.join('\n') || '<p class="meta">No entries.</p>'}
</body></html>`;
}
