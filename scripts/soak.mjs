// Soak test (`make soak`, not in CI): many whole pairings through the built package in Node
// against an in-process stand-in, first one after another, then in concurrent waves. Passes
// only with zero failures and flat wasm memory: no growth over the sequential run after its first
// 1000 pairings, and none over the second half of the concurrent run (500 calls in flight need
// more room than one, reached within a few waves; wasm memory never shrinks, so a leak would show
// as growth).
//
// SOAK_SEQUENTIAL (100000), SOAK_CONCURRENT (10000) and SOAK_WAVE (500) change the sizes.
import { readFileSync } from 'node:fs';
import * as auth from '../pkg/anytype_auth.js';
import { startStandIn } from '../stand-in/server.mjs';

const SEQUENTIAL = Number(process.env.SOAK_SEQUENTIAL ?? 100_000);
const CONCURRENT = Number(process.env.SOAK_CONCURRENT ?? 10_000);
const WAVE = Number(process.env.SOAK_WAVE ?? 500);
const WARM_UP = Math.min(1000, SEQUENTIAL);
const REPORT_EVERY = 10_000;
const KIB = 1024;

// pkg/node.js keeps its wasm instance to itself, so the soak runs the same wasm through
// wasm-bindgen's glue, whose initSync() hands back the wasm exports and so the linear memory.
const { memory } = auth.initSync({ module: readFileSync(new URL('../pkg/anytype_auth_bg.wasm', import.meta.url)) });
const wasmBytes = () => memory.buffer.byteLength;

const standIn = await startStandIn({ host: '127.0.0.1', port: 0, mode: 'v0.47', challengeCap: Number.MAX_SAFE_INTEGER });
const options = { baseUrl: standIn.url, timeoutMs: 30_000 };
const failures = [];

/** One whole pairing: challenge, the code Anytype shows, the key. Every 1000th also verifies it. */
async function pairOnce(n) {
  try {
    const { challengeId } = await auth.createChallenge(`Soak ${n}`, options);
    const { apiKey } = await auth.createApiKey(challengeId, standIn.codeFor(challengeId), options);
    if (apiKey.length !== 44) throw new Error(`key of length ${apiKey.length}`);
    if (n % 1000 === 0 && !(await auth.verifyApiKey(apiKey, options)).valid) throw new Error('a new key is not valid');
  } catch (error) {
    failures.push(`${n}: ${error?.kind ?? ''} ${error?.message ?? error}`);
  }
}

const samples = [];
function sample(label, done) {
  const entry = { label, done, wasmKiB: wasmBytes() / KIB, heapMiB: Math.round(process.memoryUsage().heapUsed / KIB / KIB) };
  samples.push(entry);
  console.log(`[soak] ${label} ${done}: wasm memory ${entry.wasmKiB} KiB, JS heap ${entry.heapMiB} MiB, failures ${failures.length}`);
}

sample('start', 0);
const started = performance.now();
for (let n = 1; n <= SEQUENTIAL; n++) {
  await pairOnce(n);
  if (n === WARM_UP) sample('warmed up', n);
  if (n % REPORT_EVERY === 0) sample('sequential', n);
}
const sequentialMs = performance.now() - started;
const afterWarmUp = samples.find((s) => s.label === 'warmed up')?.wasmKiB ?? wasmBytes() / KIB;
const sequentialEndKiB = wasmBytes() / KIB;
let atHalfTime;

const concurrentStarted = performance.now();
for (let done = 0; done < CONCURRENT; done += WAVE) {
  const size = Math.min(WAVE, CONCURRENT - done);
  await Promise.all(Array.from({ length: size }, (_, i) => pairOnce(SEQUENTIAL + done + i + 1)));
  if (done + size <= CONCURRENT / 2) atHalfTime = wasmBytes() / KIB;
  if ((done + size) % REPORT_EVERY === 0 || done + size === CONCURRENT) sample('concurrent', done + size);
}
const concurrentMs = performance.now() - concurrentStarted;
await standIn.close();

const finalKiB = wasmBytes() / KIB;
const rate = (count, ms) => Math.round((count / ms) * 1000);
console.log(`[soak] sequential: ${SEQUENTIAL} pairings in ${(sequentialMs / 1000).toFixed(1)} s (${rate(SEQUENTIAL, sequentialMs)}/s)`);
console.log(`[soak] concurrent: ${CONCURRENT} pairings in waves of ${WAVE} in ${(concurrentMs / 1000).toFixed(1)} s (${rate(CONCURRENT, concurrentMs)}/s)`);
console.log(`[soak] wasm memory, sequential: ${samples[0].wasmKiB} KiB at start, ${afterWarmUp} KiB after ${WARM_UP} pairings, ${sequentialEndKiB} KiB after ${SEQUENTIAL}`);
console.log(`[soak] wasm memory, concurrent: ${atHalfTime} KiB at half-time, ${finalKiB} KiB after ${CONCURRENT}`);
console.log(`[soak] failures: ${failures.length}`);
for (const failure of failures.slice(0, 10)) console.log(`[soak]   ${failure}`);

const grew = sequentialEndKiB > afterWarmUp || finalKiB > atHalfTime;
if (grew) console.log('[soak] FAIL: wasm memory grew after the warm-up');
process.exit(failures.length === 0 && !grew ? 0 : 1);
