// The controller of anytype-auth/ui, the same in every runtime: what each entry (index.js for
// browsers and extensions, node.js for Node) exports over the core entry of its runtime.
import { makeCreatePairingFlow } from './flow.js';
import { makeCheckKeyText } from './key-check.js';

/** `createPairingFlow` and `checkKeyText` (see ui.d.ts) over `core`, an entry's exports. */
export function makeController(core) {
  return { createPairingFlow: makeCreatePairingFlow(core), checkKeyText: makeCheckKeyText(core.LIMITS) };
}
