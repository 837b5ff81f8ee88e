// The packed tarball (`npm pack pkg`) installed into fresh temporary consumer projects, as users
// would install it: Node `import` and `require`, the esbuild, Vite and webpack bundles and a plain
// page with an import map (each run in headless Chromium and in headless Firefox against the
// stand-in), and a `tsc --strict` consumer that compiles the examples of README.md and docs/ and rejects misuse.
// Bundlers and tsc are the repository's pinned devDependencies; no network is used.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import webpack from 'webpack';
import { startStandIn } from '../stand-in/server.mjs';
import { serveDirectory, CHROMIUM_ARGS } from './support/browser.mjs';
import { launchFirefox } from './support/firefox.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'tests', 'consumers');
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** Every `.mjs` file under the repository's stand-in/, as `stand-in/…` paths: the stand-in modules. */
function standInModules(dir = join(root, 'stand-in'), prefix = 'stand-in') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return standInModules(join(dir, entry.name), `${prefix}/${entry.name}`);
    return entry.name.endsWith('.mjs') ? [`${prefix}/${entry.name}`] : [];
  });
}

/** Exactly what the tarball holds, and nothing else (no sources, tests or build leftovers). */
const EXPECTED_FILES = [
  'LICENSE', 'README.md', 'package.json', 'anytype_auth_bg.wasm', 'index.js', 'index.cjs',
  'node.js', 'index.d.ts', 'index.d.cts', 'ui.js', 'ui.node.js', 'ui.d.ts',
  'stand-in/server.d.mts', ...standInModules(),
];

let work;
let tarball;
let packed;

before(() => {
  work = mkdtempSync(join(tmpdir(), 'anytype-auth-consumers-'));
  const out = execFileSync('npm', ['pack', join(root, 'pkg'), '--pack-destination', work, '--json', '--silent'], { encoding: 'utf8' });
  [packed] = JSON.parse(out);
  tarball = join(work, packed.filename);
});
after(() => rmSync(work, { recursive: true, force: true }));

/** A fresh project with the tarball installed (offline: it has no dependencies). */
function consumer(name, type = 'module') {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: dir, stdio: 'pipe' });
  return dir;
}

function runNode(dir, script, env = {}) {
  const out = execFileSync(process.execPath, [script], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });
  return JSON.parse(out.trim().split('\n').pop());
}

test('the tarball holds exactly the package files', () => {
  const files = packed.files.map((f) => f.path);
  assert.deepEqual(files.sort(), [...EXPECTED_FILES].sort());
  const manifest = JSON.parse(readFileSync(join(root, 'pkg', 'package.json'), 'utf8'));
  for (const field of ['description', 'keywords', 'license', 'engines', 'types', 'sideEffects', 'bin']) assert.ok(manifest[field], field);
  assert.equal(manifest.license, 'MIT');
});

test('Node import: pair, verify, authHeaders and the stand-in from anytype-auth/stand-in', () => {
  const dir = consumer('node-esm');
  copyFileSync(join(fixtures, 'node', 'esm.mjs'), join(dir, 'esm.mjs'));
  assert.deepEqual(runNode(dir, 'esm.mjs'), {
    keyLength: 44, serverVersion: '2025-11-08', valid: true, spacesStatus: 200, authorizationMatches: true, errorKind: 'invalid_input',
  });
});

test('the anytype-stand-in bin starts a stand-in', async () => {
  const dir = join(work, 'node-esm');
  const child = spawn(join(dir, 'node_modules', '.bin', 'anytype-stand-in'), ['--port', '0', '--quiet', '--mode', '2026'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const line = await new Promise((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (chunk) => {
        text += chunk;
        if (text.includes('\n')) resolve(text);
      });
      child.on('exit', (code) => reject(new Error(`the bin exited with ${code}`)));
    });
    const url = line.match(/listening on (http:\/\/\S+)/)[1];
    assert.deepEqual(await (await fetch(`${url}/_standin/health`)).json(), { ok: true, mode: '2026' });
  } finally {
    child.kill('SIGTERM');
  }
});

test('Node require (CommonJS): the same API from require("anytype-auth")', async () => {
  const dir = consumer('node-cjs', 'commonjs');
  copyFileSync(join(fixtures, 'node', 'cjs.cjs'), join(dir, 'cjs.cjs'));
  const standIn = await startStandIn({ port: 0, mode: 'v0.47' });
  try {
    const result = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['cjs.cjs'], { cwd: dir, env: { ...process.env, ANYTYPE_STANDIN_URL: standIn.url }, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`cjs consumer exited with ${code}`))));
    });
    assert.deepEqual(result, { keyLength: 44, serverVersion: '2025-11-08', valid: true, spacesStatus: 200, errorKind: 'invalid_input' });
  } finally {
    await standIn.close();
  }
});

// ---- browsers: one page, four ways to load the package ---------------------------------------

function webpackBuild(dir) {
  return new Promise((resolve, reject) => {
    webpack({
      mode: 'production',
      context: dir,
      entry: './main.js',
      output: { path: join(dir, 'dist-webpack'), filename: 'main.js', publicPath: '' },
    }, (error, stats) => (error || stats.hasErrors() ? reject(error ?? new Error(stats.toString('errors-only'))) : resolve()));
  });
}

/** Builds the browser consumer once: the esbuild, Vite and webpack bundles and the import-map page. */
let browserConsumer;
function buildBrowserConsumer() {
  browserConsumer ??= (async () => {
    const dir = consumer('browser');
    for (const file of ['main.js', 'index.html', 'importmap.html']) copyFileSync(join(fixtures, 'browser', file), join(dir, file));

    // esbuild leaves `new URL("./anytype_auth_bg.wasm", import.meta.url)` alone: copy the wasm next to the bundle (README).
    execFileSync(bin('esbuild'), ['main.js', '--bundle', '--format=esm', '--outdir=dist-esbuild', '--log-level=warning'], { cwd: dir });
    copyFileSync(join(dir, 'node_modules', 'anytype-auth', 'anytype_auth_bg.wasm'), join(dir, 'dist-esbuild', 'anytype_auth_bg.wasm'));
    copyFileSync(join(dir, 'index.html'), join(dir, 'dist-esbuild', 'index.html'));
    // Vite and webpack emit the wasm as an asset by themselves.
    execFileSync(bin('vite'), ['build', '--outDir', 'dist-vite', '--base', './', '--logLevel', 'warn'], { cwd: dir, stdio: 'pipe' });
    assert.ok(readdirSync(join(dir, 'dist-vite', 'assets')).some((f) => f.endsWith('.wasm')), 'Vite emitted no wasm asset');
    await webpackBuild(dir);
    copyFileSync(join(dir, 'index.html'), join(dir, 'dist-webpack', 'index.html'));
    assert.ok(readdirSync(join(dir, 'dist-webpack')).some((f) => f.endsWith('.wasm')), 'webpack emitted no wasm asset');
    return dir;
  })();
  return browserConsumer;
}

/**
 * The two browsers, each as `launch()` → `{ open(url) → result, close() }`: Debian's Chromium
 * through playwright-core, Debian's Firefox ESR through puppeteer-core (WebDriver BiDi).
 */
const BROWSERS = {
  Chromium: async () => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    return {
      async open(url) {
        const tab = await browser.newPage();
        try {
          await tab.goto(url);
          await tab.waitForFunction(() => window.__result, null, { timeout: 20_000 });
          return await tab.evaluate(() => window.__result);
        } finally {
          await tab.close();
        }
      },
      close: () => browser.close(),
    };
  },
  Firefox: async () => {
    const browser = await launchFirefox();
    return {
      async open(url) {
        const tab = await browser.newPage();
        try {
          await tab.goto(url);
          await tab.waitForFunction(() => window.__result, { timeout: 20_000 });
          return await tab.evaluate(() => window.__result);
        } finally {
          await tab.close();
        }
      },
      close: () => browser.close(),
    };
  },
};

for (const [browserName, launch] of Object.entries(BROWSERS)) {
  test(`browsers: esbuild, Vite and webpack bundles and a plain module page pair in headless ${browserName}`, async (t) => {
    const dir = await buildBrowserConsumer();
    const site = await serveDirectory(dir);
    // The pages read codes from the control endpoints, which answer only the pages of controlOrigins.
    const standIn = await startStandIn({ port: 0, mode: 'v0.47', cors: true, controlOrigins: [site.url] });
    const browser = await launch();
    try {
      for (const [name, page] of [['esbuild', 'dist-esbuild/index.html'], ['Vite', 'dist-vite/index.html'], ['webpack', 'dist-webpack/index.html'], ['import map, no bundler', 'importmap.html']]) {
        await t.test(name, async () => {
          site.served.length = 0;
          const result = await browser.open(`${site.url}/${page}?standin=${encodeURIComponent(standIn.url)}`);
          assert.deepEqual(result, {
            headersBeforeInit: { Authorization: 'Bearer k3y/ABC=', 'Anytype-Version': '2025-11-08' },
            attempts: [null, 'code_rejected'],
            keyLength: 44,
            serverVersion: '2025-11-08',
            valid: true,
            spacesStatus: 200,
            invalidKind: 'invalid_input',
          });
          const wasm = site.served.filter((path) => path.endsWith('.wasm'));
          assert.equal(wasm.length, 1, `the page loaded the wasm once from its own site: ${site.served}`);
          assert.ok(wasm[0].startsWith(`/${dirname(page) === '.' ? 'node_modules/anytype-auth' : dirname(page)}/`), wasm[0]);
        });
      }
    } finally {
      await browser.close();
      await site.close();
      await standIn.close();
    }
  });
}

// ---- TypeScript ----------------------------------------------------------------------------

/** The blocks of README.md and docs/*.md marked `<!-- typecheck -->` (also inside list items), each as a module. */
function readmeExamples() {
  const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  return pages.flatMap((page) => {
    const lines = readFileSync(join(root, page), 'utf8').split('\n');
    const blocks = [];
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].trim() !== '<!-- typecheck -->') continue;
      const indent = lines[i].length - lines[i].trimStart().length;
      assert.match(lines[i + 1].trim(), /^```(ts|js|js runnable)$/, `${page} line ${i + 2}: a typecheck marker must precede a ts or js block`);
      let end = i + 2;
      while (end < lines.length && lines[end].trim() !== '```') end++;
      blocks.push({ name: `${page.replace(/\W+/g, '-')}-line-${i + 3}`, code: lines.slice(i + 2, end).map((l) => l.slice(indent)).join('\n') });
    }
    return blocks;
  });
}

function tsc(dir, files) {
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'],
      types: ['node'], typeRoots: [join(root, 'node_modules', '@types')], exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false,
    },
    files,
  }));
  return spawnSync(bin('tsc'), ['-p', 'tsconfig.json', '--pretty', 'false'], { cwd: dir, encoding: 'utf8' });
}

test('TypeScript --strict: the examples of the docs and every export compile; misuse does not', async (t) => {
  const dir = consumer('types');
  for (const file of ['prelude.d.ts', 'good-api.ts', 'good-cjs.cts']) copyFileSync(join(fixtures, 'types', file), join(dir, file));
  cpSync(join(fixtures, 'types', 'bad'), join(dir, 'bad'), { recursive: true });
  const examples = readmeExamples();
  assert.ok(examples.length >= 5, `only ${examples.length} examples of the docs are marked <!-- typecheck -->`);
  const exampleFiles = examples.map(({ name, code }) => {
    const file = `${name}.ts`;
    writeFileSync(join(dir, file), `${code}\nexport {};\n`);
    return file;
  });

  await t.test('good code compiles', () => {
    const result = tsc(dir, ['prelude.d.ts', 'good-api.ts', 'good-cjs.cts', ...exampleFiles]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
  });
  for (const file of readdirSync(join(dir, 'bad'))) {
    await t.test(`misuse is refused: ${basename(file, '.ts')}`, () => {
      const expected = readFileSync(join(dir, 'bad', file), 'utf8').match(/expect (TS\d+)/)[1];
      const result = tsc(dir, ['prelude.d.ts', `bad/${file}`]);
      assert.notEqual(result.status, 0, `bad/${file} compiled`);
      const errors = result.stdout.split('\n').filter((l) => l.includes('error TS'));
      assert.equal(errors.length, 1, result.stdout);
      assert.ok(errors[0].startsWith(`bad/${file}(`) && errors[0].includes(`error ${expected}:`), errors[0]);
    });
  }
});
