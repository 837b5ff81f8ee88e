// anytype-auth/ui where there is no DOM (Node, a framework's server render): the controller and
// its helpers over the Node entry; no element is defined.
import * as entry from '../node.js';
import { makeController } from './controller.js';

export * from './helpers.js';
/** The pairing flow as states and actions, and the local check of a pasted key (see ui.d.ts). */
export const { createPairingFlow, checkKeyText } = makeController(entry);
