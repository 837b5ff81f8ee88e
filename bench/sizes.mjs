// Size figures of the built package (pkg/) and of the hand-written baseline, and their check
// against the size budgets (bench/budgets.mjs). Sizes are deterministic, so `make test-size`
// checks them and `make bench` reports them.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { SIZE_BUDGETS } from './budgets.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bytes after `gzip -9 -n` (the gzip program, as the budgets' figures are taken; node:zlib's
 * deflate at level 9 comes out about 1.5% larger on the wasm). Falls back to node:zlib when
 * there is no gzip program.
 */
export function gzipBytes(bytes) {
  try {
    return execFileSync('gzip', ['-9', '-n', '-c'], { input: bytes, maxBuffer: 64 << 20 }).length;
  } catch {
    return gzipSync(bytes, { level: 9 }).length;
  }
}

/** Bytes after brotli at its highest quality (what a CDN serves with `br`). */
export const brotliBytes = (bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }).length;

/**
 * Every JS file a bundler pulls in from `entry`, following relative static imports and
 * re-exports (`import … from './x.js'`, `export … from './x.js'`), entry first.
 */
export function jsGraph(entry) {
  const seen = [];
  const visit = (file) => {
    if (seen.includes(file)) return;
    seen.push(file);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      visit(resolve(dirname(file), spec));
    }
  };
  visit(entry);
  return seen;
}

/** The size figures of pkg/ (browser entry) and bench/baseline.mjs. */
export function measureSizes(pkg = join(root, 'pkg')) {
  const wasmFile = join(pkg, 'anytype_auth_bg.wasm');
  if (!existsSync(wasmFile)) throw new Error(`${wasmFile} is missing: run \`make build\` first`);
  const wasm = readFileSync(wasmFile);
  const glueFiles = jsGraph(join(pkg, 'index.js'));
  const glue = Buffer.concat(glueFiles.map((file) => readFileSync(file)));
  const baseline = readFileSync(join(root, 'bench', 'baseline.mjs'));
  const sizes = {
    wasmRaw: wasm.length,
    wasmGzip: gzipBytes(wasm),
    wasmBrotli: brotliBytes(wasm),
    glueFiles: glueFiles.map((file) => relative(pkg, file)),
    glueRaw: glue.length,
    glueGzip: gzipBytes(glue),
    baselineRaw: baseline.length,
    baselineGzip: gzipBytes(baseline),
  };
  sizes.totalGzip = sizes.wasmGzip + sizes.glueGzip;
  sizes.uiGzip = gzipBytes(readFileSync(join(pkg, 'ui.js')));
  sizes.totalBrotli = sizes.wasmBrotli + brotliBytes(glue);
  return sizes;
}

/** [{ name, pass, detail }]: the size budgets of bench/budgets.mjs, PASS or FAIL each (`make test-size` enforces them, `make bench` reports them). */
export function checkSizeBudgets(sizes) {
  return [
    { name: `wasm ≤ ${SIZE_BUDGETS.wasmGzip} B gzip -9`, pass: sizes.wasmGzip <= SIZE_BUDGETS.wasmGzip, detail: `${sizes.wasmGzip} B` },
    {
      name: `wasm + JS (all a bundler ships for a browser) ≤ ${SIZE_BUDGETS.wasmPlusGlueGzip} B gzip -9`,
      pass: sizes.totalGzip <= SIZE_BUDGETS.wasmPlusGlueGzip,
      detail: `${sizes.wasmGzip} + ${sizes.glueGzip} = ${sizes.totalGzip} B`,
    },
    { name: `anytype-auth/ui ≤ ${SIZE_BUDGETS.uiGzip} B gzip -9`, pass: sizes.uiGzip <= SIZE_BUDGETS.uiGzip, detail: `${sizes.uiGzip} B` },
  ];
}
