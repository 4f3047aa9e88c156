// Plain links: nothing is loaded from these sites unless the person opens one.
export function Support() {
  return (
    <section class="card" aria-labelledby="support-title">
      <h2 id="support-title">Support, any time</h2>
      <ul class="plain">
        <li>In danger now: call your local emergency number (112 in Europe, 911 in the US).</li>
        <li>
          Find a free helpline in your country:{' '}
          <a href="https://findahelpline.com" rel="noreferrer">findahelpline.com</a>
        </li>
        <li>
          Domestic abuse, US: <a href="https://www.thehotline.org" rel="noreferrer">thehotline.org</a>,
          1-800-799-7233
        </li>
        <li>
          Domestic abuse, UK: <a href="https://www.nationaldahelpline.org.uk" rel="noreferrer">
            nationaldahelpline.org.uk</a>, 0808 2000 247
        </li>
        <li>A couples counsellor can walk this with you; this app does not replace one.</li>
      </ul>
    </section>
  );
}
