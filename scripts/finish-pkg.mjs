// Turns wasm-pack's `--target web` output in pkg/ into the anytype-auth npm package: adds the
// entries from js/ (browser and Node), the hand-written types, and a package.json with exports.
import { readFileSync, writeFileSync, readdirSync, copyFileSync, rmSync, existsSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const js = join(root, 'js');

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

const errorModule = find(join(pkg, 'snippets'), 'anytype-error.js');
if (!errorModule) throw new Error('pkg/snippets has no anytype-error.js: did wasm-pack run?');
const errorImport = relative(pkg, errorModule).split('\\').join('/');

for (const entry of ['index.js', 'node.js']) {
  const text = readFileSync(join(js, entry), 'utf8').replaceAll('__ANYTYPE_ERROR_MODULE__', errorImport);
  writeFileSync(join(pkg, entry), text);
}
copyFileSync(join(js, 'index.d.ts'), join(pkg, 'index.d.ts'));
for (const leftover of ['.gitignore', 'anytype_auth.d.ts', 'anytype_auth_bg.wasm.d.ts']) {
  if (existsSync(join(pkg, leftover))) rmSync(join(pkg, leftover));
}

const generated = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
const manifest = {
  name: 'anytype-auth',
  version: generated.version,
  description: generated.description,
  license: generated.license,
  keywords: generated.keywords,
  type: 'module',
  types: './index.d.ts',
  exports: {
    '.': { types: './index.d.ts', node: './node.js', default: './index.js' },
    './package.json': './package.json',
  },
  files: ['index.js', 'node.js', 'index.d.ts', 'anytype_auth.js', 'anytype_auth_bg.wasm', 'snippets/', 'README.md'],
  sideEffects: ['./node.js'],
  engines: { node: '>=18' },
};
writeFileSync(join(pkg, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`pkg/ ready: anytype-auth ${manifest.version}`);
