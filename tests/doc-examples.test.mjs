// Runs every example the docs mark runnable: the ```js runnable blocks of README.md and docs/*.md,
// and the `@example runnable` blocks of the package's declarations (js/*.d.ts, js/*.d.mts), each
// as an ES module in Node with the built package installed as `anytype-auth`. Each gets a fresh
// stand-in in its default mode, its address in ANYTYPE_URL. When an example prints a prompt
// (output ending in ": "), the runner plays the person: it presses Allow (all spaces, read and
// write) on the waiting request and types the code the stand-in then shows. An example must exit
// with status 0, and one that reads ANYTYPE_URL must have reached that stand-in.
// `make test-docs` builds pkg/ and links node_modules/anytype-auth to it before running this.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStandIn } from '../stand-in/server.mjs';
import { ROOT, filesUnder, markdownDocs, readText, runnableBlocks, runnableJsdocExamples } from './support/doc-text.mjs';

/** Where the examples are written: inside the repository, so `anytype-auth` resolves to pkg/. */
const WORK_DIR = join(ROOT, 'target', 'doc-examples');

/** A broken example may wait forever for a code: fail it instead of hanging the run. */
const LIMIT = { timeout: 60_000 };

/** Every runnable example, `{ file, line, code }`. */
function examples() {
  const fromMarkdown = markdownDocs().flatMap((file) => runnableBlocks(readText(file)).map((block) => ({ file, ...block })));
  const fromTypes = filesUnder('js', ['.d.ts', '.d.mts', '.d.cts']).flatMap((file) => runnableJsdocExamples(readText(file)).map((block) => ({ file, ...block })));
  return [...fromMarkdown, ...fromTypes];
}

/**
 * Runs `code` as a module next to a fresh stand-in, answering each prompt as the person would.
 * Resolves with `{ status, output, requests }` once the process has exited.
 */
async function run(name, code) {
  mkdirSync(WORK_DIR, { recursive: true });
  const file = join(WORK_DIR, `${name}.mjs`);
  writeFileSync(file, code);
  const standIn = await startStandIn({ port: 0 });
  try {
    const child = spawn(process.execPath, [file], { cwd: WORK_DIR, env: { ...process.env, ANYTYPE_URL: standIn.url }, stdio: 'pipe' });
    let output = '';
    let unanswered = '';
    const answerPrompts = (chunk) => {
      output += chunk;
      unanswered += chunk;
      if (!unanswered.endsWith(': ')) return;
      unanswered = '';
      const waiting = standIn.pending().at(-1);
      const code = waiting ? standIn.approve(waiting.challengeId, { allSpaces: true }, 'readwrite') : null;
      if (code === null) output += '\n[runner: a prompt, but no request waits in the stand-in]\n';
      child.stdin.write(`${code ?? ''}\n`);
    };
    child.stdout.setEncoding('utf8').on('data', answerPrompts);
    child.stderr.setEncoding('utf8').on('data', answerPrompts);
    const status = await new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    return { status, output, requests: standIn.requests() };
  } finally {
    await standIn.close();
  }
}

const all = examples();

test('the docs mark examples runnable, the stand-in type example among them', () => {
  assert.ok(all.some(({ file }) => file === 'README.md'), 'no runnable example in README.md');
  assert.ok(all.some(({ file }) => file === 'js/stand-in.d.mts'), 'no runnable @example in js/stand-in.d.mts');
  assert.ok(all.length >= 4, `only ${all.length} runnable examples`);
});

test('a failing example fails, and a prompt gets the code the person would type', LIMIT, async () => {
  const failing = await run('runner-check-failing', 'throw new Error("broken example");\n');
  assert.notEqual(failing.status, 0);
  const asking = await run('runner-check-prompt', [
    'import { createInterface } from "node:readline/promises";',
    'import { createChallenge, createApiKey } from "anytype-auth";',
    'const { challengeId } = await createChallenge("Runner check", { baseUrl: process.env.ANYTYPE_URL });',
    'const prompt = createInterface({ input: process.stdin, output: process.stdout });',
    'const code = await prompt.question("Code: ");',
    'prompt.close();',
    'if (!/^\\d{4}$/.test(code)) throw new Error(`not a code: ${code}`);',
    'await createApiKey(challengeId, code, { baseUrl: process.env.ANYTYPE_URL });',
  ].join('\n'));
  assert.equal(asking.status, 0, asking.output);
  assert.deepEqual(asking.requests.map(({ method, path }) => `${method} ${path}`), ['POST /v1/auth/challenges', 'POST /v1/auth/api_keys']);
});

for (const { file, line, code } of all) {
  test(`${file}:${line} runs`, LIMIT, async () => {
    const name = `${file.replace(/[^\w]+/g, '-')}-${line}`;
    const { status, output, requests } = await run(name, code);
    assert.equal(status, 0, `the example exited with ${status}:\n${output}`);
    if (code.includes('ANYTYPE_URL')) assert.ok(requests.length > 0, 'the example reads ANYTYPE_URL but sent the stand-in nothing');
  });
}
