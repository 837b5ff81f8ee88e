/**
 * API keys and their records. Two formats: the legacy 44-character std base64 of 32 random bytes
 * (every key up to v0.50, and `addApiKey`'s default), and the 2026 JsonAPI format
 * `anytype_<52 lowercase base32 chars of 32 random bytes>_<8 lowercase hex>`, 69 characters,
 * where the hex is the CRC32-IEEE of `anytype_<body>` (a typo check: a key whose checksum is wrong
 * is simply an invalid key). A record is `{ key, id, name, createdAt, expiresAt, grant, keyScope }`:
 * `id` is the sha256 hex of the key (heart's app-link hash), dates are ms since the epoch
 * (`expiresAt` null: never), `grant` is null (legacy, unscoped) or a grant (grants.mjs), and
 * `keyScope` is `jsonApi`, `full` or `limited`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { makeGrant } from './grants.mjs';

/** The new format's prefix. */
export const KEY_PREFIX = 'anytype_';
/** The key formats `addApiKey` can make. */
export const KEY_FORMATS = Object.freeze(['base64', 'anytype']);
/** The key scopes: JsonAPI (pairing, Settings), Full (the desktop itself), Limited (Web Clipper, old CLI). */
export const KEY_SCOPES = Object.freeze(['jsonApi', 'full', 'limited']);

const BASE32_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32, lower case, without padding. */
export function base32(bytes) {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits ? out + BASE32_ALPHABET[(value << (5 - bits)) & 31] : out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC32-IEEE (as Go's hash/crc32.ChecksumIEEE) of a string's UTF-8 bytes, as an unsigned number. */
export function crc32(text) {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const checksumOf = (prefixedBody) => crc32(prefixedBody).toString(16).padStart(8, '0');

/** A new random key in `format`. */
export function newKey(format = 'base64') {
  if (format === 'base64') return randomBytes(32).toString('base64');
  const prefixedBody = KEY_PREFIX + base32(randomBytes(32));
  return `${prefixedBody}_${checksumOf(prefixedBody)}`;
}

/**
 * False for a key that claims the new format (starts with `anytype_`) but is not
 * `anytype_<[a-z2-7]+>_<8 hex>` with the right checksum; true otherwise (legacy keys have none).
 */
export function checksumValid(key) {
  if (!key.startsWith(KEY_PREFIX)) return true;
  const match = /^(anytype_[a-z2-7]+)_([0-9a-f]{8})$/.exec(key);
  return Boolean(match) && checksumOf(match[1]) === match[2];
}

/** heart's app-link id for a key: sha256 of the key, hex. */
export const keyId = (key) => createHash('sha256').update(key).digest('hex');

/** A new key record; `createdAt` and `expiresAt` are whole seconds, as heart stores them. */
export function newKeyRecord({ format = 'base64', name, createdAt, expiresAt = null, grant = null, keyScope = 'jsonApi' }) {
  const key = newKey(format);
  const seconds = (ms) => Math.floor(ms / 1000) * 1000;
  return { key, id: keyId(key), name, createdAt: seconds(createdAt), expiresAt: expiresAt === null ? null : seconds(expiresAt), grant, keyScope };
}

/**
 * addApiKey's options, checked: `{ grant, expiresAt, format, keyScope, name }` → newKeyRecord's.
 * `grant` is null or `{ allSpaces: true } | { spaceIds }` plus `permission` (grants.mjs),
 * `expiresAt` a Date or ms since the epoch. Grants, expiry dates, Full/Limited scopes and the new
 * format need a mode with `scopedKeys` (the current mode). Throws a TypeError.
 */
export function checkedKeyOptions({ grant = null, expiresAt = null, format = 'base64', keyScope = 'jsonApi', name }, scopedKeys) {
  if (!KEY_FORMATS.includes(format)) throw new TypeError(`addApiKey: format must be 'base64' or 'anytype', got ${format}`);
  if (!KEY_SCOPES.includes(keyScope)) throw new TypeError(`addApiKey: keyScope must be 'jsonApi', 'full' or 'limited', got ${keyScope}`);
  if (name !== undefined && typeof name !== 'string') throw new TypeError('addApiKey: name must be a string');
  const expiry = expiresAt instanceof Date ? expiresAt.getTime() : expiresAt;
  if (expiry !== null && !Number.isFinite(expiry)) throw new TypeError(`addApiKey: expiresAt must be a Date or ms since the epoch, got ${expiresAt}`);
  const checkedGrant = grant === null ? null : makeGrant(grant, grant.permission, 'addApiKey grant');
  if (checkedGrant && keyScope !== 'jsonApi') throw new TypeError('addApiKey: grants are for JsonAPI keys only');
  if (!scopedKeys && (checkedGrant || expiry !== null || keyScope !== 'jsonApi' || format !== 'base64')) {
    throw new TypeError('addApiKey: grant, expiresAt, keyScope and the anytype format need the current mode');
  }
  return { format, keyScope, grant: checkedGrant, expiresAt: expiry, ...(name === undefined ? {} : { name }) };
}
