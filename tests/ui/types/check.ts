// Compiled by tests/ui-types.test.mjs with tsc --strict: the typed contract of anytype-auth/ui.
import { createPairingFlow, classifyFailure, MESSAGES, type PairSnapshot } from 'anytype-auth/ui';
const flow = createPairingFlow({ appName: 'x', keyStorage: 'local' });
flow.subscribe((s: PairSnapshot) => s.state === 'paired' && s.key?.last4);
const el = document.createElement('anytype-pair');
el.messages = { ask: 'Fragen' };
el.addEventListener('anytype-paired', (e) => e.detail.apiKey.length);
document.addEventListener('anytype-paired', (e) => e.detail.grant?.allSpaces);
const m: string = MESSAGES['cause.waiting'];
void classifyFailure(new Response()).then((id) => id === 'key-expired');
// @ts-expect-error: the state is one of the six names
const bad: PairSnapshot['state'] = 'done';
// @ts-expect-error: messages are strings only
el.messages = { ask: 1 };
void m; void bad;
