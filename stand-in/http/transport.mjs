/**
 * HTTP plumbing: reading request bodies and targets, the per-response log line, the opt-in CORS
 * headers, and sending an answer (see http/answers.mjs) in the ways the fault items ask for:
 * stalled halfway, trickled a byte at a time, cut by a TCP reset, or endless.
 */
import { API_VERSION } from '../constants.mjs';

/** body=endless stops after this much, in case a client reads forever. */
const ENDLESS_LIMIT = 256 * 1024 * 1024;
const ENDLESS_CHUNK = Buffer.alloc(16 * 1024, 'x');
/** reset=after holds the connection this long after the partial body, then resets it. */
const RESET_AFTER_HOLD_MS = 50;

/** What `--cors` answers to a preflight. */
export const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'content-type, authorization, anytype-version',
};

/** A request body longer than the limit: answered 413 without reading the rest. */
export class BodyTooLarge extends Error {}

/**
 * The whole request body as UTF-8 text, or a BodyTooLarge rejection as soon as it is known to
 * exceed `limit` bytes: at once for a larger Content-Length, else when the bytes read pass it
 * (reading then stops; nothing more is kept).
 */
export function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > limit) return reject(new BodyTooLarge());
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      chunks.length = 0;
      reject(new BodyTooLarge());
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

/** Splits a request target into [path, search] (search keeps its `?`). */
export function splitTarget(target) {
  const q = target.indexOf('?');
  return q < 0 ? [target, ''] : [target.slice(0, q), target.slice(q)];
}

/** Calls `log` with one line, `METHOD target -> status`, once the response is sent. */
export function logResponse(req, res, log) {
  if (log) res.once('finish', () => log(`${req.method} ${req.url} -> ${res.statusCode}`));
}

/** Ends the connection with a TCP RST instead of a normal close. */
function resetConnection(res) {
  const socket = res.socket;
  if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else res.destroy();
}

/** Resolves once `res` can take more data, or once it is closed. */
const drainedOrClosed = (res) =>
  new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });

/** Sends answers; owns the timers of delayed deliveries so that close() can cut them all. */
export class Transport {
  #timers = new Set();

  /** Resolves after `ms`, unless clear() comes first (then never). */
  sleep(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.add(timer);
    });
  }

  /** Cancels every pending sleep (the server is closing and cuts its connections). */
  clear() {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  /**
   * Writes `answer` to `res`. version: the Anytype-Version to send (null: none); cors: add the
   * CORS headers, exposing the `expose` response headers; stall/reset/trickle/type: the delivery
   * fault items (see faults/spec.mjs); close: end the connection after this answer.
   */
  async send(req, res, answer, { version = API_VERSION, cors, expose = ['Anytype-Version'], stall = 0, reset, trickle = 0, type, close = false }) {
    if (reset === 'before') return void resetConnection(res);
    const headers = { ...answer.headers };
    if (close) headers.Connection = 'close';
    if (answer.type) headers['Content-Type'] = answer.type;
    if (type) headers['Content-Type'] = type;
    if (version !== null) headers['Anytype-Version'] = version;
    if (cors) {
      headers['Access-Control-Allow-Origin'] = req.headers.origin || '*';
      headers['Access-Control-Expose-Headers'] = expose.join(', ');
    }
    const bytes = Buffer.from(answer.body);
    if (answer.endless) return this.#sendEndless(res, answer.status, headers, bytes);
    if (answer.status !== 204) headers['Content-Length'] = bytes.length;
    res.writeHead(answer.status, headers);
    if (reset === 'after') return this.#resetMidBody(res, bytes);
    if (trickle) return this.#trickle(res, bytes, trickle);
    if (!stall) return void res.end(bytes);
    res.flushHeaders();
    const half = bytes.length >> 1;
    if (half) res.write(bytes.subarray(0, half));
    await this.sleep(stall);
    if (!res.destroyed) res.end(bytes.subarray(half));
  }

  /** Headers and half the body, a short hold so that they arrive, then a TCP reset. */
  async #resetMidBody(res, bytes) {
    res.flushHeaders();
    res.write(bytes.subarray(0, bytes.length >> 1));
    await this.sleep(RESET_AFTER_HOLD_MS);
    resetConnection(res);
  }

  /** One byte every `ms` milliseconds until the body is sent or the client leaves. */
  async #trickle(res, bytes, ms) {
    res.flushHeaders();
    for (let at = 0; at < bytes.length && !res.destroyed; at++) {
      res.write(bytes.subarray(at, at + 1));
      await this.sleep(ms);
    }
    if (!res.destroyed) res.end();
  }

  /** A chunked body that starts with `head` and never ends (up to ENDLESS_LIMIT bytes). */
  async #sendEndless(res, status, headers, head) {
    res.on('error', () => {}); // the client hanging up is the expected way out
    res.writeHead(status, headers);
    res.write(head);
    for (let sent = 0; sent < ENDLESS_LIMIT && !res.destroyed; sent += ENDLESS_CHUNK.length) {
      if (!res.write(ENDLESS_CHUNK)) await drainedOrClosed(res);
    }
    res.destroy();
  }
}
