// anytype-auth/ui where there is no DOM (Node, a framework's server render): the controller and
// its helpers over the Node entry; no element is defined.
import * as entry from '../node.js';
import { makeCreatePairingFlow } from './flow.js';
import { makeCheckKeyText } from './key-check.js';

export * from './helpers.js';
/** The pairing flow as states and actions (see ui.d.ts). */
export const createPairingFlow = makeCreatePairingFlow(entry);
/** Whether a pasted key may be sent, checked locally (see ui.d.ts). */
export const checkKeyText = makeCheckKeyText(entry.LIMITS);
