// `make test-size`: fails when the built package breaks a size budget (bench/budgets.mjs: the
// wasm, and the wasm plus its JS glue, gzip -9). Sizes are deterministic for a given toolchain,
// so this is a test; the timings are in `make bench`.
import { measureSizes, checkSizeBudgets } from './sizes.mjs';

const sizes = measureSizes();
const checks = checkSizeBudgets(sizes);
for (const check of checks) console.log(`${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`);
console.log(`(wasm raw ${sizes.wasmRaw} B, brotli ${sizes.wasmBrotli} B; glue: ${sizes.glueFiles.join(', ')})`);
if (!checks.every((check) => check.pass)) {
  console.error('test-size: a size budget is broken; `make bench` shows the figures, README "Performance" how they were cut.');
  process.exit(1);
}
