export { type CatalogMessage, catalogs, errorText, type Messages, translatorFor } from "./catalog";
export { waitInWords } from "./format";
export { DEFAULT_LOCALE, isLocale, LOCALES, type Locale, localeName, negotiateLocale } from "./locales";
export { TIME_ZONE_COOKIE, validTimeZone } from "./time-zone";
