// Run by tests/wasm-load.test.mjs with an entry of a copy of the package whose wasm may be
// missing or broken: `node node-app.mjs <entry> <baseUrl>`. Prints what each step gave, as JSON.
import { createRequire } from 'node:module';

const [entry, base] = process.argv.slice(2);
const api = entry.endsWith('.cjs') ? createRequire(import.meta.url)(entry) : await import(entry);

const describe = (error) => ({
  ok: false,
  name: error?.name,
  kind: error?.kind,
  isAnytypeError: error instanceof api.AnytypeError,
  message: String(error?.message),
  status: error?.status,
  causeName: error?.cause?.name ?? null,
  causeCode: error?.cause?.code ?? null,
});
const settle = (promise) => promise.then((value) => ({ ok: true, value }), describe);

const out = { imported: true, headers: api.authHeaders('k3y/ABC=') };
out.first = await settle(api.checkAnytype({ baseUrl: base }));
out.init = await settle(api.init());
out.pair = await settle(api.pair({ appName: 'wasm-load test', baseUrl: base, getCode: () => '0000' }));
// The test may now put the wasm in place (it waits for this line on stdout), then says "again".
console.log(JSON.stringify(out));
process.stdin.setEncoding('utf8');
for await (const line of process.stdin) {
  if (line.trim() !== 'again') break;
  console.log(JSON.stringify({ again: await settle(api.checkAnytype({ baseUrl: base })) }));
}
