// expect TS2531: grant is null from Anytype before 2026, so it must be checked before use.
import { createApiKey } from "anytype-auth";
export const spaces = async () => (await createApiKey("id", "0427")).grant.spaceIds;
