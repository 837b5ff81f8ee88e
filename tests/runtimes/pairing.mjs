// Shared by the runtime scripts (tests/runtimes.test.mjs): pairs with the stand-in at `base`
// through `api` (one entry of anytype-auth), reading the code from the stand-in's control
// endpoint `codeUrl` + the challenge id, as a person would read it off Anytype's window, and
// reports every step as plain data.
// Runs unchanged in Node, Deno and Bun.

/** `{ ok: true, value }`, or how the step failed. */
async function step(api, fn) {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return {
      ok: false,
      kind: error?.kind,
      isAnytypeError: error instanceof api.AnytypeError,
      message: String(error?.message),
      causeName: error?.cause?.name ?? null,
    };
  }
}

export async function run(api, [base, codeUrl]) {
  const report = { runtime: globalThis.Deno ? 'deno' : globalThis.Bun ? 'bun' : 'node' };
  report.check = await step(api, () => api.checkAnytype({ baseUrl: base }));
  report.pair = await step(api, async () => {
    const { apiKey, grant, serverVersion } = await api.pair({
      appName: `Runtime test (${report.runtime})`,
      baseUrl: base,
      getCode: async ({ challengeId }) => {
        const answer = await fetch(`${codeUrl}${encodeURIComponent(challengeId)}`);
        return (await answer.json()).code;
      },
    });
    const { valid, worksOnV1 } = await api.verifyApiKey(apiKey, { baseUrl: base });
    const headers = api.authHeaders(apiKey);
    const spaces = await fetch(`${base}/v1/spaces?limit=1`, { headers });
    return { keyLength: apiKey.length, grant, serverVersion, valid, worksOnV1, spacesStatus: spaces.status, bearer: headers.Authorization === `Bearer ${apiKey}` };
  });
  report.invalid = await step(api, () => api.createApiKey('challenge', 1234, { baseUrl: base }));
  return report;
}

/** The command line's arguments after the script, in every runtime. */
export const args = () => globalThis.Deno?.args ?? process.argv.slice(2);
