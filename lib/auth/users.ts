import { z } from "zod";
import { db, isUniqueViolation, Role } from "@/lib/db";
import { AppError } from "@/lib/http";
import { settings } from "@/lib/settings";
import { hashPassword, verifyPassword } from "./password";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")).pipe(z.string().max(254)),
  password: z.string().min(1, "Enter your password.").max(200),
});

export const signUpSchema = z.object({
  email: credentialsSchema.shape.email,
  password: z
    .string()
    .min(8, "Use at least 8 characters.")
    .max(200, "Use at most 200 characters."),
  name: z.string().trim().max(120).optional(),
});

export type SignUpInput = z.infer<typeof signUpSchema>;

export interface PublicUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

const publicFields = { id: true, email: true, name: true, role: true } as const;

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
      return tx.user.create({
        data: { email: input.email, name: input.name || null, passwordHash, role },
        select: publicFields,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict:user", "An account with this email already exists.", {
        email: ["An account with this email already exists."],
      });
    }
    throw error;
  }
}

/** The user if the email and password match; null otherwise (never says which was wrong). */
export async function authenticate(email: string, password: string): Promise<PublicUser | null> {
  const user = await db().user.findUnique({ where: { email } });
  if (!user || !(await verifyPassword(password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export function findUser(id: string): Promise<PublicUser | null> {
  return db().user.findUnique({ where: { id }, select: publicFields });
}
