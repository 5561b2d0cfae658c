import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { Role } from "@/lib/db";
import { AppError } from "@/lib/http";
import { authOptions } from "./options";
import { findUser, type PublicUser } from "./users";

/**
 * The signed-in user, read again from the database so a deleted account or a changed role takes effect
 * at once rather than when the session token expires.
 */
export async function currentUser(): Promise<PublicUser | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  return id ? findUser(id) : null;
}

/** For route handlers and server actions: 401 without a session. */
export async function requireUser(): Promise<PublicUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthorized:auth");
  return user;
}

/** For admin route handlers and server actions: 401 without a session, 403 for a non-admin. */
export async function requireAdmin(): Promise<PublicUser> {
  const user = await requireUser();
  if (user.role !== Role.ADMIN) throw new AppError("forbidden:admin", "This needs an administrator account.");
  return user;
}

/** For pages: sends a visitor without a session to the sign-in page. */
export async function requirePageUser(): Promise<PublicUser> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return user;
}

/** For admin pages: non-admins go back to the chat. */
export async function requirePageAdmin(): Promise<PublicUser> {
  const user = await requirePageUser();
  if (user.role !== Role.ADMIN) redirect("/");
  return user;
}
