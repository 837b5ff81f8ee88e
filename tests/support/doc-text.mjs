// Reading the project's Markdown and declaration files the way the doc tests need them: headings
// and their GitHub anchors, links, fenced code blocks and `@example` blocks of JSDoc comments.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root directory, with a trailing slash. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Directories never searched: installed or copied code, not the project's own. */
const SKIPPED_DIRS = new Set(['node_modules', 'vendor', '_metadata', 'target', 'pkg', '.git']);

/** Every file under `dir` (relative to the root) whose name ends with one of `endings`, sorted. */
export function filesUnder(dir, endings) {
  const found = [];
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full);
      } else if (endings.some((ending) => entry.name.endsWith(ending))) {
        found.push(relative(ROOT, full));
      }
    }
  };
  walk(join(ROOT, dir));
  return found.sort();
}

/** The user-facing Markdown: README.md, every page of docs/, SECURITY.md and CHANGELOG.md. */
export const markdownDocs = () => ['README.md', ...filesUnder('docs', ['.md']), 'SECURITY.md', 'CHANGELOG.md'];

/** The text of `file`, relative to the root. */
export const readText = (file) => readFileSync(join(ROOT, file), 'utf8');

/**
 * Each line of `markdown` with whether it lies inside a fenced code block (the fence lines
 * themselves count as inside), so that headings and links in code are not taken for real ones.
 */
function linesWithFences(markdown) {
  let fence = null;
  return markdown.split('\n').map((text) => {
    const opening = /^\s*(`{3,}|~{3,})/.exec(text);
    if (fence === null && opening) {
      fence = opening[1];
      return { text, inCode: true };
    }
    if (fence !== null) {
      if (text.trim().startsWith(fence) && text.trim().replaceAll(fence[0], '') === '') fence = null;
      return { text, inCode: true };
    }
    return { text, inCode: false };
  });
}

/**
 * GitHub's anchor for a heading's text: inline code marks, link targets and punctuation dropped,
 * lower case, each space a hyphen (as github-slugger does).
 */
export function slug(heading) {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replaceAll(' ', '-');
}

/** The anchors of every heading of `markdown`, repeated ones numbered as GitHub does (`-1`, `-2`). */
export function anchors(markdown) {
  const seen = new Map();
  const result = new Set();
  for (const { text, inCode } of linesWithFences(markdown)) {
    const heading = inCode ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(text);
    if (!heading) continue;
    const base = slug(heading[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

/** `{ line, target }` for each link or image target of `markdown` outside code. */
export function links(markdown) {
  const found = [];
  linesWithFences(markdown).forEach(({ text, inCode }, index) => {
    if (inCode) return;
    const prose = text.replace(/`[^`]*`/g, '');
    for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.push({ line: index + 1, target: match[1] });
    for (const match of prose.matchAll(/<(?:img|a)\s[^>]*\b(?:src|href)="([^"]+)"/g)) found.push({ line: index + 1, target: match[1] });
  });
  return found;
}

/** `{ line, page, anchor }` for each `docs/<page>.md` or `docs/<page>.md#<anchor>` cited in `text`. */
export function citations(text) {
  const found = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(/(?<![\w/.-])docs\/([\w-]+\.md)(?:#([\w-]+))?/g)) {
      found.push({ line: index + 1, page: `docs/${match[1]}`, anchor: match[2] ?? null });
    }
  });
  return found;
}

/** The info string that marks a Markdown code block to be run, as in ```js runnable. */
export const RUNNABLE_INFO = 'js runnable';

/** `{ line, code }` for each fenced block of `markdown` whose info string is `js runnable`. */
export function runnableBlocks(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const opening = /^(\s*)(`{3,})\s*(.*)$/.exec(lines[i]);
    if (!opening) continue;
    const [, indent, fence, info] = opening;
    let end = i + 1;
    while (end < lines.length && lines[end].trim() !== fence) end++;
    if (info.trim() === RUNNABLE_INFO) {
      blocks.push({ line: i + 2, code: lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n') });
    } else if (/\brunnable\b/.test(info)) {
      throw new Error(`line ${i + 1}: "${info.trim()}": only \`${RUNNABLE_INFO}\` blocks can run`);
    }
    i = end;
  }
  return blocks;
}

/** `{ line, code }` for each `@example runnable` of the JSDoc comments in `source`. */
export function runnableJsdocExamples(source) {
  const lines = source.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example runnable\s*$/.test(lines[i])) continue;
    const code = [];
    let end = i + 1;
    for (; end < lines.length; end++) {
      if (/^\s*\*\/|^\s*\*\s*@\w/.test(lines[end])) break;
      code.push(lines[end].replace(/^\s*\* ?/, ''));
    }
    blocks.push({ line: i + 2, code: code.join('\n') });
    i = end;
  }
  return blocks;
}
