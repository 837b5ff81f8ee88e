/**
 * Go's `encoding/json` as heart applies it: gin's ShouldBindJSON decoding a request body into a
 * struct of string fields (with Go's error texts, which heart puts in its 400 answers),
 * json.Marshal's output escaping, and strconv.Atoi for query numbers.
 *
 * json.Decoder reads the first JSON value only (trailing bytes are ignored) and words syntax
 * errors like Go; fields are then matched case-insensitively and type errors reported.
 */

class GoJsonError extends Error {}

function decodeGoJson(text) {
  const cursor = { text, at: 0 };
  skipSpace(cursor);
  if (cursor.at === text.length) throw new GoJsonError('EOF');
  return readValue(cursor);
}

function skipSpace(cursor) {
  while (' \t\r\n'.includes(cursor.text[cursor.at] ?? 'x')) cursor.at++;
}

function peek(cursor) {
  if (cursor.at >= cursor.text.length) throw new GoJsonError('unexpected EOF');
  return cursor.text[cursor.at];
}

function take(cursor) {
  const char = peek(cursor);
  cursor.at++;
  return char;
}

/** Go's quoteChar: the offending character in single quotes, escaped like a Go string. */
function invalid(char, context) {
  const quoted = char === "'" ? "\\'" : JSON.stringify(char).slice(1, -1).replace('\\"', '"');
  throw new GoJsonError(`invalid character '${quoted}' ${context}`);
}

const isDigit = (char) => char >= '0' && char <= '9';

function readValue(cursor) {
  skipSpace(cursor);
  const char = peek(cursor);
  if (char === '{') return readObject(cursor);
  if (char === '[') return readArray(cursor);
  if (char === '"') return readString(cursor);
  if (char === '-' || isDigit(char)) return readNumber(cursor);
  if (char === 't') return readLiteral(cursor, 'true', true);
  if (char === 'f') return readLiteral(cursor, 'false', false);
  if (char === 'n') return readLiteral(cursor, 'null', null);
  return invalid(char, 'looking for beginning of value');
}

/** Objects decode to a Map, so keys such as `__proto__` stay plain data. */
function readObject(cursor) {
  const entries = new Map();
  cursor.at++;
  skipSpace(cursor);
  if (peek(cursor) === '}') {
    cursor.at++;
    return entries;
  }
  for (;;) {
    skipSpace(cursor);
    if (peek(cursor) !== '"') invalid(peek(cursor), 'looking for beginning of object key string');
    const key = readString(cursor);
    skipSpace(cursor);
    const colon = take(cursor);
    if (colon !== ':') invalid(colon, 'after object key');
    entries.set(key, readValue(cursor));
    skipSpace(cursor);
    const next = take(cursor);
    if (next === '}') return entries;
    if (next !== ',') invalid(next, 'after object key:value pair');
  }
}

function readArray(cursor) {
  const items = [];
  cursor.at++;
  skipSpace(cursor);
  if (peek(cursor) === ']') {
    cursor.at++;
    return items;
  }
  for (;;) {
    items.push(readValue(cursor));
    skipSpace(cursor);
    const next = take(cursor);
    if (next === ']') return items;
    if (next !== ',') invalid(next, 'after array element');
  }
}

function readString(cursor) {
  const start = cursor.at++;
  for (;;) {
    const char = take(cursor);
    if (char === '"') return JSON.parse(cursor.text.slice(start, cursor.at));
    if (char < ' ') invalid(char, 'in string literal');
    if (char === '\\') readEscape(cursor);
  }
}

function readEscape(cursor) {
  const char = take(cursor);
  if (char !== 'u') {
    if (!'"\\/bfnrt'.includes(char)) invalid(char, 'in string escape code');
    return;
  }
  for (let i = 0; i < 4; i++) {
    const hex = take(cursor);
    if (!/[0-9a-fA-F]/.test(hex)) invalid(hex, 'in \\u hexadecimal character escape');
  }
}

function readNumber(cursor) {
  const start = cursor.at;
  if (cursor.text[cursor.at] === '-') cursor.at++;
  if (peek(cursor) === '0') cursor.at++;
  else readDigits(cursor, 'in numeric literal');
  if (cursor.text[cursor.at] === '.') {
    cursor.at++;
    readDigits(cursor, 'after decimal point in numeric literal');
  }
  if (/[eE]/.test(cursor.text[cursor.at] ?? '')) {
    cursor.at++;
    if (/[+-]/.test(cursor.text[cursor.at] ?? '')) cursor.at++;
    readDigits(cursor, 'in exponent of numeric literal');
  }
  return Number(cursor.text.slice(start, cursor.at));
}

function readDigits(cursor, context) {
  if (!isDigit(peek(cursor))) invalid(peek(cursor), context);
  while (isDigit(cursor.text[cursor.at])) cursor.at++;
}

function readLiteral(cursor, word, value) {
  for (const expected of word) {
    const char = take(cursor);
    if (char !== expected) invalid(char, `in literal ${word} (expecting '${expected}')`);
  }
  return value;
}

function goKind(value) {
  if (value instanceof Map) return 'object';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

/**
 * Binds a body into a Go struct of string fields named `fields` (their JSON names).
 * Returns { value } or { error } with the text gin would put in the 400 envelope.
 */
export function bindGoStruct(body, typeName, fields) {
  let decoded;
  try {
    decoded = decodeGoJson(body);
  } catch (error) {
    return { error: error.message };
  }
  const value = Object.fromEntries(fields.map((field) => [field, '']));
  if (decoded === null) return { value };
  if (!(decoded instanceof Map)) {
    return { error: `json: cannot unmarshal ${goKind(decoded)} into Go value of type apimodel.${typeName}` };
  }
  let error;
  for (const [key, item] of decoded) {
    const field = fields.find((name) => name === key.toLowerCase());
    if (!field || item === null) continue;
    if (typeof item === 'string') value[field] = item;
    else error ??= `json: cannot unmarshal ${goKind(item)} into Go struct field ${typeName}.${field} of type string`;
  }
  return error ? { error } : { value };
}

/** Go's strconv.Atoi: an optionally signed decimal that fits in int64, else null. */
export function goAtoi(text) {
  if (!/^[+-]?\d+$/.test(text)) return null;
  const big = BigInt(text);
  return big >= -(2n ** 63n) && big < 2n ** 63n ? Number(big) : null;
}

/** JSON as Go's json.Marshal writes it (HTML-sensitive characters escaped). */
export function goJson(value) {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const GO_ESCAPES = { '"': '\\"', '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };

/** Go's `%q` (strconv.Quote) for the texts heart quotes in messages: control characters escaped. */
export function goQuote(text) {
  const body = [...text]
    .map((char) => GO_ESCAPES[char] ?? (char < ' ' || char === '\x7f' ? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}` : char))
    .join('');
  return `"${body}"`;
}
