// The simulated Anytype code window, shown only when the demo talks to the built-in stand-in.
// It plays the desktop app's part: when any client asks for a pairing code, it pops up with the
// 4 digits (read from the stand-in's control endpoints through the demo server), and it closes
// itself after 30 s, or as soon as the code has been used, like Anytype's own popup.

/** How long Anytype's code popup stays open (anytype-ts closes it after 30 000 ms). */
export const CODE_WINDOW_SECONDS = 30;

/** How often the window asks the stand-in for new pairing requests. */
const POLL_MS = 400;

async function getJson(path) {
  const answer = await fetch(path, { cache: 'no-store' });
  if (!answer.ok) throw new Error(`stand-in control answered ${answer.status}`);
  return answer.json();
}

/**
 * Starts watching for pairing requests and drives the window `element` (see index.html).
 * `seconds` is how long a code stays visible.
 */
export async function startCodeWindow(element, { seconds = CODE_WINDOW_SECONDS } = {}) {
  const digitsBox = element.querySelector('[data-code-digits]');
  const remaining = element.querySelector('[data-code-remaining]');
  const bar = element.querySelector('[data-code-bar]');
  const closeButton = element.querySelector('[data-code-close]');

  let seenSeq = 0;
  let shown = null; // { challengeId, closesAt, timer }

  const close = () => {
    if (!shown) return;
    clearInterval(shown.timer);
    shown = null;
    element.hidden = true;
    digitsBox.replaceChildren();
    document.body.classList.remove('has-code-window');
  };

  const tick = () => {
    if (!shown) return;
    const left = Math.max(0, Math.ceil((shown.closesAt - Date.now()) / 1000));
    remaining.textContent = `Closes in ${left} s`;
    bar.style.transform = `scaleX(${Math.max(0, (shown.closesAt - Date.now()) / (seconds * 1000))})`;
    if (left === 0) close();
  };

  const show = (challengeId, code) => {
    close();
    digitsBox.replaceChildren(
      ...[...code].map((digit) => {
        const span = document.createElement('span');
        span.textContent = digit;
        return span;
      }),
    );
    shown = { challengeId, closesAt: Date.now() + seconds * 1000, timer: setInterval(tick, 250) };
    element.hidden = false;
    document.body.classList.add('has-code-window');
    tick();
  };

  closeButton.addEventListener('click', close);

  // Requests made before the page opened are not shown: Anytype pops up only when one arrives.
  const initial = await getJson('/_standin/challenges?since=0');
  seenSeq = Math.max(0, ...initial.challenges.map((c) => c.seq));

  const poll = async () => {
    try {
      const { challenges } = await getJson('/_standin/challenges?since=0');
      if (shown && !challenges.some((c) => c.challenge_id === shown.challengeId)) close(); // used: Anytype hides it
      const newest = challenges.filter((c) => c.seq > seenSeq).at(-1);
      if (newest) {
        seenSeq = Math.max(...challenges.map((c) => c.seq));
        // Asking for the code is the stand-in's "Allow" (needed in 2026 mode), as a person's click.
        const { code } = await getJson(`/_standin/code?challenge_id=${encodeURIComponent(newest.challenge_id)}`);
        show(newest.challenge_id, code);
      }
    } catch {
      // The stand-in went away with the demo server; the page itself reports that.
    }
    setTimeout(poll, POLL_MS);
  };
  poll();
}
