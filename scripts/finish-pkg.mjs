// Turns wasm-pack's `--target web` output in pkg/ into the anytype-auth npm package:
// - the entries, one file each, bundled by esbuild with wasm-bindgen's web glue (anytype_auth.js,
//   not edited), its AnytypeError snippet, plain-api.js, wasm-unavailable.js and the generated
//   facts.js: js/index.js for browsers (an ES module: one file to load before the wasm fetch
//   starts), js/node.js for Node's `import` and js/index.cjs for `require` (every module file
//   costs Node time at load);
// - the hand-written types, the stand-in Anytype (subpath `anytype-auth/stand-in` and a bin),
//   README and LICENSE, and a package.json whose `files` list is the whole tarball. The glue and
//   its snippets stay in pkg/ for the repository's own scripts (bench/, scripts/soak.mjs), which
//   read the wasm's memory through it; the tarball does not hold them.
import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, buildSync } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const js = join(root, 'js');
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

// 1. Our sources, with the snippet's path (its folder name has a hash) filled in. The shared
//    parts (`shared`) are in pkg/ only while the entries are bundled.
const errorModule = find(join(pkg, 'snippets'), 'anytype-error.js');
if (!errorModule) throw new Error('pkg/snippets has no anytype-error.js: did wasm-pack run?');
const errorImport = relative(pkg, errorModule).split('\\').join('/');
const source = (name) => read(join(js, name)).replaceAll('__ANYTYPE_ERROR_MODULE__', errorImport);
const shared = ['plain-api.js', 'node-api.js', 'wasm-unavailable.js', 'facts.js'];
for (const name of shared) writeFileSync(join(pkg, name), source(name));

// 2. The entries, bundled into one file each. The web glue's default init path reads
//    `import.meta.url`, which a CommonJS bundle lacks; the Node entries never take that path
//    (they call initSync with the bytes), so esbuild's note about it is silenced. The browser
//    entry keeps `new URL("./anytype_auth_bg.wasm", import.meta.url)` as written, which Vite and
//    webpack read to emit the wasm. The browser files (this entry and the ui below) are minified
//    but for their names, which stay readable in stack traces: a page without a bundler parses
//    less before the wasm fetch starts (docs/performance.md has the figures).
const MINIFIED = { minifyWhitespace: true, minifySyntax: true };
const entries = [
  ['index.js', 'esm', 'browser'],
  ['node.js', 'esm', 'node'],
  ['index.cjs', 'cjs', 'node'],
];
for (const [name, format, platform] of entries) {
  buildSync({
    stdin: { contents: source(name), resolveDir: pkg, sourcefile: `js/${name}`, loader: 'js' },
    outfile: join(pkg, name),
    bundle: true,
    format,
    platform,
    target: platform === 'node' ? 'node18' : 'esnext',
    ...(platform === 'browser' ? MINIFIED : {}),
    legalComments: 'none',
    logLevel: 'warning',
    logOverride: { 'empty-import-meta': 'silent' },
  });
}
for (const name of shared) rmSync(join(pkg, name));

// 2b. anytype-auth/ui, one module per runtime over the core entry next to it (js/ui/), which it
//     imports rather than bundles, so a page that loads both loads the core once.
for (const [name, source, core] of [['ui.js', 'index.js', 'index.js'], ['ui.node.js', 'node.js', 'node.js']]) {
  const coreEntry = { name: 'core-entry', setup: (b) => b.onResolve({ filter: /^\.\.\/(index|node)\.js$/ }, () => ({ path: `./${core}`, external: true })) };
  await build({ entryPoints: [join(js, 'ui', source)], outfile: join(pkg, name), bundle: true, format: 'esm', target: 'es2022', legalComments: 'none', logLevel: 'warning', plugins: [coreEntry], ...MINIFIED });
}

// 3. Types, stand-in, README, LICENSE; drop wasm-pack's leftovers.
copyFileSync(join(js, 'index.d.ts'), join(pkg, 'index.d.ts'));
copyFileSync(join(js, 'index.d.ts'), join(pkg, 'index.d.cts'));
copyFileSync(join(js, 'ui', 'ui.d.ts'), join(pkg, 'ui.d.ts'));
rmSync(join(pkg, 'stand-in'), { recursive: true, force: true });
cpSync(join(root, 'stand-in'), join(pkg, 'stand-in'), { recursive: true, filter: (path) => !path.endsWith('.md') });
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
    './ui': { types: './ui.d.ts', node: './ui.node.js', default: './ui.js' },
    './stand-in': { types: './stand-in/server.d.mts', default: './stand-in/server.mjs' },
    './package.json': './package.json',
  },
  bin: { 'anytype-stand-in': './stand-in/cli.mjs' },
  files: [
    'index.js', 'node.js', 'index.cjs', 'ui.js', 'ui.node.js', 'ui.d.ts', 'anytype_auth_bg.wasm',
    'index.d.ts', 'index.d.cts', 'stand-in/', 'README.md', 'LICENSE',
  ],
  sideEffects: ['./node.js', './index.cjs', './ui.js'],
  engines: { node: '>=18' },
};
writeFileSync(join(pkg, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`pkg/ ready: anytype-auth ${manifest.version}`);
