import { z } from "zod";
import { db, isUniqueViolation, Role } from "@/lib/db";
import { AppError } from "@/lib/http";
import { isLocale, LOCALES, type Locale } from "@/lib/i18n";
import { settings } from "@/lib/settings";
import { hashPassword, verifyPassword } from "./password";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("fields.email")).pipe(z.string().max(254)),
  password: z.string().min(1, "fields.passwordRequired").max(200),
});

export const signUpSchema = z.object({
  email: credentialsSchema.shape.email,
  password: z.string().min(8).max(200),
  name: z.string().trim().max(120).optional(),
});

export type SignUpInput = z.infer<typeof signUpSchema>;

export interface PublicUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  /** the interface language the user chose; null: the browser's */
  locale: Locale | null;
}

const publicFields = { id: true, email: true, name: true, role: true, locale: true } as const;

/** The stored language, if it is still one the interface speaks. */
const toPublic = <U extends { locale: string | null }>(user: U) => ({ ...user, locale: isLocale(user.locale) ? user.locale : null });

/** What a user may change about their own account from the account menu. */
export const accountUpdateSchema = z
  .object({
    /** null: follow the browser's language */
    locale: z.enum(LOCALES).nullable(),
    name: z
      .string()
      .trim()
      .max(120)
      .transform((name) => name || null)
      .nullable(),
  })
  .partial()
  .strict();
export type AccountUpdate = z.infer<typeof accountUpdateSchema>;

/** What a user tells the assistant about themselves (settings page); executors are given it. */
export const profileUpdateSchema = z
  .object({
    name: z.string().trim().max(120),
    jobTitle: z.string().trim().max(120),
    company: z.string().trim().max(120),
    preferredTone: z.string().trim().max(200),
    signature: z
      .string()
      .max(600)
      .transform((text) => text.replace(/\r\n?/g, "\n").trim()),
  })
  .partial()
  .strict()
  .transform(
    (update) => Object.fromEntries(Object.entries(update).map(([field, value]) => [field, value || null])) as { [K in keyof typeof update]: string | null },
  );
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;

export interface UserProfileView {
  name: string | null;
  jobTitle: string | null;
  company: string | null;
  signature: string | null;
  preferredTone: string | null;
}
const profileFields = { name: true, jobTitle: true, company: true, signature: true, preferredTone: true } as const;

/** The user's profile; null for a user that no longer exists. */
export async function userProfile(userId: string): Promise<UserProfileView | null> {
  return db().user.findUnique({ where: { id: userId }, select: profileFields });
}

export async function updateProfile(userId: string, update: ProfileUpdate): Promise<UserProfileView> {
  return db().user.update({ where: { id: userId }, data: update, select: profileFields });
}

export async function updateAccount(userId: string, update: AccountUpdate): Promise<PublicUser> {
  return toPublic(await db().user.update({ where: { id: userId }, data: update, select: publicFields }));
}

/**
 * Creates an account. The first account becomes ADMIN, as does the address in ADMIN_EMAIL; an advisory
 * lock makes "first" hold when two people sign up at the same moment.
 */
export async function createUser(input: SignUpInput): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password);
  const adminEmail = settings().ADMIN_EMAIL;
  try {
    return await db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(727071)`;
      const isFirst = (await tx.user.count()) === 0;
      const role = isFirst || input.email === adminEmail ? Role.ADMIN : Role.USER;
      return toPublic(
        await tx.user.create({
          data: { email: input.email, name: input.name || null, passwordHash, role },
          select: publicFields,
        }),
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict:user", { fields: { email: ["conflict.user"] } });
    }
    throw error;
  }
}

/** The user if the email and password match; null otherwise (never says which was wrong). */
export async function authenticate(email: string, password: string): Promise<PublicUser | null> {
  const user = await db().user.findUnique({ where: { email } });
  if (!user || !(await verifyPassword(password, user.passwordHash))) return null;
  return toPublic({ id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale });
}

export async function findUser(id: string): Promise<PublicUser | null> {
  const user = await db().user.findUnique({ where: { id }, select: publicFields });
  return user && toPublic(user);
}
