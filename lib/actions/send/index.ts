export { emailHtml } from "./html";
export { type SendRequest, sendRequestSchema } from "./schema";
export { sendVersion } from "./send";
