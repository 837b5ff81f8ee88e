// Runs a command with a stand-in Anytype listening on a free loopback port.
// Usage: node scripts/with-stand-in.mjs [--cors] -- <command> [args…]
// The command gets ANYTYPE_STANDIN_URL (the stand-in), ANYTYPE_STANDIN_TOKEN (its control token,
// which a browser page sends in the Standin-Token header to use /_standin/…) and
// ANYTYPE_CLOSED_PORT (a loopback port where nothing listens). The stand-in is ready before the command starts: startStandIn()
// resolves only once it is listening.
import { spawn } from 'node:child_process';
import { startStandIn } from '../stand-in/server.mjs';
import { closedPort } from '../tests/support/net.mjs';

const dash = process.argv.indexOf('--');
if (dash < 0 || dash === process.argv.length - 1) {
  console.error('usage: node scripts/with-stand-in.mjs [--cors] -- <command> [args…]');
  process.exit(2);
}
const cors = process.argv.slice(2, dash).includes('--cors');
const [command, ...args] = process.argv.slice(dash + 1);

// The root instance (and every /s/<spec>/ scope without its own mode=) plays heart v0.47, which the
// contract suite's older cases were written for; the cases for today's Anytype name mode=current.
const standIn = await startStandIn({ host: '127.0.0.1', port: 0, cors, mode: 'v0.47' });
const env = { ...process.env, ANYTYPE_STANDIN_URL: standIn.url, ANYTYPE_STANDIN_TOKEN: standIn.token, ANYTYPE_CLOSED_PORT: String(await closedPort()) };
console.error(`[with-stand-in] stand-in at ${standIn.url}`);
const child = spawn(command, args, { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', async (code, signal) => {
  await standIn.close();
  process.exit(code ?? (signal ? 1 : 0));
});
