// The browser entry by its path, node_modules/anytype-auth/index.js (the wasm fetched from its
// file: URL on first use). Usage: <runtime> by-path.mjs <baseUrl> <codeUrl>.
import * as api from './node_modules/anytype-auth/index.js';
import { args, run } from './pairing.mjs';

console.log(JSON.stringify({ entry: 'index.js', ...(await run(api, args())) }));
