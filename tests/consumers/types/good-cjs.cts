// A CommonJS TypeScript consumer (`require`), which resolves the .d.cts types.
import auth = require("anytype-auth");

export async function viaRequire(): Promise<string> {
  const { apiKey } = await auth.pair({ appName: "CJS", getCode: () => Promise.resolve("0427") });
  return auth.authHeaders(apiKey)["Anytype-Version"];
}
