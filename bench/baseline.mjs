// The alternative an extension author would write by hand: createChallenge/createApiKey (and
// verifyApiKey, for the example extension's baseline popup) with plain `fetch`. Used only by
// `make bench`, for comparison. Same requests as anytype-auth (method, URL, headers, JSON body,
// redirect/credentials/cache/referrer policy, one timeout per call) and the same basic checks
// (argument types, a 4-digit code, HTTP status, the answer's field); none of anytype-auth's
// option validation, body size limit or error classification.

const DEFAULT_BASE_URL = 'http://127.0.0.1:31009';
const API_VERSION = '2025-11-08';

async function post(path, body, { baseUrl = DEFAULT_BASE_URL, timeoutMs = 10000 } = {}) {
  const controller = new AbortController();
  const timer = timeoutMs > 0 ? setTimeout(() => controller.abort(), timeoutMs) : undefined;
  try {
    const response = await fetch(baseUrl.replace(/\/+$/, '') + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Anytype-Version': API_VERSION },
      body: JSON.stringify(body),
      redirect: 'error',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: controller.signal,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Anytype answered HTTP ${response.status}`);
    return { json: JSON.parse(text), serverVersion: response.headers.get('anytype-version') };
  } finally {
    clearTimeout(timer);
  }
}

/** GET `path` with `Authorization: Bearer <apiKey>`; resolves to the response, its body cancelled unread. */
async function get(path, apiKey, { baseUrl = DEFAULT_BASE_URL, timeoutMs = 10000 } = {}) {
  const controller = new AbortController();
  const timer = timeoutMs > 0 ? setTimeout(() => controller.abort(), timeoutMs) : undefined;
  try {
    const response = await fetch(baseUrl.replace(/\/+$/, '') + path, {
      method: 'GET',
      headers: { 'Anytype-Version': API_VERSION, Authorization: `Bearer ${apiKey}` },
      redirect: 'error',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: controller.signal,
    });
    await response.body?.cancel();
    return response;
  } finally {
    clearTimeout(timer);
  }
}

function field(json, name) {
  const value = json?.[name];
  if (typeof value !== 'string' || value === '') throw new Error(`Anytype's answer has no ${name}`);
  return value;
}

/** POST /v1/auth/challenges {"app_name"} → { challengeId, serverVersion }. */
export async function createChallenge(appName, options) {
  if (typeof appName !== 'string' || !appName.trim()) throw new TypeError('appName must be a non-empty string');
  const { json, serverVersion } = await post('/v1/auth/challenges', { app_name: appName.trim() }, options);
  return { challengeId: field(json, 'challenge_id'), serverVersion };
}

/** POST /v1/auth/api_keys {"challenge_id","code"} → { apiKey, serverVersion }. */
export async function createApiKey(challengeId, code, options) {
  if (typeof challengeId !== 'string' || !challengeId.trim()) throw new TypeError('challengeId must be a non-empty string');
  const digits = typeof code === 'string' ? code.replace(/\s+/g, '') : '';
  if (!/^[0-9]{4}$/.test(digits)) throw new TypeError('code must be 4 digits, as a string');
  const { json, serverVersion } = await post('/v1/auth/api_keys', { challenge_id: challengeId.trim(), code: digits }, options);
  return { apiKey: field(json, 'api_key'), serverVersion };
}

/** GET /v1/spaces?limit=1 with the key → { valid, serverVersion }: valid on 2xx, not on 401, else an error. */
export async function verifyApiKey(apiKey, options) {
  if (typeof apiKey !== 'string' || !apiKey.trim()) throw new TypeError('apiKey must be a non-empty string');
  // As anytype-auth does: whoami on today's Anytype, /v1/spaces where there is no /v2 (404).
  let response = await get('/v2/auth/whoami?ids=full', apiKey.trim(), options);
  if (response.status === 404) response = await get('/v1/spaces?limit=1', apiKey.trim(), options);
  if (!response.ok && response.status !== 401) throw new Error(`Anytype answered HTTP ${response.status}`);
  return { valid: response.ok, serverVersion: response.headers.get('anytype-version') };
}
