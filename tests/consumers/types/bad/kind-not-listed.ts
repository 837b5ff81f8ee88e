// expect TS2322: AnytypeErrorKind is exactly ERROR_KINDS' element type, so another name is no kind.
import { ERROR_KINDS, type AnytypeErrorKind } from "anytype-auth";
export const kinds: readonly AnytypeErrorKind[] = [...ERROR_KINDS, "teapot"];
