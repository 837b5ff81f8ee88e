// Temporary stand-in for the facts generated from src/ (replaced at merge).
export const ERROR_KINDS = Object.freeze(['invalid_input', 'wasm_unavailable', 'unreachable', 'timeout', 'aborted', 'origin_not_allowed', 'code_rejected', 'challenge_refused', 'unauthorized', 'rate_limited', 'not_supported', 'bad_request', 'server_error', 'invalid_response']);
export const LIMITS = Object.freeze({ pendingSeconds: 180, codeMinutes: 5, triesPerChallenge: 5, wrongCodesLock: 20, requestsPerRun: 30, requestsPerCaller: 10, challengesPerRunV047: 50, codeSecondsV047: 30 });
export const DEFAULTS = Object.freeze({ baseUrl: 'http://127.0.0.1:31009', apiVersion: '2025-11-08', timeoutMs: 10000, maxAttempts: 3 });
