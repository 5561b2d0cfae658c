export { catalogs, errorText, translatorFor, type CatalogMessage, type Messages } from "./catalog";
export { DEFAULT_LOCALE, isLocale, LOCALES, localeName, negotiateLocale, type Locale } from "./locales";
export { waitInWords } from "./format";
export { TIME_ZONE_COOKIE, validTimeZone } from "./time-zone";
