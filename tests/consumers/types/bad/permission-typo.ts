// expect TS2367: permission is "read" or "readwrite"; "write" can never match.
import { verifyApiKey } from "anytype-auth";
export const writes = async (key: string) => (await verifyApiKey(key)).access?.permission === "write";
