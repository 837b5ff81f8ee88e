// `make test-size`: fails when the built package grows past a size budget of bench/budgets.mjs
// (the wasm, and the wasm plus the JS a bundler ships for a browser, gzip -9). Sizes are
// deterministic for a given toolchain, so this is a test; the timings are in `make bench`.
import { measureSizes, checkSizeBudgets } from './sizes.mjs';

const sizes = measureSizes();
const checks = checkSizeBudgets(sizes);
for (const check of checks) console.log(`${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`);
console.log(`(wasm raw ${sizes.wasmRaw} B, brotli ${sizes.wasmBrotli} B; JS: ${sizes.glueFiles.join(', ')})`);
if (!checks.every((check) => check.pass)) {
  console.error('test-size: the package grew past a size budget (bench/budgets.mjs); `make bench-deps` shows where the bytes are.');
  process.exit(1);
}
