// anytype-auth/ui in browsers and extensions: the controller, and `<anytype-pair>` defined where
// there is a DOM (a page, an extension's popup); in a worker it defines nothing.
import * as entry from '../index.js';
import { defineElement } from './element.js';
import { makeController } from './controller.js';

export * from './helpers.js';
/** The pairing flow as states and actions, and the local check of a pasted key (see ui.d.ts). */
export const { createPairingFlow, checkKeyText } = makeController(entry);
defineElement(createPairingFlow, entry.LIMITS);
