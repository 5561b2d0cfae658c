import { forbidden, redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { Role } from "@/lib/db";
import { AppError } from "@/lib/http";
import { authOptions } from "./options";
import { findUser, type PublicUser } from "./users";

/**
 * The signed-in user, read again from the database so a deleted account or a changed role takes effect
 * at once rather than when the session token expires. Once per request: the page guard and the
 * language of the page (lib/i18n/request.ts) both ask.
 */
export const currentUser = cache(async (): Promise<PublicUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  return id ? findUser(id) : null;
});

/** For route handlers and server actions: 401 without a session. */
export async function requireUser(): Promise<PublicUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthorized:auth");
  return user;
}

/** For admin route handlers and server actions: 401 without a session, 403 for a non-admin. */
export async function requireAdmin(): Promise<PublicUser> {
  const user = await requireUser();
  if (user.role !== Role.ADMIN) throw new AppError("forbidden:admin");
  return user;
}

// Pages. Every page.tsx calls exactly one of these first, next to the data it reads: layouts are not
// rendered again on a client navigation (a request can say it already has them), so a check there guards
// nothing. tests/unit/page-guards.test.ts fails for a page that does not.

/** A signed-in user's page: a visitor without a session is sent to the sign-in page. */
export async function userPage(): Promise<PublicUser> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return user;
}

/** An administrator's page: sign in first; a signed-in non-admin gets the forbidden page (403), told why. */
export async function adminPage(): Promise<PublicUser> {
  const user = await userPage();
  if (user.role !== Role.ADMIN) forbidden();
  return user;
}

/** The sign-in and sign-up pages, open to everyone: someone already signed in goes to the chat. */
export async function guestPage(): Promise<void> {
  if (await currentUser()) redirect("/");
}
