// The page tests/ui-element.test.mjs opens (served with a strict CSP): one <anytype-pair>,
// configured from the query (`base`, `storage`, `pendingMs`, `codeMs`, `pollMs`), recording its
// events and any CSP violation for the test to read.
import '/pkg/ui.js';

const params = new URLSearchParams(location.search);
const seen = (window.seen = { events: [], violations: [], key: null });
document.addEventListener('securitypolicyviolation', (event) => seen.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
document.addEventListener('anytype-paired', (event) => {
  seen.key = event.detail.apiKey;
  seen.events.push({
    type: event.type,
    bubbles: event.bubbles,
    composed: event.composed,
    grant: event.detail.grant,
    access: event.detail.access !== null,
    stored: event.detail.stored,
    storedFirst: localStorage.getItem('anytype-auth:key') === event.detail.apiKey,
  });
});
document.addEventListener('anytype-forgotten', (event) => seen.events.push({ type: event.type, bubbles: event.bubbles, composed: event.composed }));

const element = document.createElement('anytype-pair');
element.setAttribute('app-name', 'UI test page');
element.setAttribute('base-url', params.get('base'));
if (params.has('storage')) element.setAttribute('key-storage', params.get('storage'));
const number = (name) => (params.has(name) ? Number(params.get(name)) : undefined);
element.flowOptions = { pollMs: number('pollMs'), lifetimes: { pendingMs: number('pendingMs'), codeMs: number('codeMs') } };
document.querySelector('main').append(element);
