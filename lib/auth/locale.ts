import { headers } from "next/headers";
import { negotiateLocale, type Locale } from "@/lib/i18n";
import { currentUser } from "./guards";

/** The language of a page: the account's choice, else the browser's. */
export async function pageLocale(): Promise<Locale> {
  const user = await currentUser().catch(() => null);
  return user?.locale ?? negotiateLocale((await headers()).get("accept-language"));
}
