// The packed tarball (`npm pack pkg`) in a fresh project, run by Deno and Bun (the npm packages
// `deno` and `bun`, pinned in package.json): `import … from "anytype-auth"` and the browser entry
// by its path in both, `require("anytype-auth")` in Bun, each pairing with the stand-in in its
// v0.47 mode (the code read from it, as a person reads it off Anytype's window) and in the
// current mode with every request approved at once (the grant comes back); in Deno with the
// documented permissions (--allow-net=127.0.0.1, read access to the wasm), and without each of
// them (the message says which flag is missing). The stand-in's own command runs under both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startStandIn } from '../stand-in/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const pinned = (name) => JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies[name];
/** No update checks, telemetry or colour from the runtimes; DENO_DIR is set in before(). */
const ENV = { ...process.env, DENO_NO_UPDATE_CHECK: '1', DO_NOT_TRACK: '1', NO_COLOR: '1' };

let work;
let project;
let wasm;
let standIn;
let scopes = 0;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'anytype-auth-runtimes-'));
  ENV.DENO_DIR = join(work, 'deno-dir');
  const [packed] = JSON.parse(execFileSync('npm', ['pack', join(root, 'pkg'), '--pack-destination', work, '--json', '--silent'], { encoding: 'utf8' }));
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'runtimes-consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', join(work, packed.filename)], { cwd: project, stdio: 'pipe' });
  for (const file of readdirSync(join(root, 'tests', 'runtimes'))) copyFileSync(join(root, 'tests', 'runtimes', file), join(project, file));
  wasm = join(project, 'node_modules', 'anytype-auth', 'anytype_auth_bg.wasm');
  standIn = await startStandIn({ port: 0, mode: 'v0.47' });
});
after(async () => {
  await standIn?.close();
  rmSync(work, { recursive: true, force: true });
});

/** A stand-in instance of its own in `mode`: `{ spec, base, codeUrl }` (codeUrl + a challenge id: its code). */
function scope(mode) {
  const spec = `id=runtimes-${++scopes}${mode === 'current' ? ',mode=current,autoapprove' : ''}`;
  return { spec, base: `${standIn.url}/s/${spec}`, codeUrl: `${standIn.url}/_standin/code?scope=${encodeURIComponent(spec)}&challenge_id=` };
}

/** Runs `command args` in the project; resolves with the JSON of its last stdout line. */
function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: project, env: ENV, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}:\n${stderr}${stdout}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()));
    });
  });
}

/** What a whole pairing reports in `mode` (see tests/runtimes/pairing.mjs). */
function assertPaired(report, mode) {
  assert.deepEqual(report.check, { ok: true, value: { running: true, serverVersion: '2025-11-08' } });
  assert.equal(report.pair.ok, true, JSON.stringify(report.pair));
  const { keyLength, grant, serverVersion, valid, worksOnV1, spacesStatus, bearer } = report.pair.value;
  assert.deepEqual({ serverVersion, valid, worksOnV1, spacesStatus, bearer }, { serverVersion: '2025-11-08', valid: true, worksOnV1: true, spacesStatus: 200, bearer: true });
  if (mode === 'v0.47') {
    assert.equal(keyLength, 44);
    assert.equal(grant, null);
  } else {
    assert.ok(keyLength > 44, `a 2026 key (anytype_…), not ${keyLength} characters`);
    assert.deepEqual(grant, { allSpaces: true, spaceIds: [], permission: 'readwrite' });
  }
  assert.equal(report.invalid.kind, 'invalid_input');
  assert.equal(report.invalid.isAnytypeError, true);
}

/** The requests the stand-in instance received came from `runtime` (its User-Agent), with no Origin. */
function assertSentBy(spec, runtime) {
  const sent = standIn.requests(spec);
  assert.deepEqual(sent.filter((r) => r.method === 'POST').map((r) => r.path.split('/').pop()), ['challenges', 'api_keys']);
  for (const request of sent) {
    assert.match(request.headers['user-agent'] ?? '', new RegExp(`^${runtime}/`, 'i'), `${request.method} ${request.path}`);
    assert.equal(request.headers.origin, undefined);
  }
}

test('the pinned deno and bun binaries run', () => {
  assert.equal(execFileSync(bin('deno'), ['--version'], { env: ENV, encoding: 'utf8' }).split('\n')[0].split(' ')[1], pinned('deno'));
  assert.equal(execFileSync(bin('bun'), ['--version'], { env: ENV, encoding: 'utf8' }).trim(), pinned('bun'));
});

// ---- Deno ----------------------------------------------------------------------------------

const DENO_ALLOWED = () => ['run', '--no-prompt', '--allow-net=127.0.0.1', `--allow-read=${wasm}`];

for (const [script, entry] of [['by-name.mjs', 'anytype-auth'], ['by-path.mjs', 'index.js']]) {
  for (const mode of ['v0.47', 'current']) {
    test(`Deno, ${entry === 'index.js' ? 'the browser entry by its path' : 'import "anytype-auth"'}: pairs with the ${mode} stand-in (--allow-net=127.0.0.1 --allow-read=<the wasm>)`, async () => {
      const { spec, base, codeUrl } = scope(mode);
      const report = await run(bin('deno'), [...DENO_ALLOWED(), script, base, codeUrl]);
      assert.equal(report.runtime, 'deno');
      assert.equal(report.entry, entry);
      if (entry === 'anytype-auth') assert.equal(report.resolved, `file://${project}/node_modules/anytype-auth/node.js`, 'the `node` condition');
      assertPaired(report, mode);
      assertSentBy(spec, 'deno');
    });
  }
}

test('Deno without --allow-net: unreachable, saying that Deno refused and naming --allow-net; nothing is sent', async () => {
  const { spec, base } = scope('v0.47');
  const report = await run(bin('deno'), ['run', '--no-prompt', `--allow-read=${wasm}`, 'by-name.mjs', base]);
  for (const step of [report.check, report.pair]) {
    assert.equal(step.ok, false);
    assert.equal(step.kind, 'unreachable');
    assert.equal(step.isAnytypeError, true);
    assert.equal(step.message, `Deno refused this program network access to ${base}, so nothing was sent: run it with --allow-net=127.0.0.1 (see docs/runtimes.md#deno).`);
  }
  assert.equal(report.invalid.kind, 'invalid_input');
  assert.deepEqual(standIn.requests(spec), []);
});

test('Deno with network access to another host only: the same message, naming the host of baseUrl', async () => {
  const base = `http://localhost:${standIn.port}/s/id=runtimes-localhost`;
  const report = await run(bin('deno'), ['run', '--no-prompt', '--allow-net=127.0.0.1', `--allow-read=${wasm}`, 'by-name.mjs', base]);
  assert.equal(report.check.kind, 'unreachable');
  assert.match(report.check.message, /^Deno refused this program network access to http:\/\/localhost:\d+\/s\/id=runtimes-localhost, so nothing was sent: run it with --allow-net=localhost /);
});

for (const [script, entry] of [['by-name.mjs', 'anytype-auth'], ['by-path.mjs', 'index.js']]) {
  test(`Deno without read access to the wasm (${entry}): wasm_unavailable naming --allow-read=<the wasm>`, async () => {
    const { spec, base } = scope('v0.47');
    const report = await run(bin('deno'), ['run', '--no-prompt', '--allow-net=127.0.0.1', script, base]);
    for (const step of [report.check, report.pair, report.invalid]) {
      assert.equal(step.ok, false);
      assert.equal(step.kind, 'wasm_unavailable');
      assert.equal(step.isAnytypeError, true);
      assert.equal(step.causeName, 'NotCapable');
      assert.equal(step.message, `Deno refused to read ${wasm}, anytype-auth's WebAssembly file: run it with --allow-read=${wasm} (see docs/runtimes.md#deno).`);
    }
    assert.deepEqual(standIn.requests(spec), []);
  });
}

// ---- Bun -----------------------------------------------------------------------------------

for (const [script, entry] of [['by-name.mjs', 'anytype-auth'], ['by-require.cjs', 'require'], ['by-path.mjs', 'index.js']]) {
  for (const mode of ['v0.47', 'current']) {
    const what = { 'anytype-auth': 'import "anytype-auth"', require: 'require("anytype-auth")', 'index.js': 'the browser entry by its path' }[entry];
    test(`Bun, ${what}: pairs with the ${mode} stand-in`, async () => {
      const { spec, base, codeUrl } = scope(mode);
      const report = await run(bin('bun'), ['--no-install', script, base, codeUrl]);
      assert.equal(report.runtime, 'bun');
      assert.equal(report.entry, entry);
      const resolved = { 'anytype-auth': `file://${project}/node_modules/anytype-auth/node.js`, require: join(project, 'node_modules', 'anytype-auth', 'index.cjs') }[entry];
      if (resolved) assert.equal(report.resolved, resolved, 'the `node` condition');
      assertPaired(report, mode);
      assertSentBy(spec, 'bun');
    });
  }
}

// ---- the stand-in's command under Deno and Bun ---------------------------------------------

/** Starts the installed package's stand-in command with `command args`; resolves once it listens. */
function startCommand(command, args) {
  const child = spawn(command, [...args, '--port', '0', '--mode', 'current', '--auto-approve', 'all:readwrite', '--quiet'], { cwd: project, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return lines.next().then(({ value, done }) => {
    assert.ok(!done, `the stand-in command ended without listening:\n${stderr}`);
    const url = value.match(/listening on (http:\/\/\S+)/)?.[1];
    assert.ok(url, value);
    return { url, stop: () => (child.kill('SIGTERM'), exited) };
  });
}

const STAND_IN = ['node_modules/anytype-auth/stand-in/cli.mjs'];
for (const [runtime, command, args] of [
  ['Deno', 'deno', ['run', '--no-prompt', '--allow-net=127.0.0.1', '--allow-env=ANYTYPE_API_ALLOWED_ORIGINS,ANYTYPE_API_ALLOWED_HOSTS', ...STAND_IN]],
  ['Bun', 'bun', ['--no-install', ...STAND_IN]],
]) {
  test(`the stand-in runs under ${runtime}: Node's package pairs with it`, async () => {
    const server = await startCommand(bin(command), args);
    try {
      assert.deepEqual(await (await fetch(`${server.url}/_standin/health`)).json(), { ok: true, mode: 'current' });
      const api = await import(join(project, 'node_modules', 'anytype-auth', 'node.js'));
      const { apiKey, grant } = await api.pair({
        appName: `Node against a stand-in in ${runtime}`,
        baseUrl: server.url,
        getCode: async ({ challengeId }) => (await (await fetch(`${server.url}/_standin/code?challenge_id=${challengeId}`)).json()).code,
      });
      assert.deepEqual(grant, { allSpaces: true, spaceIds: [], permission: 'readwrite' });
      assert.equal((await api.verifyApiKey(apiKey, { baseUrl: server.url })).valid, true);
    } finally {
      assert.equal(await server.stop(), 0, 'exits 0 on SIGTERM');
    }
  });
}
