export type { ErrorCode, ErrorType, FieldErrors } from "./errors";
export { AppError, errorToResponse, fieldErrorsOf, invalidInput, isDatabaseUnreachable } from "./errors";
export { clientAddress, MAX_JSON_BYTES, parseJson, parseParams } from "./request";
export { route } from "./route";
