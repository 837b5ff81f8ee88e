// The types of anytype-auth/ui (pkg/ui.d.ts) under tsc --strict, through the package's own
// `exports`: tests/ui/types/check.ts uses the controller, the element from
// HTMLElementTagNameMap, its typed events and messages, and expects the errors it marks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the ui types compile under tsc --strict, and the marked misuses fail', { timeout: 120_000 }, () => {
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  const out = (() => {
    try {
      return execFileSync(tsc, ['-p', join(root, 'tests', 'ui', 'types')], { encoding: 'utf8' });
    } catch (error) {
      return `${error.stdout}${error.stderr}`;
    }
  })();
  assert.equal(out.trim(), '');
});
