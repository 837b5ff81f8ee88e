/**
 * The request log as the control endpoint `GET /_standin/requests` returns it: every
 * `Authorization` (and `Proxy-Authorization`) value and every `code` or `api_key` a body sent
 * is masked, so that the log never hands out a key (a real one may be pasted into a demo talking
 * to the stand-in) or a pairing code. A masked value keeps its length (`Bearer ••••…`), so a
 * test can still see what shape was sent. The module API (`requests()`) is not masked: its
 * caller started the stand-in.
 */

/** One mask character per character of `value`. */
const mask = (value) => '•'.repeat([...value].length);

/** The headers whose values are credentials. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization'];

/** `Bearer abc` → `Bearer •••`; a value without a scheme is masked whole. */
function maskedCredential(value) {
  const text = Array.isArray(value) ? value.join(', ') : String(value);
  const match = /^(\s*[A-Za-z][\w-]*\s+)(.*)$/s.exec(text);
  return match ? match[1] + mask(match[2]) : mask(text);
}

/** The value of a JSON field named `code` or `api_key` (a string or a number), in well-formed and broken bodies alike. */
const SECRET_FIELD = /("(?:code|api_key)"\s*:\s*)("(?:[^"\\]|\\.)*|-?[0-9][0-9.eE+-]*)/g;

/** A body with the values of its secret fields masked (a string value keeps its opening quote). */
export const maskedBody = (body) =>
  typeof body === 'string' ? body.replace(SECRET_FIELD, (_, head, value) => (value.startsWith('"') ? `${head}"${mask(value.slice(1))}` : head + mask(value))) : body;

/** One log entry, masked. */
export function maskedEntry(entry) {
  const headers = { ...entry.headers };
  for (const name of CREDENTIAL_HEADERS) if (headers[name] !== undefined) headers[name] = maskedCredential(headers[name]);
  return { ...entry, headers, body: maskedBody(entry.body) };
}
