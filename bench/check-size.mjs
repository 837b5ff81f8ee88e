// `make test-size`: fails when the built package grows past a size ceiling (bench/budgets.mjs:
// the wasm, and the wasm plus its JS glue, gzip -9). Sizes are deterministic for a given
// toolchain, so this is a test; the timings are in `make bench`. It also prints where the build
// stands against the size budgets, which it does not meet (docs/performance.md).
import { measureSizes, checkSizeBudgets, checkSizeCeilings } from './sizes.mjs';

const sizes = measureSizes();
const ceilings = checkSizeCeilings(sizes);
for (const check of ceilings) console.log(`${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`);
for (const check of checkSizeBudgets(sizes)) console.log(`(budget ${check.pass ? 'met' : 'not met'}: ${check.name}: ${check.detail})`);
console.log(`(wasm raw ${sizes.wasmRaw} B, brotli ${sizes.wasmBrotli} B; glue: ${sizes.glueFiles.join(', ')})`);
if (!ceilings.every((check) => check.pass)) {
  console.error('test-size: the package grew past a size ceiling (bench/budgets.mjs); `make bench-deps` shows where the bytes are.');
  process.exit(1);
}
