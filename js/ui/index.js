// anytype-auth/ui in browsers and extensions: the controller, and `<anytype-pair>` defined where
// there is a DOM (a page, an extension's popup); in a worker it defines nothing.
import * as entry from '../index.js';
import { defineElement } from './element.js';
import { makeCreatePairingFlow } from './flow.js';
import { makeCheckKeyText } from './key-check.js';

export * from './helpers.js';
/** The pairing flow as states and actions (see ui.d.ts). */
export const createPairingFlow = makeCreatePairingFlow(entry);
/** Whether a pasted key may be sent, checked locally (see ui.d.ts). */
export const checkKeyText = makeCheckKeyText(entry.LIMITS);
defineElement(createPairingFlow, entry.LIMITS);
