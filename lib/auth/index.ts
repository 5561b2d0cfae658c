export { authOptions } from "./options";
export { adminPage, guestPage, requireAdmin, requireUser, userPage } from "./guards";
export { createUser, signUpSchema, credentialsSchema, type PublicUser, type SignUpInput } from "./users";
