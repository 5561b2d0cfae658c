export { authOptions } from "./options";
export { adminPage, guestPage, requireAdmin, requireUser, userPage } from "./guards";
export { accountUpdateSchema, createUser, credentialsSchema, signUpSchema, updateAccount, type AccountUpdate, type PublicUser, type SignUpInput } from "./users";
export { pageLocale, userLocale } from "./locale";
