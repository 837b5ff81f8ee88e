// `require("anytype-auth")` (index.cjs through the exports' `node` condition), e.g. in Bun.
// Usage: <runtime> by-require.cjs <baseUrl> <codeUrl>.
const api = require('anytype-auth');

import('./pairing.mjs').then(async ({ args, run }) => {
  console.log(JSON.stringify({ entry: 'require', resolved: require.resolve('anytype-auth'), ...(await run(api, args())) }));
});
