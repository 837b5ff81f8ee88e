// Every export, used as documented, under --strict with exactOptionalPropertyTypes.
import {
  AnytypeError, DEFAULTS, ERROR_KINDS, LIMITS, authHeaders, checkAnytype, createApiKey, createChallenge, init, pair, verifyApiKey,
  type AnytypeErrorKind, type ApiKeyResult, type AuthHeaders, type ChallengeResult, type CodeRequest, type Options, type PairRequest,
  type Grant, type KeyAccess, type KeyStatus, type Permission, type SpaceAccess,
} from "anytype-auth";
import { startStandIn, type StandIn } from "anytype-auth/stand-in";

export async function everything(signal: AbortSignal): Promise<string> {
  await init();
  const options: Options = { baseUrl: "http://127.0.0.1:31012", apiVersion: "2025-11-08", timeoutMs: 0, signal, allowInsecureRemote: false };
  const created: ChallengeResult = await createChallenge("Acme Clipper (Chrome)", options);
  const keyed: ApiKeyResult = await createApiKey(created.challengeId, "0427", { timeoutMs: undefined });
  const { running } = await checkAnytype();
  const { valid, serverVersion } = await verifyApiKey(keyed.apiKey, options);
  const grant: Grant | null = keyed.grant;
  const permission: Permission | undefined = grant?.permission;
  const status: KeyStatus = await verifyApiKey(keyed.apiKey);
  const reason: "invalid" | "expired" | null = status.reason;
  const onV1: boolean | null = status.worksOnV1;
  const access: KeyAccess | null = status.access;
  const spaces: SpaceAccess[] = access?.spaces ?? [];
  const expires: string | null = access?.expiresAt ?? null;
  void [permission, reason, onV1, status.worksOnV2, spaces.map((s) => s.name ?? s.id), expires, grant?.allSpaces, grant?.spaceIds];
  const getCode = ({ challengeId, attempt, lastError }: CodeRequest): Promise<string> =>
    askPersonForCode(`${challengeId} ${attempt} ${lastError?.kind ?? ""}`);
  const request: PairRequest = { appName: "Acme", getCode, maxAttempts: 5, onChallenge: async ({ challengeId }) => chrome.storage.session.set({ challengeId }), ...options };
  const paired = await pair(request);
  await pair({ appName: "Acme", getCode: () => "0427" });
  const headers: AuthHeaders = authHeaders(paired.apiKey, { apiVersion: "2025-05-20" });
  const bearer: `Bearer ${string}` = headers.Authorization;
  await fetch("http://127.0.0.1:31009/v1/spaces", { headers: authHeaders(paired.apiKey) });
  try {
    await createApiKey(created.challengeId, "0000");
  } catch (e) {
    if (e instanceof AnytypeError) {
      const kind: AnytypeErrorKind = e.kind;
      const status: number | null = e.status;
      if (kind === "code_rejected" && status === 500) return `${e.serverCode ?? ""} ${e.serverMessage ?? ""}`;
    }
  }
  return `${running} ${valid} ${serverVersion ?? "none"} ${bearer}`;
}

export async function standInForTests(): Promise<string | null> {
  const standIn: StandIn = await startStandIn({ port: 0, mode: "2026", cors: true });
  const { challengeId } = await createChallenge("Test", { baseUrl: standIn.url });
  const shown = standIn.codeFor(challengeId);
  standIn.requests().map((r) => r.headers["anytype-version"]);
  await standIn.close();
  return shown;
}

/** The facts: the kinds' union is ERROR_KINDS' element type both ways; the numbers are literal types. */
export function facts(kind: AnytypeErrorKind): number {
  const listed: readonly AnytypeErrorKind[] = ERROR_KINDS;
  const first: AnytypeErrorKind = ERROR_KINDS[0];
  const known: boolean = (ERROR_KINDS as readonly string[]).includes(kind);
  const minutes: 5 = LIMITS.codeMinutes;
  const version: string = DEFAULTS.apiVersion;
  return listed.length + first.length + (known ? minutes : LIMITS.apiKeyMaxLength) + version.length + DEFAULTS.timeoutMs;
}
