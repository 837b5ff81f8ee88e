// expect TS2353: pair() refuses keys it does not know.
import { pair } from "anytype-auth";
await pair({ appName: "Acme", getCode: () => "0427", retries: 3 });
