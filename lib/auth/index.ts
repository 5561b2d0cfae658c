export { adminPage, guestPage, requireAdmin, requireUser, userPage } from "./guards";
export { pageLocale, userLocale } from "./locale";
export { authOptions } from "./options";
export {
  type AccountUpdate,
  accountUpdateSchema,
  createUser,
  credentialsSchema,
  type ProfileUpdate,
  type PublicUser,
  profileUpdateSchema,
  type SignUpInput,
  signUpSchema,
  type UserProfileView,
  updateAccount,
  updateProfile,
  userProfile,
} from "./users";
