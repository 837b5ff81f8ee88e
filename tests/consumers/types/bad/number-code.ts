// expect TS2345: the code is a string, never a number (leading zeros).
import { createApiKey } from "anytype-auth";
await createApiKey("67647f5ecda913e9a2e11b26", 427);
