// Every `docs/<page>.md#<anchor>` the code and the docs cite exists (the page, and a heading whose
// GitHub anchor is <anchor>), and every relative link of README.md, docs/*.md, SECURITY.md and
// CHANGELOG.md resolves (the file, and the heading when the link names one). Runtime messages cite
// these anchors, so a renamed heading fails here rather than in front of a user.
// Run: node --test tests/doc-links.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { ROOT, anchors, citations, filesUnder, links, markdownDocs, readText, slug } from './support/doc-text.mjs';

/** Where cited doc anchors are looked for: the code users run, and the docs themselves. */
const CITING = () => [
  ...filesUnder('src', ['.rs']),
  ...filesUnder('js', ['.js', '.cjs', '.mjs', '.ts', '.mts', '.cts']),
  ...filesUnder('www', ['.js', '.mjs', '.html', '.md']),
  ...filesUnder('stand-in', ['.mjs', '.md']),
  ...markdownDocs(),
];

const anchorsOf = new Map();
/** The heading anchors of a Markdown file (relative to the root), read once. */
function anchorsIn(file) {
  if (!anchorsOf.has(file)) anchorsOf.set(file, anchors(readText(file)));
  return anchorsOf.get(file);
}

/** Problems with one citation `{ page, anchor }`, as a list of sentences. */
function citationProblems({ page, anchor }) {
  if (!existsSync(join(ROOT, page))) return [`${page} does not exist`];
  if (anchor !== null && !anchorsIn(page).has(anchor)) return [`${page} has no heading whose anchor is #${anchor}`];
  return [];
}

/** Problems with one link `target` written in the Markdown file `file`. */
function linkProblems(file, target) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return []; // http:, https:, mailto: …: not this repository's
  const [path, anchor = null] = target.split('#');
  const resolved = path === '' ? file : normalize(join(dirname(file), decodeURIComponent(path)));
  if (resolved.startsWith('..')) return [`${target} leads out of the repository`];
  if (!existsSync(join(ROOT, resolved))) return [`${target}: ${resolved} does not exist`];
  if (anchor !== null && resolved.endsWith('.md') && !anchorsIn(resolved).has(anchor)) return [`${target}: ${resolved} has no heading #${anchor}`];
  if (anchor !== null && statSync(join(ROOT, resolved)).isDirectory()) return [`${target}: an anchor into a directory`];
  return [];
}

test('GitHub anchors: punctuation and code marks dropped, spaces as hyphens, repeats numbered', () => {
  assert.equal(slug('The origin rule'), 'the-origin-rule');
  assert.equal(slug("Deno's permissions"), 'denos-permissions');
  assert.equal(slug('WXT and Vite + CRXJS'), 'wxt-and-vite--crxjs');
  assert.equal(slug('What each dependency costs (`make bench-deps`)'), 'what-each-dependency-costs-make-bench-deps');
  assert.equal(slug('The [stand-in](stand-in/README.md), `current` mode'), 'the-stand-in-current-mode');
  assert.deepEqual([...anchors('# A\n## B\n```sh\n# not a heading\n```\n### B\n')], ['a', 'b', 'b-1']);
});

test('the checks catch a missing page, a missing heading and a broken link', () => {
  const [cited] = citations('see docs/runtimes.md#no-such-heading).');
  assert.deepEqual(cited, { line: 1, page: 'docs/runtimes.md', anchor: 'no-such-heading' });
  assert.match(citationProblems(cited).join(), /no heading whose anchor is #no-such-heading/);
  assert.match(citationProblems({ page: 'docs/no-such-page.md', anchor: null }).join(), /does not exist/);
  assert.deepEqual(citationProblems({ page: 'docs/runtimes.md', anchor: 'deno' }), []);
  assert.match(linkProblems('docs/api.md', 'missing.md').join(), /does not exist/);
  assert.match(linkProblems('README.md', 'docs/runtimes.md#no-such-heading').join(), /no heading/);
  assert.match(linkProblems('README.md', '#no-such-heading').join(), /no heading/);
  assert.deepEqual(linkProblems('docs/api.md', '../README.md#errors'), []);
  assert.deepEqual(links('[a](b.md) `[c](d.md)`\n```\n[e](f.md)\n```\n<img src="g.png" alt="">'), [
    { line: 1, target: 'b.md' },
    { line: 5, target: 'g.png' },
  ]);
});

test('every cited docs/<page>.md#<anchor> exists', () => {
  const problems = [];
  const citingFiles = new Set();
  for (const file of CITING()) {
    for (const cited of citations(readText(file))) {
      citingFiles.add(file);
      for (const problem of citationProblems(cited)) problems.push(`${file}:${cited.line}: ${problem}`);
    }
  }
  assert.deepEqual(problems, []);
  // The code cites the docs (the demo's messages at least), so the scan has something to check.
  assert.ok([...citingFiles].some((file) => !file.endsWith('.md')), `only Markdown cites docs/: ${[...citingFiles].join(', ')}`);
});

test('every relative link of README.md, docs/*.md, SECURITY.md and CHANGELOG.md resolves', () => {
  const problems = [];
  let checked = 0;
  for (const file of markdownDocs()) {
    for (const { line, target } of links(readText(file))) {
      checked++;
      for (const problem of linkProblems(file, target)) problems.push(`${file}:${line}: ${problem}`);
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(checked >= 30, `only ${checked} links found in the docs`);
});

test('every page of docs/ is reachable from the README', () => {
  const linked = new Set(links(readText('README.md')).map(({ target }) => normalize(target.split('#')[0])));
  const unlinked = filesUnder('docs', ['.md']).filter((page) => !linked.has(relative(ROOT, join(ROOT, page))));
  assert.deepEqual(unlinked, []);
});
