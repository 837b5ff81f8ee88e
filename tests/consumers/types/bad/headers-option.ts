// expect TS2353: authHeaders takes only apiVersion.
import { authHeaders } from "anytype-auth";
authHeaders("key", { baseUrl: "http://127.0.0.1:31009" });
