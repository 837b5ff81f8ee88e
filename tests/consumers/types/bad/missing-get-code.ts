// expect TS2741: pair() needs getCode.
import { pair } from "anytype-auth";
await pair({ appName: "Acme" });
