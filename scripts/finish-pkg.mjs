// Turns wasm-pack's `--target web` output in pkg/ into the anytype-auth npm package:
// - the browser entry (index.js, with plain-api.js) from js/, with the path of wasm-bindgen's
//   AnytypeError snippet filled in; it loads wasm-bindgen's web glue (anytype_auth.js);
// - the Node entries, one file each (every module file costs Node time at load): js/node.js for
//   `import` and js/index.cjs for `require`, each bundled by esbuild with the same web glue,
//   AnytypeError and plain-api.js. No generated file is edited;
// - the hand-written types, the stand-in Anytype (subpath `anytype-auth/stand-in` and a bin),
//   README and LICENSE, and a package.json whose `files` list is the whole tarball.
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

// 1. Entries: our own files, with the snippet's path (its folder name has a hash) filled in.
const errorModule = find(join(pkg, 'snippets'), 'anytype-error.js');
if (!errorModule) throw new Error('pkg/snippets has no anytype-error.js: did wasm-pack run?');
const errorImport = relative(pkg, errorModule).split('\\').join('/');
const entry = (name) => read(join(js, name)).replaceAll('__ANYTYPE_ERROR_MODULE__', errorImport);
for (const name of ['index.js', 'plain-api.js', 'facts.js']) writeFileSync(join(pkg, name), entry(name));

// 2. Node entries, bundled into one file each. The web glue's default init path reads
//    `import.meta.url`, which a CommonJS bundle lacks; the Node entries never take that path
//    (they call initSync with the bytes), so esbuild's note about it is silenced.
// Their shared part, js/node-api.js, is bundled into each, so it is in pkg/ only meanwhile.
writeFileSync(join(pkg, 'node-api.js'), entry('node-api.js'));
for (const [name, format] of [['node.js', 'esm'], ['index.cjs', 'cjs']]) {
  buildSync({
    stdin: { contents: entry(name), resolveDir: pkg, sourcefile: `js/${name}`, loader: 'js' },
    outfile: join(pkg, name),
    bundle: true,
    format,
    platform: 'node',
    target: 'node18',
    legalComments: 'none',
    logLevel: 'warning',
    logOverride: { 'empty-import-meta': 'silent' },
  });
}
rmSync(join(pkg, 'node-api.js'));

// 2b. anytype-auth/ui, one module per runtime over the entry next to it (js/ui/).
for (const [name, source, core] of [['ui.js', 'index.js', 'index.js'], ['ui.node.js', 'node.js', 'node.js']]) {
  const coreEntry = { name: 'core-entry', setup: (b) => b.onResolve({ filter: /^\.\.\/(index|node|facts)\.js$/ }, ({ path }) => ({ path: path.endsWith('facts.js') ? './facts.js' : `./${core}`, external: true })) };
  await build({ entryPoints: [join(js, 'ui', source)], outfile: join(pkg, name), bundle: true, format: 'esm', target: 'es2022', legalComments: 'none', logLevel: 'warning', plugins: [coreEntry] });
}
// Left in pkg/ by builds from before the Node entries were bundled.
for (const stale of ['anytype_auth.cjs', 'anytype-error.cjs', 'auth-headers.cjs', 'auth-headers.js']) rmSync(join(pkg, stale), { force: true });

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
    'index.js', 'node.js', 'index.cjs', 'plain-api.js', 'facts.js', 'ui.js', 'ui.node.js', 'ui.d.ts', 'anytype_auth.js', 'anytype_auth_bg.wasm', 'snippets/',
    'index.d.ts', 'index.d.cts', 'stand-in/', 'README.md', 'LICENSE',
  ],
  sideEffects: ['./node.js', './index.cjs', './ui.js'],
  engines: { node: '>=18' },
};
writeFileSync(join(pkg, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`pkg/ ready: anytype-auth ${manifest.version}`);
