// anytype-auth entry for Node's `require()` (CommonJS); the wasm next to it is compiled
// synchronously on require (js/node-api.js). scripts/finish-pkg.mjs bundles this file with esbuild into one
// CommonJS file, with wasm-bindgen's web glue (unedited), AnytypeError and plain-api.js. Its
// AnytypeError is not node.js's: a program that both imports and requires the package sees two
// classes (compare `kind`).
'use strict';

const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { makeNodeApi } = require('./node-api.js');

// The wasm next to this file, compiled on require; a failure is kept for every call (js/node-api.js).
module.exports = makeNodeApi(readFileSync, join(__dirname, 'anytype_auth_bg.wasm'));
Object.assign(module.exports, { ERROR_KINDS: require('./facts.js').ERROR_KINDS, LIMITS: require('./facts.js').LIMITS });
