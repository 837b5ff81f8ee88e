// One full pairing (createChallenge, read the code, createApiKey) and the timing loops, shared
// by the Node benchmark and the Chromium page. The code is read from the stand-in's control
// endpoint between the two calls and is not part of the time: a pairing's time is the time of
// its two calls.

/** The code the stand-in shows for a challenge (what the person would type). */
export async function codeFor(baseUrl, challengeId) {
  const response = await fetch(`${baseUrl}/_standin/code?challenge_id=${encodeURIComponent(challengeId)}`);
  const { code } = await response.json();
  return code;
}

/** One pairing with `impl` ({ createChallenge, createApiKey }); resolves to its time in ms. */
export async function pairOnce(impl, baseUrl) {
  const options = { baseUrl };
  const t0 = performance.now();
  const { challengeId } = await impl.createChallenge('Bench Clipper', options);
  const t1 = performance.now();
  const code = await codeFor(baseUrl, challengeId);
  const t2 = performance.now();
  const { apiKey } = await impl.createApiKey(challengeId, code, options);
  const t3 = performance.now();
  if (typeof apiKey !== 'string' || apiKey.length === 0) throw new Error('pairing gave no key');
  return t1 - t0 + (t3 - t2);
}

/** `count` pairings, `inFlight` at a time; resolves to every pairing's time in ms. */
export async function pairMany(impl, baseUrl, count, inFlight = 1) {
  const times = [];
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      times.push(await pairOnce(impl, baseUrl));
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  return times;
}

/** Median and 99th percentile (nearest rank) of a list of times. */
export function summarize(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const rank = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return { count: sorted.length, median: rank(50), p99: rank(99) };
}
