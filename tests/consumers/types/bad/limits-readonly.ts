// expect TS2540: LIMITS is read-only, as the frozen object it types.
import { LIMITS } from "anytype-auth";
export const change = () => { LIMITS.codeMinutes = 10; };
