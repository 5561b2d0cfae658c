export { AppError, errorToResponse, fieldErrorsOf, invalidInput, isDatabaseUnreachable } from "./errors";
export type { ErrorCode, ErrorType, FieldErrors } from "./errors";
export { clientAddress, parseJson, parseParams, MAX_JSON_BYTES } from "./request";
export { route } from "./route";
