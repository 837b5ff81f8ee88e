// The wasm_unavailable error of every entry; its messages come from facts.js, not the wasm that failed to load.
import { MESSAGES, fill } from './facts.js';

const CSP_REFUSAL = /content.security.policy|\bCSP\b|wasm-(?:unsafe-)?eval|unsafe-eval/i;

/**
 * The `wasm_unavailable` AnytypeError for a failed load of the wasm file at `where` (its URL, or
 * a path), with what the load threw as `error.cause`. `response` is what `fetch` gave when the
 * entry fetched the file, `null` when that fetch itself failed, `undefined` when it read the file
 * instead (Node). Each entry calls this from the catch around its load.
 */
export function wasmUnavailable(AnytypeError, cause, where, response) {
  const file = typeof where == 'string' ? where : where.protocol == 'file:' ? decodeURIComponent(where.pathname) : where.href;
  let name = '';
  let said = '';
  try {
    name = String(cause?.name ?? '');
    said = `${name}: ${String(cause?.message ?? cause)}`.slice(0, 300);
  } catch {} // something that cannot even be read as text: classified by what else is known
  const values = { file, said, copy: MESSAGES.wasmCopy };
  let template = MESSAGES.wasmOther;
  if (typeof WebAssembly == 'undefined') {
    template = MESSAGES.wasmNone;
  } else if (name == 'NotCapable' || name == 'PermissionDenied') {
    template = MESSAGES.wasmDenoRead;
  } else if (name == 'EvalError' || CSP_REFUSAL.test(said)) {
    template = MESSAGES.wasmCsp;
  } else if (response === null) {
    template = MESSAGES.wasmFetchFailed;
  } else if (response && !response.ok) {
    template = MESSAGES.wasmNotServed;
    values.status = response.status;
  } else if (cause?.code == 'ENOENT' || name == 'NotFound') {
    template = MESSAGES.wasmMissing;
  } else if (name == 'LinkError') {
    template = MESSAGES.wasmOtherVersion;
  } else if (name == 'CompileError') {
    const type = response?.headers.get('content-type');
    template = MESSAGES.wasmNotWasm;
    values.served = type ? `; served as ${type}` : '';
  }
  const error = new AnytypeError('wasm_unavailable', fill(template, values), null, null, null);
  error.cause = cause;
  return error;
}
