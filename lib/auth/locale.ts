import { headers } from "next/headers";
import { type Locale, negotiateLocale } from "@/lib/i18n";
import { currentUser } from "./guards";
import type { PublicUser } from "./users";

/** A user's language: the account's choice, else the browser's (its Accept-Language header). */
export function userLocale(user: Pick<PublicUser, "locale"> | null, acceptLanguage: string | null): Locale {
  return user?.locale ?? negotiateLocale(acceptLanguage);
}

/** The language of a page: the account's choice, else the browser's. */
export async function pageLocale(): Promise<Locale> {
  const user = await currentUser().catch(() => null);
  return userLocale(user, (await headers()).get("accept-language"));
}
