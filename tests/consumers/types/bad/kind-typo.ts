// expect TS2367: kind is a union of literals, so a misspelt kind cannot match.
import { AnytypeError } from "anytype-auth";
export const check = (e: unknown) => e instanceof AnytypeError && e.kind === "code_rejectd";
