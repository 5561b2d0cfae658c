import type { Messages } from "./catalog";
import type { Locale } from "./locales";

// Typed keys: tsc (and next build) fails on a t("…") key that the English catalog lacks.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
