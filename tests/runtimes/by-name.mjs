// `import … from "anytype-auth"`: Deno and Bun resolve it through node_modules and the package's
// exports (the `node` condition: node.js). Usage: <runtime> by-name.mjs <baseUrl> <codeUrl>.
import * as api from 'anytype-auth';
import { args, run } from './pairing.mjs';

console.log(JSON.stringify({ entry: 'anytype-auth', resolved: import.meta.resolve('anytype-auth'), ...(await run(api, args())) }));
