// expect TS2561: an unknown option (a near miss of baseUrl) is refused.
import { createChallenge } from "anytype-auth";
await createChallenge("Acme", { baseURL: "http://127.0.0.1:31009" });
