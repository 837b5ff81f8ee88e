// expect TS2322: getCode must give a string.
import { pair } from "anytype-auth";
await pair({ appName: "Acme", getCode: () => 427 });
