// Turns wasm-pack's `--target web` output in pkg/ into the anytype-auth npm package:
// - the browser entry (index.js, with plain-api.js) from js/, with the path of wasm-bindgen's
//   AnytypeError snippet filled in; it loads wasm-bindgen's web glue (anytype_auth.js);
// - the Node entries, one file each (every module file costs Node time at load): node.js for
//   `import` (js/node.js + AnytypeError + authHeaders + the web glue) and index.cjs for `require`
//   (js/index.cjs + the same + wasm-bindgen's `--target nodejs` glue for the same wasm);
// - the hand-written types, the stand-in Anytype (every module of stand-in/; the subpath
//   `anytype-auth/stand-in` and a bin), README and LICENSE, and a package.json whose `files`
//   list is the whole tarball.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const js = join(root, 'js');
const targetDir = process.env.CARGO_TARGET_DIR || join(root, 'target');
const releaseWasm = join(targetDir, 'wasm32-unknown-unknown', 'release', 'anytype_auth.wasm');
const read = (path) => readFileSync(path, 'utf8');

function find(dir, name) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = find(path, name);
      if (found) return found;
    } else if (entry.name === name) {
      return path;
    }
  }
  return null;
}

/** Copies every `.mjs` file under `from` to the same place under `to`, making directories as needed. */
function copyModules(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) copyModules(join(from, entry.name), join(to, entry.name));
    else if (entry.name.endsWith('.mjs')) copyFileSync(join(from, entry.name), join(to, entry.name));
  }
}

/** `text` with `from` replaced by `to`, failing loudly when `from` is missing (the glue changed). */
function replaceOnce(text, from, to, what) {
  if (!text.includes(from)) throw new Error(`finish-pkg: ${what}: expected text not found`);
  return text.replace(from, to);
}

/** The wasm imports (`__wbg_…` names) a glue file provides; both glues must provide the same. */
const importNames = (glue) => [...new Set(glue.match(/\b__wbg_\w+(?=:)/g))].sort().join('\n');

/** `text` with every match of `pattern` (global) replaced by `to`, failing loudly when none matches. */
function replaceMatches(text, pattern, to, what) {
  if (!pattern.test(text)) throw new Error(`finish-pkg: ${what}: expected text not found`);
  return text.replace(pattern, to);
}

// 1. Browser entry.
const errorModule = find(join(pkg, 'snippets'), 'anytype-error.js');
if (!errorModule) throw new Error('pkg/snippets has no anytype-error.js: did wasm-pack run?');
const errorImport = relative(pkg, errorModule).split('\\').join('/');
for (const entry of ['index.js', 'plain-api.js']) {
  writeFileSync(join(pkg, entry), read(join(js, entry)).replaceAll('__ANYTYPE_ERROR_MODULE__', errorImport));
}

// 2. Node entries: js/node.js and js/index.cjs with these files in place of their `// __INLINE__`
// line, each without its imports and exports (the entry lists the API itself).
const errorClass = replaceOnce(read(join(js, 'anytype-error.js')), 'export class AnytypeError', 'class AnytypeError', 'AnytypeError class');
const plainApi = replaceOnce(read(join(js, 'plain-api.js')), 'export function makePlainApi', 'function makePlainApi', 'makePlainApi export');

let webGlue = read(join(pkg, 'anytype_auth.js'));
webGlue = webGlue.replace(/^\/\* @ts-self-types=.*\*\/\n/, '');
webGlue = replaceMatches(webGlue, /^import \{ AnytypeError \} from '\.\/snippets\/[^']+\/anytype-error\.js';\n/m, '', 'AnytypeError import in the web glue');
webGlue = replaceMatches(webGlue, /^export function /gm, 'function ', 'exported functions in the web glue');
webGlue = replaceOnce(webGlue, 'export { initSync, __wbg_init as default };\n', '', 'init exports in the web glue');

const nodeOut = mkdtempSync(join(tmpdir(), 'anytype-auth-cjs-'));
let nodeGlue;
try {
  execFileSync('wasm-bindgen', ['--target', 'nodejs', '--out-dir', nodeOut, '--out-name', 'anytype_auth', releaseWasm], { stdio: 'inherit' });
  nodeGlue = read(join(nodeOut, 'anytype_auth.js'));
} finally {
  rmSync(nodeOut, { recursive: true, force: true });
}
if (importNames(nodeGlue) !== importNames(read(join(pkg, 'anytype_auth.js')))) {
  throw new Error('finish-pkg: the nodejs and web glue expect different wasm imports; rebuild both from one wasm');
}
nodeGlue = nodeGlue.replace(/^\/\* @ts-self-types=.*\*\/\n/, '');
nodeGlue = replaceMatches(nodeGlue, /^const \{ AnytypeError \} = require\(String\.raw`\.\/snippets\/[^`]+\/anytype-error\.js`\);\n/m, '', 'AnytypeError require in the nodejs glue');
nodeGlue = replaceMatches(nodeGlue, /^exports\.\w+ = \w+;\n/gm, '', 'exports in the nodejs glue');
if (!nodeGlue.includes('`${__dirname}/anytype_auth_bg.wasm`')) throw new Error('finish-pkg: the nodejs glue no longer loads the wasm next to itself');

for (const [entry, glue] of [['node.js', webGlue], ['index.cjs', nodeGlue]]) {
  const parts = [['js/anytype-error.js', errorClass], ['js/plain-api.js', plainApi], [`wasm-bindgen's ${entry === 'node.js' ? 'web' : 'nodejs'} glue`, glue]];
  for (const [name, text] of parts) {
    const left = text.match(/^(?:import|export|(?:module\.)?exports)\b.*|\brequire\((?!'fs'\)).*/m);
    if (left) throw new Error(`finish-pkg: ${name} still has \`${left[0]}\` after its imports and exports were removed`);
  }
  const inlined = parts.map(([name, text]) => `// ---- ${name} ----\n${text.trim()}\n`).join('\n') + '// ---- end of the inlined files ----\n';
  writeFileSync(join(pkg, entry), replaceOnce(read(join(js, entry)), '// __INLINE__\n', inlined, `${entry} marker`));
}
// Left in pkg/ by builds from before the Node entries were one file each.
for (const stale of ['anytype_auth.cjs', 'anytype-error.cjs', 'auth-headers.cjs', 'auth-headers.js']) rmSync(join(pkg, stale), { force: true });

// 3. Types, stand-in, README, LICENSE; drop wasm-pack's leftovers.
copyFileSync(join(js, 'index.d.ts'), join(pkg, 'index.d.ts'));
copyFileSync(join(js, 'index.d.ts'), join(pkg, 'index.d.cts'));
// The stand-in is server.mjs, cli.mjs and the modules server.mjs imports, in their directory
// layout: every .mjs file under stand-in/ (its README stays in the repository). The old copy goes
// first, so that a module since removed or renamed does not linger in the package.
rmSync(join(pkg, 'stand-in'), { recursive: true, force: true });
copyModules(join(root, 'stand-in'), join(pkg, 'stand-in'));
copyFileSync(join(js, 'stand-in.d.mts'), join(pkg, 'stand-in', 'server.d.mts'));
for (const file of ['README.md', 'LICENSE']) copyFileSync(join(root, file), join(pkg, file));
for (const leftover of ['.gitignore', 'anytype_auth.d.ts', 'anytype_auth_bg.wasm.d.ts']) {
  if (existsSync(join(pkg, leftover))) rmSync(join(pkg, leftover));
}

// 4. package.json.
const generated = JSON.parse(read(join(pkg, 'package.json')));
const manifest = {
  name: 'anytype-auth',
  version: generated.version,
  description: generated.description,
  license: 'MIT',
  keywords: ['anytype', 'pairing', 'api-key', 'local-api', 'browser-extension', 'manifest-v3', 'wasm', 'webassembly'],
  type: 'module',
  types: './index.d.ts',
  exports: {
    '.': {
      types: { require: './index.d.cts', default: './index.d.ts' },
      node: { require: './index.cjs', default: './node.js' },
      default: './index.js',
    },
    './stand-in': { types: './stand-in/server.d.mts', default: './stand-in/server.mjs' },
    './package.json': './package.json',
  },
  bin: { 'anytype-stand-in': './stand-in/cli.mjs' },
  files: [
    'index.js', 'node.js', 'index.cjs', 'plain-api.js', 'anytype_auth.js', 'anytype_auth_bg.wasm', 'snippets/',
    'index.d.ts', 'index.d.cts', 'stand-in/', 'README.md', 'LICENSE',
  ],
  sideEffects: ['./node.js', './index.cjs'],
  engines: { node: '>=18' },
};
writeFileSync(join(pkg, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`pkg/ ready: anytype-auth ${manifest.version}`);
