// next-intl's request configuration (named in next.config.js): the language and time zone of each
// rendered page. Not exported from lib/i18n: it reads the signed-in account, which sits above this room.
import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { pageLocale } from "@/lib/auth";
import { catalogs } from "./catalog";
import { TIME_ZONE_COOKIE, validTimeZone } from "./time-zone";

export default getRequestConfig(async () => {
  const locale = await pageLocale();
  const timeZone = validTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value) ?? "UTC";
  return { locale, messages: catalogs[locale], timeZone };
});
