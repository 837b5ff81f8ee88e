// `make bench`: anytype-auth (pkg/) against the hand-written fetch baseline (bench/baseline.mjs),
// in Node, in headless Chromium and in the example MV3 extension's popup (bench/extension.mjs),
// against the stand-in Anytype on loopback (the per-call figures against bench/instant-server.mjs,
// which answers at once). Prints a table and PASS or FAIL for each budget of bench/budgets.mjs
// (exit status 1 when any budget fails); writes the figures to bench/results.json and the table
// into docs/performance.md, between its `generated:bench` markers.
// Run with `node --expose-gc bench/run.mjs` (the Makefile does). BENCH_SCALE=0.1 shrinks every
// count, for a quick look; the budgets are only meaningful at the full scale.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { writeGeneratedBlock } from './generated-block.mjs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import { SIZE_BUDGETS, TIME_BUDGETS as BUDGET } from './budgets.mjs';
import { measureSizes, checkSizeBudgets } from './sizes.mjs';
import { pairMany, summarize } from './pairing.mjs';
import { startStaticServer } from './static-server.mjs';
import { EXECUTABLE_PATH, FIRST_CALL_MARK, PAGE_ARGS } from './chromium.mjs';
import { popupFirstCall } from './extension.mjs';
import * as ours from '../pkg/node.js';
import * as glue from '../pkg/anytype_auth.js';
import * as baseline from './baseline.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const scale = Number(process.env.BENCH_SCALE ?? 1);
const n = (count, least = 1) => Math.max(least, Math.round(count * scale));
const COUNTS = {
  coldNode: n(40, 2), // fresh Node processes per implementation
  coldChromium: n(40, 2), // fresh browser contexts (empty cache) per implementation
  popup: n(20, 2), // new popup tabs of the example extension per implementation
  popupWarmup: n(5, 1), // popup opens per implementation before any timing
  warmup: n(200, 10), // pairings per implementation before any timing
  sequential: n(2000, 20), // timed pairings one after another, per implementation
  concurrent: n(2000, 100), // timed pairings with IN_FLIGHT at a time, per implementation
  rounds: 10, // the timed pairings are split into this many alternating runs
  memoryCalls: n(100_000, 1000), // calls (2 per pairing) between the two memory readings
};
const IN_FLIGHT = 100;
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');

const log = (...args) => console.error('[bench]', ...args);
const round = (x, digits = 2) => Number(x.toFixed(digits));

// ---- the servers, each in its own process --------------------------------------------------

/** Runs `script` (it prints one JSON line {"url"} once it listens, and exits when stdin closes): { url, reset(), close() }. */
async function startServerProcess(script) {
  const child = spawn(process.execPath, [join(here, script)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = await Promise.race([
    createInterface({ input: child.stdout })[Symbol.asyncIterator]().next().then((r) => [r.value]),
    new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`${script} exited (${code})`)))),
  ]);
  const { url } = JSON.parse(line);
  /** Forgets the server's challenges, keys and request log (kept out of the timed runs). */
  const reset = () => fetch(`${url}/_standin/reset`, { method: 'POST' }).then((r) => r.json());
  /** A key of the instance `scope` (default the root), as Settings → API Keys would make it (the stand-in only). */
  const issueKey = (scope = '') =>
    fetch(`${url}/_standin/keys?scope=${encodeURIComponent(scope)}`, { method: 'POST' }).then((r) => r.json()).then((r) => r.api_key);
  const close = () => new Promise((resolve) => child.once('exit', resolve).stdin.end());
  return { url, reset, issueKey, close };
}

// ---- Node ------------------------------------------------------------------------------

function runChild(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

async function nodeColdStart(standIn) {
  const times = { ours: [], baseline: [] };
  for (let i = 0; i < COUNTS.coldNode; i++) {
    for (const which of i % 2 ? ['baseline', 'ours'] : ['ours', 'baseline']) {
      const { ms } = await runChild([join(here, 'cold-start-child.mjs'), which, standIn.url]);
      times[which].push(ms);
    }
  }
  await standIn.reset();
  return { ours: summarize(times.ours), baseline: summarize(times.baseline) };
}

/** Alternating runs of `count` pairings per implementation, `inFlight` at a time. */
async function alternate(run, count, inFlight, reset) {
  const impls = ['ours', 'baseline'];
  const times = { ours: [], baseline: [] };
  const perRound = Math.ceil(count / COUNTS.rounds);
  for (let r = 0; r < COUNTS.rounds; r++) {
    for (const which of r % 2 ? [...impls].reverse() : impls) {
      times[which].push(...(await run(which, perRound, inFlight)));
      await reset();
    }
  }
  return { ours: summarize(times.ours), baseline: summarize(times.baseline) };
}

/** Pairings against `server` (the instant one: bench/instant-server.mjs), alternating implementations. */
async function nodePerCall(server) {
  const impls = { ours, baseline };
  const run = (which, count, inFlight) => pairMany(impls[which], server.url, count, inFlight);
  for (const inFlight of [1, IN_FLIGHT]) {
    await run('ours', COUNTS.warmup, inFlight);
    await run('baseline', COUNTS.warmup, inFlight);
  }
  return {
    sequential: await alternate(run, COUNTS.sequential, 1, server.reset),
    inFlight: await alternate(run, COUNTS.concurrent, IN_FLIGHT, server.reset),
  };
}

async function nodeMemory(server) {
  // pkg/node.js keeps its wasm instance to itself: measure the same wasm through wasm-bindgen's
  // glue, whose initSync() hands back the wasm exports and so the linear memory.
  const { memory } = glue.initSync({ module: readFileSync(join(root, 'pkg', 'anytype_auth_bg.wasm')) });
  const reading = () => {
    globalThis.gc();
    return { wasmBytes: memory.buffer.byteLength, jsHeapBytes: process.memoryUsage().heapUsed };
  };
  const pairings = COUNTS.memoryCalls / 2;
  await pairMany(glue, server.url, Math.max(COUNTS.warmup * 5, IN_FLIGHT * 2), IN_FLIGHT); // warm-up at the same concurrency
  const afterWarmup = reading();
  const started = performance.now();
  await pairMany(glue, server.url, pairings, IN_FLIGHT);
  const seconds = (performance.now() - started) / 1000;
  const afterCalls = reading();
  return { calls: pairings * 2, seconds: round(seconds, 1), afterWarmup, afterCalls, wasmGrowthBytes: afterCalls.wasmBytes - afterWarmup.wasmBytes };
}

// ---- Chromium ----------------------------------------------------------------------------

/**
 * One cold load of bench/page.html?cold=<which> in a fresh browser context (its own empty HTTP
 * cache, so no V8 code cache either): the page's FIRST_CALL_MARK, i.e. navigation start → first
 * createChallenge resolved, in ms. Throws unless the call gave a challenge id and every file the
 * page loaded from the static server (page, scripts, for ours the wasm) was served to it over
 * the network during this load.
 */
async function chromiumColdLoad(browser, site, which, baseUrl) {
  const from = site.served.length;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${site.url}/bench/page.html?cold=${which}&base=${encodeURIComponent(baseUrl)}`);
    await page.waitForFunction(() => window.coldResult !== undefined, null, { timeout: 30_000 });
    const { ms, ok, loaded, mark } = await page.evaluate((name) => ({ ...window.coldResult, mark: performance.getEntriesByName(name)[0]?.startTime }), FIRST_CALL_MARK);
    if (!ok) throw new Error(`Chromium cold start (${which}) got no challenge id`);
    if (mark !== ms) throw new Error(`Chromium cold start (${which}): mark ${mark} ≠ ${ms}`);
    const fetched = site.served.slice(from);
    const files = loaded.filter((path) => /^\/(bench|pkg)\//.test(path));
    const notFetched = files.filter((path) => !fetched.includes(path));
    if (notFetched.length) throw new Error(`Chromium cold start (${which}) did not fetch ${notFetched.join(', ')}: not an empty cache`);
    const wasm = { ours: '/pkg/anytype_auth_bg.wasm', floor: '/bench/floor.wasm' }[which];
    if (wasm && !files.includes(wasm)) throw new Error(`Chromium cold start (${which}) loaded no wasm`);
    return ms;
  } finally {
    await context.close();
  }
}

/** Cold loads against the stand-in, then pairings against `server` (the instant one). */
async function chromiumBench(standIn, server, site) {
  const staticUrl = site.url;
  const browser = await chromium.launch({ executablePath: EXECUTABLE_PATH, headless: true, args: PAGE_ARGS });
  try {
    const kinds = ['ours', 'floor', 'baseline'];
    for (const which of kinds) await chromiumColdLoad(browser, site, which, standIn.url); // the browser's own first-run work, untimed
    const cold = { ours: [], floor: [], baseline: [] };
    for (let i = 0; i < COUNTS.coldChromium; i++) {
      for (const which of i % 2 ? [...kinds].reverse() : kinds) cold[which].push(await chromiumColdLoad(browser, site, which, standIn.url));
    }
    await standIn.reset();

    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (error) => log('page error:', error.message));
    await page.goto(`${staticUrl}/bench/page.html`);
    await page.waitForFunction(() => window.bench !== undefined, null, { timeout: 30_000 });
    const run = (which, count, inFlight) =>
      page.evaluate(([w, url, c, f]) => window.bench.run(w, url, c, f), [which, server.url, count, inFlight]);
    for (const inFlight of [1, IN_FLIGHT]) {
      await run('ours', COUNTS.warmup, inFlight);
      await run('baseline', COUNTS.warmup, inFlight);
    }
    const sequential = await alternate(run, COUNTS.sequential, 1, server.reset);
    const inFlight = await alternate(run, COUNTS.concurrent, IN_FLIGHT, server.reset);
    // The entry keeps its wasm instance to itself: the memory is read from wasm-bindgen's glue
    // over the same wasm, after a warm-up and after as many pairings as the timed runs made.
    await run('glue', COUNTS.warmup, IN_FLIGHT);
    const wasmBefore = await page.evaluate(() => window.bench.wasmMemory());
    await run('glue', COUNTS.sequential + COUNTS.concurrent, IN_FLIGHT);
    const wasmAfter = await page.evaluate(() => window.bench.wasmMemory());
    await context.close();
    return {
      version: browser.version(),
      coldStart: { ours: summarize(cold.ours), baseline: summarize(cold.baseline) },
      // The baseline plus the smallest wasm module (bench/page.mjs): what any .wasm costs.
      coldStartFloor: { ours: summarize(cold.floor), baseline: summarize(cold.baseline) },
      sequential,
      inFlight,
      wasmMemory: { calls: 2 * (COUNTS.sequential + COUNTS.concurrent), afterWarmup: wasmBefore, afterCalls: wasmAfter },
    };
  } finally {
    await browser.close();
  }
}

// ---- the example extension -----------------------------------------------------------------

async function extensionBench(standIn) {
  // Today's Anytype; no key stored, so each popup's first step is its look for Anytype.
  const scope = 'mode=current';
  const times = await popupFirstCall({ baseUrl: `${standIn.url}/s/${scope}`, count: COUNTS.popup, warmup: COUNTS.popupWarmup });
  await standIn.reset();
  return { ours: summarize(times.ours), baseline: summarize(times.baseline) };
}

// ---- report ------------------------------------------------------------------------------

const ratio = (pair, key = 'median') => round(pair.ours[key] / pair.baseline[key], 3);

function table(results) {
  const { sizes, node, chromium: chrome, extension } = results;
  const rows = [
    ['size: wasm raw', `${sizes.wasmRaw} B`, '', ''],
    ['size: wasm gzip -9', `${sizes.wasmGzip} B`, '', ''],
    ['size: wasm brotli', `${sizes.wasmBrotli} B`, '', ''],
    ['size: JS (the browser entry) gzip -9', `${sizes.glueGzip} B`, '', ''],
    ['size: total a bundler ships (gzip)', `${sizes.totalGzip} B`, `${sizes.baselineGzip} B`, round(sizes.totalGzip / sizes.baselineGzip, 1)],
    ['size: total a bundler ships (brotli)', `${sizes.totalBrotli} B`, '', ''],
  ];
  const timing = (label, pair) => {
    rows.push([`${label} median`, `${round(pair.ours.median)} ms`, `${round(pair.baseline.median)} ms`, ratio(pair)]);
    rows.push([`${label} p99`, `${round(pair.ours.p99)} ms`, `${round(pair.baseline.p99)} ms`, ratio(pair, 'p99')]);
  };
  timing(`Node cold start (${node.coldStart.ours.count} processes)`, node.coldStart);
  timing(`Node pairing, sequential (${node.perCall.sequential.ours.count})`, node.perCall.sequential);
  timing(`Node pairing, ${IN_FLIGHT} in flight (${node.perCall.inFlight.ours.count})`, node.perCall.inFlight);
  timing(`Chromium cold start, empty cache (${chrome.coldStart.ours.count} loads)`, chrome.coldStart);
  timing(`Chromium cold start, the wasm floor in the first column (${chrome.coldStartFloor.ours.count} loads)`, chrome.coldStartFloor);
  timing(`Chromium pairing, sequential (${chrome.sequential.ours.count})`, chrome.sequential);
  timing(`Chromium pairing, ${IN_FLIGHT} in flight (${chrome.inFlight.ours.count})`, chrome.inFlight);
  timing(`Extension popup → first call (${extension.popup.ours.count} opens)`, extension.popup);
  const m = node.memory;
  rows.push([`Node wasm memory after warm-up → after ${m.calls} calls`, `${m.afterWarmup.wasmBytes} → ${m.afterCalls.wasmBytes} B`, '', '']);
  rows.push([`Node JS heap after warm-up → after ${m.calls} calls`, `${m.afterWarmup.jsHeapBytes} → ${m.afterCalls.jsHeapBytes} B`, '', '']);
  const c = chrome.wasmMemory;
  rows.push([`Chromium wasm memory after warm-up → after ${c.calls} calls`, `${c.afterWarmup} → ${c.afterCalls} B`, '', '']);
  return rows;
}

function budgets(results) {
  const { sizes, node, chromium: chrome, extension } = results;
  const list = checkSizeBudgets(sizes);
  const perCall = (where, pair) => ({
    name: `per-call median ≤ ${BUDGET.perCallRatio} × baseline (${where}, sequential)`,
    pass: ratio(pair) <= BUDGET.perCallRatio,
    detail: `${ratio(pair)} ×`,
  });
  list.push(perCall('Node', node.perCall.sequential));
  list.push(perCall('Chromium', chrome.sequential));
  const extraMs = (name, pair, budget) => {
    const extra = pair.ours.median - pair.baseline.median;
    return { name: `${name} median ≤ baseline + ${budget} ms`, pass: extra <= budget, detail: `${extra < 0 ? '' : '+'}${round(extra)} ms` };
  };
  list.push(extraMs('Node cold start', node.coldStart, BUDGET.nodeColdStartExtraMs));
  list.push(extraMs('Chromium cold start (empty cache)', chrome.coldStart, BUDGET.chromiumColdStartExtraMs));
  list.push(extraMs('extension popup → first call', extension.popup, BUDGET.popupFirstCallExtraMs));
  list.push({
    name: `wasm memory growth over ${node.memory.calls} calls ≤ ${BUDGET.wasmMemoryGrowthBytes} B`,
    pass: node.memory.wasmGrowthBytes <= BUDGET.wasmMemoryGrowthBytes,
    detail: `${node.memory.wasmGrowthBytes} B`,
  });
  return list;
}

/** Figures that are no budget but say where a budget's time goes. */
function notes(results) {
  const { coldStart, coldStartFloor } = results.chromium;
  const signed = (ms) => `${ms < 0 ? '' : '+'}${round(ms)} ms`;
  return [
    `note  Chromium cold start: the wasm floor (the baseline plus the smallest .wasm) is ${signed(coldStartFloor.ours.median - coldStartFloor.baseline.median)} ` +
      `over the baseline; anytype-auth is ${signed(coldStart.ours.median - coldStartFloor.ours.median)} over the floor (medians)  `,
  ];
}

/** The report as Markdown lines: the table, then PASS or FAIL per budget, then the notes. */
function report(rows, checks, noteLines = []) {
  const header = ['figure', 'anytype-auth', 'baseline', 'ours/baseline'];
  const all = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => '| ' + r.map((cell, i) => cell.padEnd(widths[i])).join(' | ') + ' |';
  return [
    line(header),
    '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|',
    ...all.slice(1).map(line),
    '',
    ...checks.map((check) => `${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}  `),
    ...noteLines,
  ];
}

// ---- main --------------------------------------------------------------------------------

const machine = {
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  memoryGiB: round(totalmem() / 2 ** 30, 1),
  os: release(),
  node: process.version,
  loadAverageAtStart: loadavg().map((x) => round(x)),
};
const startedAt = new Date().toISOString();
const sizes = measureSizes();
log('sizes measured; starting the stand-in');
const standIn = await startServerProcess('stand-in-process.mjs');
const instant = await startServerProcess('instant-server.mjs');
const site = await startStaticServer(root);
const phaseSeconds = {};
/** Runs one phase of the bench, logging it and keeping its duration. */
async function phase(name, run) {
  log(name);
  const started = performance.now();
  const result = await run();
  phaseSeconds[name] = round((performance.now() - started) / 1000, 1);
  return result;
}
let results;
try {
  const coldStart = await phase(`Node cold start: ${COUNTS.coldNode} processes per implementation`, () => nodeColdStart(standIn));
  const perCall = await phase(`Node per call: ${COUNTS.sequential} sequential and ${COUNTS.concurrent} with ${IN_FLIGHT} in flight, per implementation`, () => nodePerCall(instant));
  const memory = await phase(`Node memory: ${COUNTS.memoryCalls} calls`, () => nodeMemory(instant));
  const chrome = await phase(`Chromium: ${COUNTS.coldChromium} cold loads per implementation, then per call`, () => chromiumBench(standIn, instant, site));
  const popup = await phase(`Extension popup: ${COUNTS.popup} opens per implementation`, () => extensionBench(standIn));
  results = {
    startedAt,
    machine: { ...machine, loadAverageAtEnd: loadavg().map((x) => round(x)), chromium: chrome.version },
    counts: { ...COUNTS, inFlight: IN_FLIGHT, scale },
    budgets: { sizes: SIZE_BUDGETS, time: BUDGET },
    sizes,
    node: { coldStart, perCall, memory },
    chromium: chrome,
    extension: { popup },
    phaseSeconds,
  };
} finally {
  await site.close();
  await standIn.close();
  await instant.close();
}
const rows = table(results);
const checks = budgets(results);
results.table = rows.map(([figure, oursValue, baselineValue, r]) => ({ figure, ours: oursValue, baseline: baselineValue, ratio: r }));
results.checks = checks;
writeFileSync(join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');
const machineLine =
  `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, Chromium ${results.machine.chromium}; ` +
  `load average ${machine.loadAverageAtStart[0]} at start, ${results.machine.loadAverageAtEnd[0]} at end; ` +
  `phases ${Object.values(phaseSeconds).join(' + ')} s`;
const scaleLine = scale === 1 ? '' : `(BENCH_SCALE=${scale}: counts scaled down; the budgets hold only at full scale)`;
const lines = report(rows, checks, notes(results));
console.log([...lines, '', machineLine].join('\n'));
writeGeneratedBlock(join(root, 'docs', 'performance.md'), 'bench', [
  `\`make bench\` of ${startedAt.slice(0, 10)}; the baseline is bench/baseline.mjs, measured in the same run.`,
  '',
  ...lines,
  '',
  machineLine + (scaleLine ? `  \n${scaleLine}` : ''),
]);
console.log('written to bench/results.json and docs/performance.md');
if (scaleLine) console.log(scaleLine);
if (!checks.every((check) => check.pass)) process.exitCode = 1;
