export { catalogs, translatorFor, type Messages } from "./catalog";
export { DEFAULT_LOCALE, isLocale, LOCALES, localeName, negotiateLocale, type Locale } from "./locales";
export { TIME_ZONE_COOKIE, validTimeZone } from "./time-zone";
