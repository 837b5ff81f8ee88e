/**
 * anytype-auth/ui: the pairing flow for people. `createPairingFlow` is the flow as states and
 * actions with no DOM (drive any UI from it); `<anytype-pair>` renders it, and is defined when
 * this module is imported where there is a DOM. In Node or a server render only the controller
 * and its helpers exist.
 *
 * @example
 * import "anytype-auth/ui";
 * // <anytype-pair app-name="Acme Clipper (Chrome)" key-storage="local"></anytype-pair>
 * document.querySelector("anytype-pair")!.addEventListener("anytype-paired", (e) => use(e.detail.apiKey));
 */
import type { AnytypeErrorKind, Grant, KeyAccess } from "./index.js";

/**
 * The flow's states, also `<anytype-pair state="…">`.
 * @example const busy: PairState[] = ["checking", "waiting"];
 */
export type PairState = "checking" | "not-running" | "ready" | "waiting" | "paired" | "error";

/**
 * Which Anytype answers: `"approval"` (2026: approve in a window, then a code) or `"code-first"` (before 2026: the code at once).
 * @example const g: Generation = "approval";
 */
export type Generation = "approval" | "code-first";

/**
 * Where the flow keeps strings; each method may return a Promise.
 * @example const adapter: StorageAdapter = { get: (n) => localStorage.getItem(n), set: (n, v) => localStorage.setItem(n, v), remove: (n) => localStorage.removeItem(n) };
 */
export interface StorageAdapter {
  get(name: string): string | null | undefined | PromiseLike<string | null | undefined>;
  set(name: string, value: string): void | PromiseLike<void>;
  remove(name: string): void | PromiseLike<void>;
}

/**
 * A built-in storage: `"session"` (an extension's `storage.session`, else `sessionStorage`), `"local"` (`storage.local`, else `localStorage`) or `"memory"`.
 * @example const where: BuiltInStorage = "local";
 */
export type BuiltInStorage = "session" | "local" | "memory";

/**
 * The clock and timers the flow uses; tests pass their own.
 * @example const clock: FlowClock = { now: () => t, setTimeout: (fn, ms) => queue(fn, ms), clearTimeout: (id) => unqueue(id) };
 */
export interface FlowClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: any): void;
}

/**
 * What `onPaired` and the `anytype-paired` event carry.
 * @example const save = ({ apiKey }: PairedDetail) => chrome.storage.local.set({ apiKey });
 */
export interface PairedDetail {
  /** The key. Store it like a password. */
  apiKey: string;
  /** What the person granted, or null (a legacy key, or Anytype before 2026). */
  grant: Grant | null;
  /** What the key reaches, as Anytype says, or null when it could not say. */
  access: KeyAccess | null;
  /** true: stored where the flow was told to; false: storing failed; null: no key storage asked for. */
  stored: boolean | null;
}

/**
 * `createPairingFlow`'s options.
 * @example const options: PairingFlowOptions = { appName: "Acme Clipper (Chrome)", keyStorage: "local" };
 */
export interface PairingFlowOptions {
  /** What the person sees in Anytype's window (required). */
  appName: string;
  /** Anytype's address. Default: the package's `DEFAULTS.baseUrl` (Anytype desktop's local API). */
  baseUrl?: string;
  /** Where the key is kept: a built-in or an adapter. Default: nowhere (the app stores it from `onPaired`). */
  keyStorage?: BuiltInStorage | StorageAdapter | null;
  /** Where the pending request is kept so that a reload resumes it. Default: the built-in `"session"`, else memory. */
  pendingStorage?: StorageAdapter;
  /** Prefix of the stored names. Default `"anytype-auth"`. */
  storageName?: string;
  /** ms between looks while Anytype is not answering. Default 2000. */
  pollMs?: number;
  /** ms for the look for Anytype. Default 3000. */
  timeoutMs?: number;
  /** ms for every other request. Default: the package's `DEFAULTS.timeoutMs`. */
  requestTimeoutMs?: number;
  /** Shorter lifetimes, for an Anytype (or stand-in) configured so. Default Anytype's. */
  lifetimes?: { pendingMs?: number; codeMs?: number; codeMsV047?: number };
  /** The clock and timers. Default the platform's. */
  clock?: Partial<FlowClock>;
  /** The fetch used to tell the generations apart. Default the global one. */
  fetch?: typeof fetch;
  /** Called once the key is delivered (after it was stored). */
  onPaired?: (detail: PairedDetail) => void;
  /** Called after `forget()`. */
  onForgotten?: () => void;
}

/**
 * One cause of a refusal, or one remedy, with the action that follows it (`"ask"`: ask again).
 * @example const next = (c: Cause) => c.action === "ask" ? "show Ask again" : "explain";
 */
export interface Cause {
  readonly id: "waiting" | "denied" | "too-many" | "logged-out" | "cap-v047" | "used-up" | "mistyped" | "not-allowed" | "expired" | "locked" | "gone-v047" | "ask" | "widen";
  readonly action: "ask" | null;
}

/**
 * What went wrong, with its causes likeliest first (messages `problem.<id>`, `cause.<id>`).
 * @example if (snapshot.problem?.id === "key-typo") showPasteAgain();
 */
export interface Problem {
  readonly id:
    | "address-invalid" | "failed" | "origin-not-allowed" | "challenge-refused" | "code-rejected" | "code-invalid" | "tries-used"
    | "request-lapsed" | "code-expired" | "denied" | "key-empty" | "key-malformed" | "key-typo" | "key-invalid" | "key-revoked"
    | "key-expired" | "key-missing" | "key-narrowed" | "space-not-granted" | "write-not-granted" | "key-limited";
  /** The AnytypeError kind behind it, or null. */
  readonly kind: AnytypeErrorKind | null;
  readonly causes: readonly Cause[];
}

/**
 * The pending request as the flow sees it (times in ms since the epoch, by the flow's clock).
 * @example const left = request.triesLeft;
 */
export interface RequestView {
  readonly createdAt: number;
  /** When an unanswered request lapses in Anytype (null before 2026). */
  readonly approvalEndsAt: number | null;
  /** When it is surely gone (lapsed, or its code ran out). */
  readonly endsAt: number;
  readonly tries: number;
  readonly triesLeft: number;
  /** A code was typed (so Allow was pressed). */
  readonly codeTyped: boolean;
  /** Anytype may still hold it open: no new request is sent meanwhile. */
  readonly mayStillWait: boolean;
}

/**
 * The key as the flow shows it: never the key itself (that is `flow.apiKey`).
 * @example const line = `Key ending in ${key.last4}`;
 */
export interface KeyView {
  readonly last4: string;
  readonly source: "paired" | "pasted" | "stored" | "app";
  readonly grant: Grant | null;
  readonly access: KeyAccess | null;
  readonly worksOnV1: boolean | null;
  /** A key `/v1` refuses: offer to widen it in Settings → API Keys, or to pair again. */
  readonly narrowed: boolean;
  readonly stored: boolean | null;
}

/**
 * Everything a renderer needs, frozen; a new object on every change.
 * @example flow.subscribe((s: PairSnapshot) => render(s.state));
 */
export interface PairSnapshot {
  readonly state: PairState;
  readonly baseUrl: string;
  readonly generation: Generation | null;
  /** Looks so far while Anytype is not answering. */
  readonly checks: number;
  readonly nextCheckAt: number | null;
  /** The action under way, or null. */
  readonly busy: "checking" | "checking-key" | "asking" | "sending-code" | null;
  readonly request: RequestView | null;
  readonly problem: Problem | null;
  readonly key: KeyView | null;
}

/**
 * What `classifyFailure` and `handleFailure` make of a failed call.
 * @example const remedy: FailureId = "key-expired";
 */
export type FailureId =
  | "key-expired" | "key-revoked" | "key-missing" | "key-narrowed" | "space-not-granted" | "write-not-granted"
  | "key-limited" | "origin-not-allowed" | "not-running";

/**
 * The pairing flow. Actions resolve when done; those that were not allowed resolve false.
 * @example
 * const flow = createPairingFlow({ appName: "Acme", onPaired: ({ apiKey }) => save(apiKey) });
 * flow.subscribe(render);
 * await flow.start();
 */
export interface PairingFlow {
  readonly snapshot: PairSnapshot;
  /** The key once there is one; never in the snapshot. */
  readonly apiKey: string | null;
  subscribe(listener: (snapshot: PairSnapshot) => void): () => void;
  /** Loads a stored key or pending request and looks for Anytype. */
  start(): Promise<void>;
  /** Looks for Anytype again now. */
  recheck(): Promise<void>;
  /** Another address (Anytype's port can be changed in its settings). */
  setBaseUrl(baseUrl: string): Promise<void>;
  /** One pairing request; false while one may still wait, or while busy. */
  ask(): Promise<boolean>;
  /** The 4 digits; false when refused (here or by Anytype). Never a 6th code for one request. */
  submitCode(code: string): Promise<boolean>;
  /** The person pressed Deny (or stops): forget the request here. */
  cancel(options?: { denied?: boolean }): Promise<void>;
  /** Checks an existing key: a typo of the 2026 format is caught with no request. */
  useKey(key: string, source?: "pasted" | "app"): Promise<boolean>;
  /** Forgets the key, and removes it from the key storage. */
  forget(): Promise<void>;
  /** The key's later life: a failed Response of the app's own call (or what it threw). */
  handleFailure(failure: Response | unknown): Promise<FailureId | null>;
  /** Stops its timers. */
  dispose(): void;
}

/**
 * Creates the flow (no DOM needed). Throws a TypeError without `appName`.
 * @example const flow = createPairingFlow({ appName: "Acme Clipper (Chrome)" });
 */
export function createPairingFlow(options: PairingFlowOptions): PairingFlow;

/**
 * Classifies a failed call to Anytype without a flow; never rejects.
 * @example if (!res.ok && (await classifyFailure(res)) === "key-expired") pairAgain();
 */
export function classifyFailure(failure: Response | unknown): Promise<FailureId | null>;

/**
 * The local check of a key: white space removed, and why it cannot be sent (nothing is sent).
 * @example checkKeyText(pasted).problem === "key-typo";
 */
export function checkKeyText(text: string): { key: string; problem: "key-empty" | "key-malformed" | "key-typo" | null };

/** @example createPairingFlow({ appName: "A", keyStorage: webStorage(localStorage) }); */
export function webStorage(storage: Storage): StorageAdapter;
/** @example createPairingFlow({ appName: "A", keyStorage: extensionStorage(chrome.storage.local) }); */
export function extensionStorage(area: { get(name: string): Promise<Record<string, unknown>>; set(items: Record<string, string>): Promise<void>; remove(name: string): Promise<void> }): StorageAdapter;
/** @example createPairingFlow({ appName: "A", pendingStorage: memoryStorage() }); */
export function memoryStorage(): StorageAdapter;

/**
 * Every sentence `<anytype-pair>` shows; `{name}` marks a placeholder.
 * @example el.messages = { ask: "Anytype um Zugriff bitten" } satisfies Partial<PairMessages>;
 */
export type PairMessages = { readonly [K in keyof typeof MESSAGES]: string };
/** The English sentences. */
export declare const MESSAGES: {
  readonly title: string; readonly checking: string; readonly checkingKey: string; readonly notRunning: string; readonly notRunningChecks: string;
  readonly addressLabel: string; readonly addressHint: string; readonly useAddress: string; readonly lookAgain: string;
  readonly readyApproval: string; readonly readyCodeFirst: string; readonly ask: string; readonly askCodeFirst: string; readonly askAgain: string;
  readonly waitingApproval: string; readonly waitingLapsing: string; readonly waitingCodeFirst: string; readonly codeLabel: string; readonly sendCode: string;
  readonly triesLeft: string; readonly pressedDeny: string; readonly paired: string; readonly keyEnding: string; readonly keyRevealed: string;
  readonly reveal: string; readonly hide: string; readonly allSpaces: string; readonly someSpaces: string; readonly readOnly: string; readonly readWrite: string;
  readonly stored: string; readonly notStored: string; readonly narrowed: string; readonly forget: string; readonly forgotten: string;
  readonly haveKey: string; readonly keyLabel: string; readonly checkKey: string;
} & { readonly [K in `problem.${Problem["id"]}` | `cause.${Cause["id"]}`]: string };
/** `template` with `{name}` placeholders filled from `values`. @example format(MESSAGES.keyEnding, { last4: "ab12" }) */
export function format(template: string, values?: Record<string, string | number>): string;

/**
 * `<anytype-pair>`.
 * @example const el = document.createElement("anytype-pair"); el.setAttribute("app-name", "Acme"); document.body.append(el);
 */
export interface AnytypePairElement extends HTMLElement {
  /** A key the app already has (checked like a pasted one); after pairing, the key. Never an attribute. */
  apiKey: string | null;
  /** Sentences to replace, merged over the English ones. */
  messages: Partial<PairMessages>;
  /** A storage adapter for the key (before connecting); or the `key-storage` attribute naming a built-in. */
  keyStorage: StorageAdapter | null;
  /** Extra controller options (before connecting), e.g. shorter `lifetimes`. */
  flowOptions: Partial<PairingFlowOptions> | null;
  /** The controller under it (null while disconnected). */
  readonly controller: PairingFlow | null;
  addEventListener<K extends keyof AnytypePairEventMap>(type: K, listener: (this: AnytypePairElement, event: AnytypePairEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/**
 * The element's events (both bubble and are composed).
 * @example el.addEventListener("anytype-paired", (e) => e.detail.apiKey);
 */
export interface AnytypePairEventMap extends HTMLElementEventMap {
  "anytype-paired": CustomEvent<PairedDetail>;
  "anytype-forgotten": CustomEvent<null>;
}

declare global {
  interface HTMLElementTagNameMap {
    "anytype-pair": AnytypePairElement;
  }
  interface HTMLElementEventMap {
    "anytype-paired": CustomEvent<PairedDetail>;
    "anytype-forgotten": CustomEvent<null>;
  }
  interface DocumentEventMap {
    "anytype-paired": CustomEvent<PairedDetail>;
    "anytype-forgotten": CustomEvent<null>;
  }
}
