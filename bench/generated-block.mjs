// Replaces what lies between the lines `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`
// of a Markdown file, so that figures a command measures are written by it, not copied by hand.
import { readFileSync, writeFileSync } from 'node:fs';

/** Writes `lines` between the `name` markers of `file`; throws when the file lacks them. */
export function writeGeneratedBlock(file, name, lines) {
  const [open, close] = [`<!-- generated:${name} -->`, `<!-- /generated:${name} -->`];
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(open);
  const end = text.indexOf(close, start);
  if (start < 0 || end < 0) throw new Error(`${file} has no ${open} … ${close} block`);
  writeFileSync(file, text.slice(0, start + open.length) + '\n' + lines.join('\n') + '\n' + text.slice(end));
}
