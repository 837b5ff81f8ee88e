// Shortens the names the wasm module and its JS glue use to talk to each other, after
// finish-pkg.mjs has written both glues. wasm-bindgen names every import `__wbg_<name>_<16 hex
// digits>` and every closure-shim export after its whole Rust type (hundreds of characters with
// crate hashes). Each name is stored in the .wasm and again in each glue, and the hex digits do
// not compress: renaming them to short names takes about 2.4 KB off the gzipped wasm and 0.8 KB
// off the gzipped glue (README, "Performance"). The public exports (the API functions and
// `memory`) keep their names; nothing else about the module changes.
//
// The .wasm is edited in place: only its import and export sections are rewritten (section
// format: https://webassembly.github.io/spec/core/binary/modules.html). The glues are rewritten
// by exact names, and the run fails when a name it renamed is still found in a glue.
// Usage: node scripts/minify-wasm-names.mjs [pkg dir]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'pkg');
const wasmFile = join(pkg, 'anytype_auth_bg.wasm');
// The web glue, and the Node entries, which finish-pkg.mjs makes one file each with a glue inlined.
const glueFiles = ['anytype_auth.js', 'node.js', 'index.cjs'].map((file) => join(pkg, file));
/** Exports that keep their names: what the glue's callers and the benchmarks use. */
const PUBLIC_EXPORTS = new Set(['memory', 'createChallenge', 'createApiKey', 'checkAnytype', 'verifyApiKey', 'pair']);
const IMPORT_SECTION = 2;
const EXPORT_SECTION = 7;

/** Short names: a, b, …, z, A, …, Z, aa, ab, … (valid JS identifiers, never a keyword here). */
function* shortNames() {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (let length = 1; ; length++) {
    const digits = new Array(length).fill(0);
    for (;;) {
      yield digits.map((d) => letters[d]).join('');
      let i = length - 1;
      while (i >= 0 && ++digits[i] === letters.length) digits[i--] = 0;
      if (i < 0) break;
    }
  }
}

// ---- reading and writing the binary -------------------------------------------------------

class Reader {
  constructor(bytes, at = 0) {
    this.bytes = bytes;
    this.at = at;
  }
  byte() {
    return this.bytes[this.at++];
  }
  u32() {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      const b = this.byte();
      result |= (b & 0x7f) << shift;
      if (!(b & 0x80)) return result >>> 0;
    }
  }
  name() {
    const length = this.u32();
    const text = new TextDecoder('utf-8', { fatal: true }).decode(this.bytes.subarray(this.at, this.at + length));
    this.at += length;
    return text;
  }
  /** Skips `limits` (a flag byte, then one or two u32s; bit 2 = 64-bit memory, same encoding). */
  limits() {
    const flags = this.byte();
    this.u32();
    if (flags & 1) this.u32();
  }
}

const u32Bytes = (value) => {
  const out = [];
  do {
    let b = value & 0x7f;
    value >>>= 7;
    if (value) b |= 0x80;
    out.push(b);
  } while (value);
  return out;
};
const nameBytes = (text) => {
  const utf8 = new TextEncoder().encode(text);
  return [...u32Bytes(utf8.length), ...utf8];
};

/** The bytes of an import's description (after its two names), copied as they are. */
function importDescription(reader) {
  const start = reader.at;
  const kind = reader.byte();
  if (kind === 0x00) reader.u32(); // function: type index
  else if (kind === 0x01) (reader.byte(), reader.limits()); // table: reference type, limits
  else if (kind === 0x02) reader.limits(); // memory
  else if (kind === 0x03) (reader.byte(), reader.byte()); // global: value type, mutability
  else if (kind === 0x04) (reader.byte(), reader.u32()); // tag: attribute, type index
  else throw new Error(`minify-wasm-names: unknown import kind ${kind}`);
  return [...reader.bytes.subarray(start, reader.at)];
}

/** Rewrites the import and export sections of `bytes`; returns the new bytes and the renames. */
function renameInWasm(bytes) {
  if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error('minify-wasm-names: not a wasm module');
  const names = shortNames();
  const renamed = { modules: new Map(), imports: new Map(), exports: new Map() };
  const parts = [bytes.subarray(0, 8)];
  const reader = new Reader(bytes, 8);
  while (reader.at < bytes.length) {
    const id = reader.byte();
    const size = reader.u32();
    const start = reader.at;
    const end = start + size;
    let payload = null;
    if (id === IMPORT_SECTION) {
      const count = reader.u32();
      payload = u32Bytes(count);
      for (let i = 0; i < count; i++) {
        const module = reader.name();
        const field = reader.name();
        if (!renamed.modules.has(module)) renamed.modules.set(module, renamed.modules.size === 0 ? 'a' : `m${renamed.modules.size}`);
        if (!renamed.imports.has(field)) renamed.imports.set(field, names.next().value);
        payload.push(...nameBytes(renamed.modules.get(module)), ...nameBytes(renamed.imports.get(field)), ...importDescription(reader));
      }
    } else if (id === EXPORT_SECTION) {
      const count = reader.u32();
      payload = u32Bytes(count);
      for (let i = 0; i < count; i++) {
        const name = reader.name();
        const kindStart = reader.at;
        reader.byte();
        reader.u32();
        let short = name;
        if (!PUBLIC_EXPORTS.has(name)) {
          do short = `x${names.next().value}`;
          while (PUBLIC_EXPORTS.has(short));
          renamed.exports.set(name, short);
        }
        payload.push(...nameBytes(short), ...bytes.subarray(kindStart, reader.at));
      }
    }
    if (payload && reader.at !== end) throw new Error(`minify-wasm-names: section ${id} did not parse to its end`);
    parts.push(payload ? Buffer.from([id, ...u32Bytes(payload.length), ...payload]) : bytes.subarray(start - 1 - u32Bytes(size).length, end));
    reader.at = end;
  }
  return { bytes: Buffer.concat(parts), renamed };
}

// ---- the glues ------------------------------------------------------------------------------

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function renameInGlue(text, renamed, file) {
  for (const [from, to] of renamed.modules) text = text.replaceAll(`${JSON.stringify(from)}: import0`, `${JSON.stringify(to)}: import0`);
  for (const [from, to] of renamed.imports) {
    text = text.replace(new RegExp(`(^|[\\s,{])${escape(from)}(?=: function)`, 'gm'), `$1${to}`);
  }
  for (const [from, to] of renamed.exports) {
    text = text.replace(new RegExp(`\\bwasm\\.${escape(from)}\\b`, 'g'), `wasm.${to}`);
    // The glue also names its JS wrapper of a closure shim after the export.
    text = text.replace(new RegExp(`(^|[^\\w$.])${escape(from)}(?![\\w$])`, 'g'), `$1__wbg_${to}`);
  }
  const leftovers = [...renamed.modules.keys(), ...renamed.imports.keys(), ...renamed.exports.keys()].filter(
    (name) => name.length > 2 && new RegExp(`(^|[^\\w$])${escape(name)}(?![\\w$])`).test(text),
  );
  if (leftovers.length) throw new Error(`minify-wasm-names: ${file} still names ${leftovers.slice(0, 3).join(', ')}`);
  return text;
}

const before = readFileSync(wasmFile);
const { bytes, renamed } = renameInWasm(before);
const glues = glueFiles.map((file) => [file, renameInGlue(readFileSync(file, 'utf8'), renamed, file)]);
writeFileSync(wasmFile, bytes);
for (const [file, text] of glues) writeFileSync(file, text);
console.log(
  `minify-wasm-names: ${renamed.imports.size} imports, ${renamed.exports.size} exports renamed; wasm ${before.length} → ${bytes.length} B`,
);
