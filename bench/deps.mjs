// `make bench-deps`: what each dependency costs in the gzipped wasm. Prints a table and writes
// bench/deps.json (git-ignored). Needs `make build` (its release artifacts), twiggy, wasm-bindgen
// and wasm-opt (scripts/setup.sh --twiggy installs twiggy). docs/contributing.md explains the table.
//
// Method, per build (bench/deps-builds.mjs makes them):
// 1. twiggy lists every item of the names build (`twiggy top`: function bodies, imports, data
//    segments, exports, types, ...; shallow size = its bytes) and its dominator tree (`twiggy
//    dominators`: an item dominates another when every path from the exports and the table to
//    the other goes through it).
// 2. Each function and import is given to a crate by the Rust path in its name (see `owner`
//    and GROUPS below): its leading path, or for `<Type as Trait>::f` the path of Type (of Trait
//    when Type is a primitive or a type parameter), or for `core::ptr::drop_in_place<T>` (drop
//    glue) the first non-std path in T; derived serde impls (`…::_::<impl serde_core::… for …>`,
//    which serde_derive writes into our modules) are serde's. Imports carry the path of the Rust
//    function wasm-bindgen made them for (e.g. web_sys::…::Headers::get::__wbg_get_…).
// 3. "own": the group's items. "+ only it reaches": the group's items and every item they
//    dominate (code that nothing else calls, e.g. float formatting reached only from one crate's
//    error messages).
// 4. raw = the twiggy shallow sizes added up; gzip = gzip -9 of the shipped bytes minus gzip -9
//    of the same bytes with those items' bytes set to zero (the items' share of the compressed
//    file, everything else in place; zeroed runs cost gzip a few bytes each, so it errs low).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipBytes } from './sizes.mjs';
import { wasmLayout, withoutNameSection, zeroed } from './wasm-layout.mjs';
import { RELEASE_ARTIFACT, WORK_DIR, namesBuild, talcArtifact } from './deps-builds.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const log = (...args) => console.error('[bench-deps]', ...args);

/** The crates of the Rust standard library (and what it links in) on wasm32. */
const STD = new Set(['core', 'alloc', 'std', 'compiler_builtins', 'hashbrown', '__rustc', 'panic_abort', 'rustc_demangle', 'std_detect']);

/**
 * Every function and import goes to the first group that takes it (data segments to `data`,
 * unnamed functions to `other`). `dependency: true` rows are the table's subject; the others make
 * it add up to the whole file. `prefixes` match the owner path (see `owner`), `test` the whole
 * (normalized) name and that path.
 */
const GROUPS = [
  { id: 'serde-derive', label: 'serde: derived impls of our types', dependency: true, test: (name) => /::_::<impl serde(_core)?::/.test(name) },
  { id: 'serde_core', label: 'serde: serde_core itself', dependency: true, prefixes: ['serde_core::', 'serde::'] },
  { id: 'serde-wasm-bindgen', label: 'serde-wasm-bindgen', dependency: true, prefixes: ['serde_wasm_bindgen::'] },
  { id: 'serde_path_to_error', label: 'serde_path_to_error', dependency: true, prefixes: ['serde_path_to_error::'] },
  { id: 'gloo-net', label: 'gloo-net', dependency: true, prefixes: ['gloo_net::', 'gloo_utils::'] },
  { id: 'wasm-bindgen-futures', label: 'wasm-bindgen-futures (js_sys::futures)', dependency: true, prefixes: ['js_sys::futures::', 'wasm_bindgen_futures::'] },
  { id: 'web-sys', label: 'web-sys features', dependency: true, prefixes: ['web_sys::'] },
  {
    id: 'allocator',
    label: 'allocator',
    dependency: true,
    prefixes: ['dlmalloc::', 'talc::', 'lock_api::', 'allocator_api2::', '__rustc::__rdl_', '__rustc::__rg_', '__rustc::__rust_', 'std::sys::alloc::', 'std::alloc::'],
    test: (name) => /^__rust_(alloc|dealloc|realloc|alloc_zeroed)$/.test(name),
  },
  { id: 'anytype-auth', label: '(ours) anytype-auth, src/', prefixes: ['anytype_auth::'] },
  {
    id: 'wasm-bindgen',
    label: '(runtime) wasm-bindgen: runtime, export shims',
    prefixes: ['wasm_bindgen::'],
    test: (name) => /^__wbindgen|^__externref|externref shim$|^__wbg_|^__instance_terminated|^__abort_handler/.test(name),
  },
  { id: 'js-sys', label: '(runtime) js-sys, but for its futures', prefixes: ['js_sys::'] },
  {
    id: 'std',
    label: '(std) core, alloc, std, compiler-builtins',
    prefixes: [...STD].map((crate) => `${crate}::`),
    test: (name, path) => path === null || /^(mem(cpy|move|set|cmp)|bcmp|__(mul|div|udiv|mod|umod|ash|lsh)[a-z]*\d)$/.test(name),
  },
  { id: 'data', label: '(data) data segments: strings, tables, statics of everyone' },
  { id: 'other', label: '(other) functions without a name or a known path' },
];

/** A twiggy/name-section name without crate hashes (`core[c59…]`), symbol hashes (`::h…`) or copy suffixes (`[2]`). */
export function normalize(name) {
  return name.replace(/\[[0-9a-f]{16}\]/g, '').replace(/\[\d+\]$/, '').replace(/::h[0-9a-f]{16}$/, '');
}

/** The text inside the `<…>` that opens at `text[0]`, and what follows it. */
function angle(text) {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '<') depth++;
    else if (text[i] === '>' && --depth === 0) return [text.slice(1, i), text.slice(i + 1)];
  }
  return [text.slice(1), ''];
}

/** `inner` of `<Self as Trait>` split at its top-level " as ". */
function splitAs(inner) {
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '<') depth++;
    else if (inner[i] === '>') depth--;
    else if (depth === 0 && inner.startsWith(' as ', i)) return [inner.slice(0, i), inner.slice(i + 4)];
  }
  return [inner, null];
}

/**
 * The Rust path a (normalized) name is owned by: `a::b::f` → itself; `<Type as Trait>::f` →
 * Type's path, or Trait's when Type has none (a primitive, `T`); `core::ptr::drop_in_place<T>`
 * → the first path in T outside the standard library (else the name itself). null: no path at
 * all (`memcmp`, `<char>::…`'s `char`, ...).
 */
export function owner(name) {
  let text = name.replace(/^(&mut |&|\*const |\*mut |dyn |\[)+/, '');
  const drop = text.match(/^core::ptr::drop_in_place<(.*)>$/);
  if (drop) {
    const inner = [...drop[1].matchAll(/([A-Za-z_]\w*)::[\w:]+/g)].find((m) => !STD.has(m[1]));
    return inner ? inner[0] : text;
  }
  if (text.startsWith('<')) {
    const [inner] = angle(text);
    const [self, trait] = splitAs(inner);
    return owner(self) ?? (trait === null ? null : owner(trait));
  }
  return /^[A-Za-z_]\w*::/.test(text) ? text : null;
}

/** The group id of a layout item (see GROUPS). */
export function groupOf(item) {
  if (item.kind === 'data') return 'data';
  if (!item.name || /^code\[\d+\]$/.test(item.name)) return 'other';
  const name = normalize(item.name);
  const path = owner(name);
  const group = GROUPS.find((g) => (path !== null && g.prefixes?.some((prefix) => path.startsWith(prefix))) || g.test?.(name, path));
  return group?.id ?? 'other';
}

const twiggy = (command, wasm) => JSON.parse(execFileSync('twiggy', [command, '-f', 'json', wasm], { maxBuffer: 256 << 20, encoding: 'utf8' }));
const NAME_SECTION = /subsection$|^custom section 'name'/;

/** The attribution of one names build `file`: { totalRaw, totalGzip, rows: [{ id, label, items, raw, gzip, reachRaw, reachGzip, largest }] }. */
function attribute(file) {
  const named = readFileSync(file);
  const shipped = withoutNameSection(named);
  const { items } = wasmLayout(named);
  const byTwiggyName = new Map(items.map((item) => [item.twiggyName, item]));
  const top = twiggy('top', file).filter((entry) => !NAME_SECTION.test(entry.name));
  const shallow = new Map(top.map((entry) => [entry.name, entry.shallow_size]));
  const children = new Map();
  const walk = (node) => {
    children.set(node.name, (node.children ?? []).map((child) => child.name));
    (node.children ?? []).forEach(walk);
  };
  twiggy('dominators', file).items.forEach(walk);
  const dominated = (name, into) => {
    into.add(name);
    for (const child of children.get(name) ?? []) dominated(child, into);
    return into;
  };
  const totalGzip = gzipBytes(shipped);
  const gzipOf = (names) => totalGzip - gzipBytes(zeroed(shipped, [...names].map((name) => byTwiggyName.get(name)).filter(Boolean)));
  const rawOf = (names) => [...names].reduce((sum, name) => sum + (shallow.get(name) ?? 0), 0);
  const members = new Map(GROUPS.map((g) => [g.id, []]));
  for (const item of items) members.get(groupOf(item)).push(item.twiggyName);
  const rows = GROUPS.map((g) => {
    const own = new Set(members.get(g.id));
    const reach = new Set();
    if (g.id !== 'data') for (const name of own) dominated(name, reach);
    const largest = [...own].sort((a, b) => (shallow.get(b) ?? 0) - (shallow.get(a) ?? 0))[0];
    return {
      id: g.id,
      label: g.label,
      dependency: Boolean(g.dependency),
      items: own.size,
      raw: rawOf(own),
      gzip: own.size ? gzipOf(own) : 0,
      reachRaw: g.id === 'data' ? null : rawOf(reach),
      reachGzip: g.id === 'data' ? null : reach.size ? gzipOf(reach) : 0,
      largest: largest && { name: g.id === 'other' ? largest : normalize(byTwiggyName.get(largest)?.name || largest), bytes: shallow.get(largest) },
    };
  });
  const inLayout = new Set(items.map((item) => item.twiggyName));
  const restRaw = top.filter((entry) => !inLayout.has(entry.name)).reduce((sum, entry) => sum + entry.shallow_size, 0);
  rows.push({ id: 'module', label: '(module) types, exports, table, globals, section headers', dependency: false, items: 0, raw: restRaw, gzip: null, reachRaw: null, reachGzip: null });
  return { file, totalRaw: shipped.length, totalGzip, rows };
}

// ---- main --------------------------------------------------------------------------------

const started = performance.now();
mkdirSync(WORK_DIR, { recursive: true });
log('the names build (wasm-opt --debuginfo) of the release artifact');
const namesFile = namesBuild(RELEASE_ARTIFACT, WORK_DIR, 'names');
const pkgWasm = readFileSync(join(root, 'pkg', 'anytype_auth_bg.wasm'));
if (!withoutNameSection(readFileSync(namesFile)).equals(pkgWasm)) {
  throw new Error('the names build without its name section is not pkg/anytype_auth_bg.wasm: run `make build` again (or the pipeline of bench/deps-builds.mjs differs from wasm-pack\'s)');
}
log('the no-inline build (wasm-opt --no-inline=* --debuginfo)');
const noInlineFile = namesBuild(RELEASE_ARTIFACT, WORK_DIR, 'no-inline', ['--no-inline=*']);
log('the talc build (cargo build of a copy of the crate with talc as the global allocator)');
const talcFile = namesBuild(talcArtifact(), WORK_DIR, 'talc');
log('twiggy and gzip');
const shippedView = attribute(namesFile);
const noInlineView = attribute(noInlineFile);
const talcView = attribute(talcFile);

const fmt = (n) => (n === null || n === undefined ? '—' : n.toLocaleString('en-US'));
const rows = [['crate', 'items', 'own raw', 'own gzip', '+ only it reaches, gzip', 'no-inline build: own gzip', '+ only it reaches', 'largest item in the shipped build']];
for (const row of shippedView.rows) {
  const other = noInlineView.rows.find((r) => r.id === row.id);
  const largest = row.largest ? `${row.largest.name.length > 70 ? row.largest.name.slice(0, 67) + '…' : row.largest.name} (${fmt(row.largest.bytes)})` : '';
  rows.push([row.label, fmt(row.items), fmt(row.raw), fmt(row.gzip), fmt(row.reachGzip), fmt(other.gzip), fmt(other.reachGzip), largest]);
}
rows.push(['whole wasm', '', fmt(shippedView.totalRaw), fmt(shippedView.totalGzip), '', fmt(noInlineView.totalGzip), '', '']);
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
const line = (r) => '| ' + r.map((cell, i) => (i > 0 && i < 7 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ') + ' |';
console.log('What each dependency costs in the wasm (bytes; gzip = gzip -9 -n; "own": items named for it; "+ only it reaches": and what they alone reach, per twiggy\'s dominator tree)\n');
console.log(line(rows[0]));
console.log('|' + widths.map((w, i) => (i > 0 && i < 7 ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|');
for (const r of rows.slice(1)) console.log(line(r));

const alloc = (view) => view.rows.find((r) => r.id === 'allocator');
const delta = talcView.totalGzip - shippedView.totalGzip;
console.log('\nAllocator: Rust\'s default (dlmalloc) as shipped, against a build with talc 5 as #[global_allocator] (WasmDynamicTalc)\n');
console.log('| allocator | own raw | own gzip | + only it reaches, gzip | whole wasm gzip |');
console.log('|---|--:|--:|--:|--:|');
console.log(`| dlmalloc (default, shipped) | ${fmt(alloc(shippedView).raw)} | ${fmt(alloc(shippedView).gzip)} | ${fmt(alloc(shippedView).reachGzip)} | ${fmt(shippedView.totalGzip)} |`);
console.log(`| talc 5 | ${fmt(alloc(talcView).raw)} | ${fmt(alloc(talcView).gzip)} | ${fmt(alloc(talcView).reachGzip)} | ${fmt(talcView.totalGzip)} (${delta > 0 ? '+' : ''}${fmt(delta)}) |`);

const gzipSum = (view, filter) => view.rows.filter(filter).reduce((sum, r) => sum + (r.gzip ?? 0), 0);
console.log(
  `\nThe dependencies' own items: ${fmt(gzipSum(shippedView, (r) => r.dependency))} of ${fmt(shippedView.totalGzip)} B gzip; all rows: ` +
    `${fmt(gzipSum(shippedView, () => true))} (zeroing an item leaves gzip a few bytes and loses the context it gave its neighbours, so the shares add up to less). ` +
    `The raw column adds up to the file exactly. Not attributable to a crate: the data segments (each crate's strings and tables, ` +
    `e.g. serde's error messages), the shared std code (core::fmt and friends) that several crates reach, and code that wasm-opt inlined ` +
    `into another crate's function (it counts under the name it was inlined into; the no-inline columns undo that; rustc's own inlining under LTO stays).`,
);
const result = { generatedAt: new Date().toISOString(), seconds: Math.round((performance.now() - started) / 1000), shipped: shippedView, noInline: noInlineView, talc: talcView };
writeFileSync(join(here, 'deps.json'), JSON.stringify(result, null, 2) + '\n');
console.log('written to bench/deps.json');
