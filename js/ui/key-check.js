// The local check of an API key before anything is sent: what a person pasted, or what an app
// hands over. Keys of Anytype's 2026 format, `anytype_<body>_<8 hex>`, end in the CRC32-IEEE of
// `anytype_<body>`, which catches a mistyped key with no request at all; legacy keys (44
// characters of base64) carry no checksum and are only checked for being plain printable text.

const PREFIX = 'anytype_';
const NEW_FORMAT = /^anytype_([0-9A-Za-z]+)_([0-9a-f]{8})$/;

let table;
/** CRC32-IEEE (Go's hash/crc32.ChecksumIEEE) of a string's UTF-8 bytes, as an unsigned number. */
export function crc32(text) {
  table ??= Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) crc = table[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * `checkKeyText(text)` over the core's `LIMITS`: `{ key, problem }`, the key with surrounding white
 * space removed, and null when it may be sent, else why not: `"key-empty"`, `"key-malformed"` (not
 * 1 to `LIMITS.apiKeyMaxLength` printable ASCII characters without spaces, as every key is) or
 * `"key-typo"` (the 2026 format with a wrong checksum or a broken shape).
 */
export function makeCheckKeyText(LIMITS) {
  const printable = new RegExp(`^[\\x21-\\x7e]{1,${LIMITS.apiKeyMaxLength}}$`);
  return function checkKeyText(text) {
    const key = typeof text === 'string' ? text.trim() : '';
    if (!key) return { key, problem: 'key-empty' };
    if (!printable.test(key)) return { key, problem: 'key-malformed' };
    if (!key.toLowerCase().startsWith(PREFIX)) return { key, problem: null };
    const match = NEW_FORMAT.exec(key);
    const sum = match && crc32(PREFIX + match[1]).toString(16).padStart(8, '0');
    return { key, problem: sum === match?.[2] ? null : 'key-typo' };
  };
}

/** The last four characters of a key, the most any screen shows unless the person asks. */
export const lastFour = (key) => key.slice(-4);
