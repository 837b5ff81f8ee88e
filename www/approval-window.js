// The approval part of the simulated Anytype window, as Anytype of 2026 shows it when an app asks
// to pair (anytype-ts's approval form): the app's name, marked as its own claim; where the request
// came from; a space picker ("All spaces, including ones you create later", or chosen spaces, none
// preselected: Allow waits for a choice); Read only or Read and write (read preselected, as HTTP
// callers cannot ask for more); a warning while the choice is narrowed, since such keys do not
// work with apps that use /v1; Allow and Deny, and Deny's fine print.
//
// It is only a view: simulated-anytype.js shows it for a waiting request and plays the choice to
// the stand-in.
import { minutesAndSeconds } from './time-text.js';

/**
 * Drives the approval form `form` (see index.html, `[data-approval]`). `spaces` are the
 * account's (`[{ id, name }]`); `onAllow(request, spaces, permission)` gets `'all'` or a list of
 * space ids and `read` or `readwrite`; `onDeny(request)`. Both may return a Promise; the buttons
 * stay busy until it settles.
 */
export function createApprovalWindow(form, { spaces, onAllow, onDeny }) {
  const appName = form.querySelector('[data-approval-app]');
  const source = form.querySelector('[data-approval-source]');
  const spaceList = form.querySelector('[data-approval-space-list]');
  const warning = form.querySelector('[data-approval-warning]');
  const allow = form.querySelector('[data-approval-allow]');
  const deny = form.querySelector('[data-approval-deny]');
  const left = form.querySelector('[data-approval-left]');
  const spaceChoice = (value) => form.querySelector(`input[name="approval-spaces"][value="${value}"]`);

  spaceList.replaceChildren(
    ...spaces.map((space) => {
      const label = document.createElement('label');
      label.className = 'approval-choice approval-space';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'approval-space';
      box.value = space.id;
      label.append(box, ` ${space.name}`);
      return label;
    }),
  );
  const spaceBoxes = [...spaceList.querySelectorAll('input')];

  let shown = null; // { request, timer }

  const choice = () => {
    const all = spaceChoice('all').checked;
    const chosen = spaceBoxes.filter((box) => box.checked).map((box) => box.value);
    const permission = form.querySelector('input[name="approval-permission"]:checked')?.value ?? 'read';
    return { all, chosen, permission };
  };

  const update = () => {
    const { all, chosen, permission } = choice();
    allow.disabled = !(all || chosen.length > 0);
    warning.hidden = !(permission === 'read' || (!all && spaceChoice('chosen').checked));
  };

  spaceChoice('all').addEventListener('change', () => {
    for (const box of spaceBoxes) box.checked = false;
    update();
  });
  spaceChoice('chosen').addEventListener('change', update);
  for (const box of spaceBoxes) {
    box.addEventListener('change', () => {
      if (box.checked) spaceChoice('chosen').checked = true;
      update();
    });
  }
  for (const radio of form.querySelectorAll('input[name="approval-permission"]')) radio.addEventListener('change', update);

  const tick = () => {
    if (!shown) return;
    left.textContent = `Unanswered, the request lapses in ${minutesAndSeconds(shown.request.expires_at - Date.now())}.`;
  };

  const busy = async (work) => {
    allow.disabled = true;
    deny.disabled = true;
    try {
      await work();
    } finally {
      deny.disabled = false;
      update();
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!shown || allow.disabled) return;
    const { all, chosen, permission } = choice();
    const { request } = shown;
    busy(() => onAllow(request, all ? 'all' : chosen, permission));
  });
  deny.addEventListener('click', () => {
    if (!shown) return;
    const { request } = shown;
    busy(() => onDeny(request));
  });

  return {
    /** Shows the waiting `request` (`{ challenge_id, app_name, origin, expires_at }` of /_standin/pending). */
    show(request) {
      if (shown?.request.challenge_id === request.challenge_id) return;
      clearInterval(shown?.timer);
      form.reset();
      appName.textContent = `“${request.app_name}”`;
      source.textContent = request.origin ?? 'an app on this computer';
      shown = { request, timer: setInterval(tick, 1000) };
      form.hidden = false;
      update();
      tick();
    },
    /** Hides the form (answered, lapsed or replaced). */
    close() {
      if (!shown) return;
      clearInterval(shown.timer);
      shown = null;
      form.hidden = true;
    },
    /** The id of the request shown, or null. */
    shownRequest: () => shown?.request.challenge_id ?? null,
  };
}
