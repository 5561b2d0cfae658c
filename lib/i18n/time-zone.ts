/** The browser's time zone, kept in a cookie so dates rendered on the server match the user's clock. */
export const TIME_ZONE_COOKIE = "tz";

/** The IANA time zone if the runtime knows it, else undefined. */
export function validTimeZone(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
