// `<anytype-pair>`: one renderer of the pairing flow (flow.js). It holds no rule of its own: it
// shows the flow's snapshot in words (messages.js), passes the person's actions to the flow, and
// tells the page through events. The key is shown as its last four characters unless the person
// presses Reveal, and never goes into an attribute.
import { MESSAGES, format } from './messages.js';
import { styleSheet } from './styles.js';

/** Defines `<anytype-pair>` where there is a DOM and it is not defined yet. */
export function defineElement(createPairingFlow, LIMITS) {
  if (!globalThis.customElements || !globalThis.HTMLElement || customElements.get('anytype-pair')) return;
  customElements.define('anytype-pair', makeElementClass(createPairingFlow, LIMITS));
}

/** `tag.attr=value` pairs and children → an element; strings become text. */
function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'class' || key === 'part' || key.startsWith('aria-') || key === 'for' || key === 'role') node.setAttribute(key, value);
    else node[key] = value;
  }
  node.append(...children);
  return node;
}

let ids = 0;

function makeElementClass(createPairingFlow, LIMITS) {
  return class AnytypePair extends HTMLElement {
    static observedAttributes = ['app-name', 'base-url', 'key-storage'];

    /** Extra options for the controller (e.g. `{ pollMs, lifetimes }`), set before the element is connected. */
    flowOptions = null;
    #flow = null;
    #messages = MESSAGES;
    #keyStorage = null;
    #appKey = null;
    #revealed = false;
    #ui;
    #announced = '';
    #lastState = null;
    #lastProblem = null;

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [styleSheet()];
      const id = `ap${++ids}`;
      const ui = (this.#ui = {});
      ui.title = h('h2', { part: 'title' });
      ui.status = h('p', { part: 'status' });
      ui.detail = h('p', { class: 'muted', part: 'detail' });
      ui.live = h('div', { role: 'status', 'aria-live': 'polite', class: 'sr' });
      ui.problem = h('p', { part: 'problem', role: 'alert' });
      ui.causes = h('ol', { part: 'causes' });
      ui.address = h('input', { id: `${id}a`, type: 'url', autocomplete: 'off', spellcheck: false });
      ui.addressLabel = h('label', { for: `${id}a` });
      ui.addressHint = h('p', { class: 'muted' });
      ui.useAddress = h('button', { type: 'submit' });
      ui.lookAgain = h('button', { type: 'button', class: 'secondary', onclick: () => this.#flow?.recheck() });
      ui.addressForm = h('form', { part: 'address-form', onsubmit: (e) => (e.preventDefault(), this.#flow?.setBaseUrl(ui.address.value)) }, ui.addressLabel, ui.address, ui.useAddress, ui.lookAgain, ui.addressHint);
      ui.ask = h('button', { type: 'button', part: 'ask-button', onclick: () => this.#ask() });
      ui.code = h('input', { id: `${id}c`, inputMode: 'numeric', autocomplete: 'one-time-code', maxLength: 9, pattern: '\\s*(\\d\\s*){4}', spellcheck: false });
      ui.codeLabel = h('label', { for: `${id}c` });
      ui.sendCode = h('button', { type: 'submit' });
      ui.tries = h('p', { class: 'muted', part: 'tries' });
      ui.deny = h('button', { type: 'button', class: 'secondary', onclick: () => this.#flow?.cancel() });
      ui.codeForm = h('form', { part: 'code-form', onsubmit: (e) => (e.preventDefault(), this.#flow?.submitCode(ui.code.value)) }, ui.codeLabel, ui.code, ui.sendCode, ui.deny);
      ui.keyLine = h('p', { part: 'key' });
      ui.reveal = h('button', { type: 'button', class: 'secondary', 'aria-pressed': 'false', onclick: () => ((this.#revealed = !this.#revealed), this.#render()) });
      ui.access = h('p', { part: 'access' });
      ui.warning = h('p', { part: 'warning' });
      ui.stored = h('p', { class: 'muted', part: 'storage' });
      ui.forget = h('button', { type: 'button', class: 'secondary', part: 'forget-button', onclick: () => this.#flow?.forget() });
      ui.keySection = h('div', { part: 'paired' }, ui.keyLine, h('div', { class: 'row' }, ui.reveal, ui.forget), ui.access, ui.warning, ui.stored);
      ui.pasted = h('input', { id: `${id}k`, type: 'password', autocomplete: 'off', spellcheck: false });
      ui.keyLabel = h('label', { for: `${id}k` });
      ui.checkKey = h('button', { type: 'submit' });
      ui.summary = h('summary');
      ui.keyForm = h(
        'details',
        { part: 'key-form' },
        ui.summary,
        h('form', { onsubmit: (e) => (e.preventDefault(), this.#useKey()) }, ui.keyLabel, ui.pasted, ui.checkKey),
      );
      root.append(ui.title, ui.status, ui.detail, ui.problem, ui.causes, ui.addressForm, ui.codeForm, ui.tries, ui.keySection, ui.ask, ui.keyForm, ui.live);
    }

    connectedCallback() {
      if (this.#flow) return;
      const appName = this.getAttribute('app-name') ?? '';
      const storageName = this.getAttribute('key-storage');
      this.#flow = createPairingFlow({
        appName: appName.trim() ? appName : document.title || 'This app',
        baseUrl: this.getAttribute('base-url') ?? undefined,
        keyStorage: this.#keyStorage ?? (storageName || null),
        onPaired: (detail) => this.dispatchEvent(new CustomEvent('anytype-paired', { bubbles: true, composed: true, detail })),
        onForgotten: () => this.dispatchEvent(new CustomEvent('anytype-forgotten', { bubbles: true, composed: true })),
        ...this.flowOptions,
      });
      this.#flow.subscribe(() => this.#render());
      this.#render();
      const started = this.#flow.start();
      if (this.#appKey) started.then(() => this.#flow?.useKey(this.#appKey, 'app'));
    }

    disconnectedCallback() {
      this.#flow?.dispose();
      this.#flow = null;
    }

    attributeChangedCallback(name, old, value) {
      if (name === 'base-url' && this.#flow && old !== value) this.#flow.setBaseUrl(value ?? undefined);
    }

    /** The controller under the element (null while disconnected). */
    get controller() {
      return this.#flow;
    }
    /** The key, once paired or checked; null before. Setting it checks it like a pasted key. */
    get apiKey() {
      return this.#flow?.apiKey ?? this.#appKey;
    }
    set apiKey(key) {
      this.#appKey = key;
      if (this.#flow && key) this.#flow.useKey(key, 'app');
    }
    /** The sentences shown, merged over the English ones. */
    get messages() {
      return this.#messages;
    }
    set messages(messages) {
      this.#messages = Object.freeze({ ...MESSAGES, ...messages });
      this.#render();
    }
    /** A storage adapter for the key (set before the element is connected); see also the `key-storage` attribute. */
    get keyStorage() {
      return this.#keyStorage;
    }
    set keyStorage(adapter) {
      this.#keyStorage = adapter;
    }

    #t(id, values) {
      return format(this.#messages[id] ?? MESSAGES[id] ?? id, values);
    }

    async #ask() {
      if (await this.#flow?.ask()) this.#ui.code.focus();
    }

    async #useKey() {
      const text = this.#ui.pasted.value;
      this.#ui.pasted.value = '';
      await this.#flow?.useKey(text, 'pasted');
    }

    #render() {
      const flow = this.#flow;
      if (!flow) return;
      const s = flow.snapshot;
      const ui = this.#ui;
      const t = (id, values) => this.#t(id, values);
      const app = this.getAttribute('app-name') ?? '';
      const time = (ms) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
      const numbers = { minutes: LIMITS.pendingSeconds / 60, codeMinutes: LIMITS.codeMinutes, perCaller: LIMITS.requestsPerCaller, perRun: LIMITS.requestsPerRun, lock: LIMITS.wrongCodesLock, cap: LIMITS.challengesPerRunV047, max: LIMITS.triesPerChallenge };
      if (this.getAttribute('state') !== s.state) this.setAttribute('state', s.state);
      this.toggleAttribute('busy', Boolean(s.busy));
      ui.title.textContent = t('title');
      const codeFirst = s.generation === 'code-first';
      let status = '';
      let detail = '';
      if (s.state === 'checking') status = t(s.busy === 'checking-key' ? 'checkingKey' : 'checking', { address: s.baseUrl });
      else if (s.state === 'not-running') (status = t('notRunning', { address: s.baseUrl })), (detail = t('notRunningChecks', { count: s.checks }));
      else if (s.state === 'ready') status = t(codeFirst ? 'readyCodeFirst' : 'readyApproval', { app, seconds: LIMITS.codeSecondsV047 });
      else if (s.state === 'waiting') {
        const r = s.request;
        status = codeFirst ? t('waitingCodeFirst', { time: time(r.endsAt) }) : r.mayStillWait || r.codeTyped ? t('waitingApproval', { app, time: time(r.codeTyped ? r.endsAt : r.approvalEndsAt) }) : t('waitingLapsing');
      } else if (s.state === 'paired') status = t('paired');
      ui.status.textContent = status;
      ui.status.hidden = !status;
      ui.detail.textContent = detail;
      ui.detail.hidden = !detail;

      const p = s.problem;
      ui.problem.textContent = p ? t(`problem.${p.id}`, { kind: p.kind ?? 'unknown' }) : '';
      ui.problem.hidden = !p;
      ui.causes.replaceChildren(...(p?.causes ?? []).map((c) => h('li', { part: `cause cause-${c.id}` }, t(`cause.${c.id}`, numbers))));
      ui.causes.hidden = !p?.causes.length;

      ui.addressForm.hidden = !(s.state === 'not-running' || p?.id === 'address-invalid');
      ui.addressLabel.textContent = t('addressLabel');
      ui.addressHint.textContent = t('addressHint');
      ui.useAddress.textContent = t('useAddress');
      ui.lookAgain.textContent = t('lookAgain');
      if (this.shadowRoot.activeElement !== ui.address) ui.address.value = s.baseUrl;

      const waiting = s.state === 'waiting';
      ui.codeForm.hidden = !waiting;
      ui.codeLabel.textContent = t('codeLabel');
      ui.sendCode.textContent = t('sendCode');
      ui.deny.textContent = t('pressedDeny');
      ui.deny.hidden = codeFirst || !waiting;
      ui.tries.textContent = waiting && s.request.tries ? t('triesLeft', { count: s.request.triesLeft, max: LIMITS.triesPerChallenge }) : '';
      ui.tries.hidden = !ui.tries.textContent;
      ui.sendCode.disabled = ui.code.disabled = Boolean(s.busy);

      const canAsk = Boolean(s.generation) && !s.busy && !s.request?.mayStillWait && (s.state === 'ready' || (s.state === 'waiting' && !s.request?.mayStillWait) || (s.state === 'error' && p?.causes.some((c) => c.action === 'ask')) || (s.state === 'paired' && s.key?.narrowed));
      ui.ask.hidden = !canAsk;
      ui.ask.textContent = t(s.state === 'ready' ? (codeFirst ? 'askCodeFirst' : 'ask') : 'askAgain');

      const k = s.key;
      const paired = s.state === 'paired' && k;
      ui.keySection.hidden = !paired;
      if (!paired) this.#revealed = false;
      if (paired) {
        ui.keyLine.textContent = this.#revealed ? t('keyRevealed', { key: flow.apiKey }) : t('keyEnding', { last4: k.last4 });
        ui.reveal.textContent = t(this.#revealed ? 'hide' : 'reveal');
        ui.reveal.setAttribute('aria-pressed', String(this.#revealed));
        const a = k.access;
        const reach = a ? (a.allSpaces || !a.scoped ? t('allSpaces') : t('someSpaces', { names: a.spaces.map((x) => x.name ?? x.id).join(', ') })) : k.grant && !k.grant.allSpaces ? t('someSpaces', { names: k.grant.spaceIds.join(', ') }) : t('allSpaces');
        const permission = (a?.scoped ? a.permission : k.grant?.permission) ?? 'readwrite';
        ui.access.textContent = `${reach} ${t(permission === 'read' ? 'readOnly' : 'readWrite')}`;
        ui.warning.textContent = t('narrowed');
        ui.warning.hidden = !k.narrowed;
        ui.stored.textContent = k.stored === true && k.source !== 'stored' ? t('stored') : k.stored === false ? t('notStored') : '';
        ui.stored.hidden = !ui.stored.textContent;
        ui.forget.textContent = t('forget');
      }
      ui.keyForm.hidden = !['ready', 'error', 'not-running'].includes(s.state);
      ui.summary.textContent = t('haveKey');
      ui.keyLabel.textContent = t('keyLabel');
      ui.checkKey.textContent = t('checkKey');
      if (['key-empty', 'key-malformed', 'key-typo'].includes(p?.id)) ui.keyForm.open = true;

      // Announce what changed, and move focus where the next step is.
      const announcement = [status, ui.problem.hidden ? '' : ui.problem.textContent].filter(Boolean).join(' ');
      if (announcement !== this.#announced) ui.live.textContent = this.#announced = announcement;
      if (p?.id === 'code-rejected' && this.#lastProblem !== p) {
        ui.code.value = '';
        ui.code.focus();
      }
      if (s.state === 'waiting' && this.#lastState !== 'waiting' && this.#lastState !== null && this.matches(':focus-within')) ui.code.focus();
      this.#lastProblem = p;
      this.#lastState = s.state;
    }
  };
}
