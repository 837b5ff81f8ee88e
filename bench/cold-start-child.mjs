// One cold start, in a fresh Node process: load the implementation, make the first
// createChallenge against the stand-in, and print the milliseconds since the process started
// (performance.now() counts from Node's time origin, the start of the process).
// Usage: node bench/cold-start-child.mjs ours|baseline <stand-in url>
const [which, baseUrl] = process.argv.slice(2);
const impl = which === 'ours' ? await import('../pkg/node.js') : await import('./baseline.mjs');
const { challengeId } = await impl.createChallenge('Bench Clipper', { baseUrl });
const ms = performance.now();
if (!challengeId) throw new Error('no challenge id');
process.stdout.write(JSON.stringify({ ms }) + '\n');
