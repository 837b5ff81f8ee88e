#!/usr/bin/env node
/**
 * Command-line launcher for the Anytype stand-in (stand-in/server.mjs), e.g.
 *   node stand-in/cli.mjs --port 31009 --mode gate --cors --cap 50 --host 127.0.0.1
 * Prints one "listening" line on stdout once ready, then the run's control token (web pages may
 * use `/_standin/*` only with it, in the Standin-Token header), logs one line per response on stderr
 * (unless --quiet), and exits cleanly on SIGINT/SIGTERM. Bad flags: usage on stderr, exit 2.
 * Like Anytype, it reads ANYTYPE_API_ALLOWED_ORIGINS and ANYTYPE_API_ALLOWED_HOSTS (the flags
 * of the same name take precedence).
 */
import { parseArgs } from 'node:util';
import { startStandIn, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MODE, MODES } from './server.mjs';
import { grantFromText } from './grants.mjs';

const USAGE = `usage: node stand-in/cli.mjs [options]
  --port N     port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --host H     address to bind (default ${DEFAULT_HOST})
  --mode M     ${MODES.join(' | ')} (default ${DEFAULT_MODE})
  --cors       add CORS headers so browser pages on other origins can call it
  --cap N      challenges allowed per run (default 50; 30 in the current and gate modes)
  --auto-approve GRANT    current mode: approve every request at once, GRANT being
               <spaces>:<read|readwrite>, spaces "all" or ids joined by "+"
               (the user's Allow is otherwise POST /_standin/approve)
  --allowed-origins LIST  extra origins the gate admits, comma-separated
               (default: $ANYTYPE_API_ALLOWED_ORIGINS)
  --allowed-hosts LIST    extra Host names the gate admits, comma-separated
               (default: $ANYTYPE_API_ALLOWED_HOSTS)
  --control-origins LIST  origins whose pages may use /_standin/... without the
               printed control token, comma-separated
  --quiet      do not log requests on stderr
  --help       show this help`;

class UsageError extends Error {}

function nonNegativeInteger(name, text, max) {
  if (!/^\d+$/.test(text) || Number(text) > max) throw new UsageError(`--${name} must be an integer from 0 to ${max}`);
  return Number(text);
}

/** `--auto-approve all:readwrite` as startStandIn's autoApprove grant. */
function autoApproveFlag(text) {
  const colon = text.lastIndexOf(':');
  try {
    const grant = grantFromText(text.slice(0, colon), colon < 0 ? undefined : text.slice(colon + 1), '+', '--auto-approve');
    return grant.allSpaces ? { allSpaces: true, permission: grant.permission } : { spaceIds: grant.spaceIds, permission: grant.permission };
  } catch (error) {
    throw new UsageError(error.message);
  }
}

/** Turns argv into startStandIn options; throws UsageError for anything it does not know. */
function parseFlags(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: String(DEFAULT_PORT) },
      host: { type: 'string', default: DEFAULT_HOST },
      mode: { type: 'string', default: DEFAULT_MODE },
      cors: { type: 'boolean', default: false },
      cap: { type: 'string' },
      'allowed-origins': { type: 'string', default: process.env.ANYTYPE_API_ALLOWED_ORIGINS ?? '' },
      'allowed-hosts': { type: 'string', default: process.env.ANYTYPE_API_ALLOWED_HOSTS ?? '' },
      'auto-approve': { type: 'string' },
      'control-origins': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (!MODES.includes(values.mode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}`);
  return {
    help: values.help,
    host: values.host,
    port: nonNegativeInteger('port', values.port, 65535),
    mode: values.mode,
    cors: values.cors,
    challengeCap: values.cap === undefined ? undefined : nonNegativeInteger('cap', values.cap, 1e6),
    allowedOrigins: values['allowed-origins'],
    allowedHosts: values['allowed-hosts'],
    controlOrigins: values['control-origins'],
    autoApprove: values['auto-approve'] === undefined ? undefined : autoApproveFlag(values['auto-approve']),
    log: values.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
  };
}

async function main() {
  let options;
  try {
    options = parseFlags(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const standIn = await startStandIn(options).catch((error) => {
    process.stderr.write(`stand-in: cannot listen on ${options.host}:${options.port}: ${error.message}\n`);
    process.exit(1);
  });
  process.stdout.write(`stand-in Anytype (mode ${standIn.mode}) listening on ${standIn.url}\n`);
  process.stdout.write(`control token (Standin-Token header for /_standin/... from web pages): ${standIn.token}\n`);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => standIn.close().then(() => process.exit(0)));
  }
}

main();
