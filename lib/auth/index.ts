export { adminPage, guestPage, requireAdmin, requireUser, userPage } from "./guards";
export { pageLocale, userLocale } from "./locale";
export { authOptions } from "./options";
export {
  type AccountUpdate,
  accountUpdateSchema,
  createUser,
  credentialsSchema,
  type PublicUser,
  type SignUpInput,
  signUpSchema,
  updateAccount,
} from "./users";
