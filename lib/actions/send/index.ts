export { sendRequestSchema } from "./schema";
export { sendVersion } from "./send";
