// The same browser code, built by each bundler (and loaded through an import map with none):
// pairs with the stand-in named in `?standin=` and reports on window.__result.
import { AnytypeError, authHeaders, createApiKey, pair, verifyApiKey } from 'anytype-auth';

const base = new URL(location.href).searchParams.get('standin');

async function codeFor(challengeId) {
  const answer = await fetch(`${base}/_standin/code?challenge_id=${encodeURIComponent(challengeId)}`);
  return (await answer.json()).code;
}

async function run() {
  const headersBeforeInit = authHeaders('k3y/ABC=');
  const attempts = [];
  const { apiKey, serverVersion } = await pair({
    appName: 'Bundled consumer',
    baseUrl: base,
    getCode: async ({ challengeId, attempt, lastError }) => {
      attempts.push(lastError ? lastError.kind : null);
      const code = await codeFor(challengeId);
      return attempt === 1 ? String((Number(code) + 1) % 10000).padStart(4, '0') : code;
    },
  });
  const { valid } = await verifyApiKey(apiKey, { baseUrl: base });
  const spaces = await fetch(`${base}/v1/spaces?limit=1`, { headers: authHeaders(apiKey) });
  let invalidKind = null;
  try {
    await createApiKey('challenge', 1234, { baseUrl: base });
  } catch (error) {
    invalidKind = error instanceof AnytypeError ? error.kind : `not an AnytypeError: ${error}`;
  }
  return { headersBeforeInit, attempts, keyLength: apiKey.length, serverVersion, valid, spacesStatus: spaces.status, invalidKind };
}

run().then(
  (result) => {
    window.__result = result;
  },
  (error) => {
    window.__result = { error: `${error?.name}: ${error?.kind ?? ''} ${error?.message}` };
  },
);
