// A Node CommonJS consumer: require('anytype-auth') against a stand-in at ANYTYPE_STANDIN_URL.
const { pair, authHeaders, verifyApiKey, createApiKey, AnytypeError, init } = require('anytype-auth');

const base = process.env.ANYTYPE_STANDIN_URL;

async function main() {
  await init();
  const { apiKey, serverVersion } = await pair({
    appName: 'Node CJS consumer',
    baseUrl: base,
    getCode: async ({ challengeId }) => {
      const answer = await fetch(`${base}/_standin/code?challenge_id=${challengeId}`);
      return (await answer.json()).code;
    },
  });
  const { valid } = await verifyApiKey(apiKey, { baseUrl: base });
  const spaces = await fetch(`${base}/v1/spaces?limit=1`, { headers: authHeaders(apiKey) });
  const error = await createApiKey('challenge', 1234, { baseUrl: base }).catch((e) => e);
  console.log(JSON.stringify({
    keyLength: apiKey.length, serverVersion, valid, spacesStatus: spaces.status,
    errorKind: error instanceof AnytypeError ? error.kind : String(error),
  }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
