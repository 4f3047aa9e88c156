// iPhone and iPad: Safari installs from the Share menu only, and reminders (push) work only in
// the installed app. Elsewhere the browser offers installing by itself.
export function isIosSafari() {
  const ua = navigator.userAgent;
  const ios = /iPad|iPhone|iPod/.test(ua) || (ua.includes('Macintosh') && navigator.maxTouchPoints > 1);
  return ios && !navigator.standalone;
}

export function InstallHint({ always = false }) {
  if (!always && !isIosSafari()) return null;
  return (
    <section class="card hint" aria-label="Add to Home Screen">
      <h2>Add Kintsugi to your Home Screen</h2>
      <ol>
        <li>Tap the Share button (the square with an arrow) in Safari.</li>
        <li>Choose “Add to Home Screen”, then “Add”.</li>
        <li>Open Kintsugi from the Home Screen. On iPhone, reminders work only there.</li>
      </ol>
    </section>
  );
}
