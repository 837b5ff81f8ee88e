// A Node ES module consumer: the stand-in from the package's subpath, then pair() and friends.
import { pair, authHeaders, verifyApiKey, createApiKey, AnytypeError } from 'anytype-auth';
import { startStandIn } from 'anytype-auth/stand-in';

const standIn = await startStandIn({ port: 0, mode: 'v0.47' });
try {
  const { apiKey, serverVersion } = await pair({
    appName: 'Node ESM consumer',
    baseUrl: standIn.url,
    getCode: ({ challengeId }) => standIn.codeFor(challengeId),
  });
  const { valid } = await verifyApiKey(apiKey, { baseUrl: standIn.url });
  const headers = authHeaders(apiKey);
  const spaces = await fetch(`${standIn.url}/v1/spaces?limit=1`, { headers });
  const error = await createApiKey('challenge', '12', { baseUrl: standIn.url }).catch((e) => e);
  console.log(JSON.stringify({
    keyLength: apiKey.length, serverVersion, valid, spacesStatus: spaces.status,
    authorizationMatches: headers.Authorization === `Bearer ${apiKey}`,
    errorKind: error instanceof AnytypeError ? error.kind : String(error),
  }));
} finally {
  await standIn.close();
}
