// The stand-in Anytype for the benchmarks, in its own process (as the real app is), so that its
// work and its memory stay out of the figures of the process under test. Prints one JSON line,
// {"url": …}, once it listens; exits when its parent closes stdin or sends SIGTERM.
// The challenge cap is lifted: a benchmark creates far more than the 50 challenges of one run.
import { startStandIn } from '../stand-in/server.mjs';

const standIn = await startStandIn({ host: '127.0.0.1', port: 0, mode: 'v0.47', challengeCap: Number.MAX_SAFE_INTEGER });
process.stdout.write(JSON.stringify({ url: standIn.url }) + '\n');
const stop = () => standIn.close().then(() => process.exit(0));
process.stdin.on('end', stop).resume();
process.on('SIGTERM', stop);
