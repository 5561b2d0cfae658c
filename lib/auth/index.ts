export { authOptions } from "./options";
export { currentUser, requireAdmin, requirePageAdmin, requirePageUser, requireUser } from "./guards";
export { createUser, signUpSchema, credentialsSchema, type PublicUser, type SignUpInput } from "./users";
