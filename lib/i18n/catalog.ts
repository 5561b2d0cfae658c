import { createTranslator } from "next-intl";
import type { Locale } from "./locales";
import enAdmin from "./messages/en/admin.json";
import enAuth from "./messages/en/auth.json";
import enChannels from "./messages/en/channels.json";
import enChat from "./messages/en/chat.json";
import enCommon from "./messages/en/common.json";
import enErrors from "./messages/en/errors.json";
import enTodos from "./messages/en/todos.json";
import esAdmin from "./messages/es/admin.json";
import esAuth from "./messages/es/auth.json";
import esChannels from "./messages/es/channels.json";
import esChat from "./messages/es/chat.json";
import esCommon from "./messages/es/common.json";
import esErrors from "./messages/es/errors.json";
import esTodos from "./messages/es/todos.json";
import frAdmin from "./messages/fr/admin.json";
import frAuth from "./messages/fr/auth.json";
import frChannels from "./messages/fr/channels.json";
import frChat from "./messages/fr/chat.json";
import frCommon from "./messages/fr/common.json";
import frErrors from "./messages/fr/errors.json";
import frTodos from "./messages/fr/todos.json";

const en = { common: enCommon, auth: enAuth, chat: enChat, admin: enAdmin, errors: enErrors, todos: enTodos, channels: enChannels };
/** The English catalog's shape is the contract: `satisfies` makes tsc fail when another language lacks a key. */
export type Messages = typeof en;

export const catalogs: Record<Locale, Messages> = {
  en,
  es: { common: esCommon, auth: esAuth, chat: esChat, admin: esAdmin, errors: esErrors, todos: esTodos, channels: esChannels } satisfies Messages,
  fr: { common: frCommon, auth: frAuth, chat: frChat, admin: frAdmin, errors: frErrors, todos: frTodos, channels: frChannels } satisfies Messages,
};

/** A message of the catalog named by its key in a namespace, with its values: text decided later, in the reader's language. */
export interface CatalogMessage {
  key: string;
  values?: Record<string, string | number>;
}

/** A translator outside React (route handlers, error responses), for one namespace. */
export function translatorFor<N extends keyof Messages>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: catalogs[locale], namespace });
}

/** A message of the errors namespace in a language (an unknown key is shown as it is). */
export function errorText(locale: Locale, message: CatalogMessage): string {
  const t = translatorFor(locale, "errors");
  const key = message.key as Parameters<typeof t>[0];
  return t.has(key) ? t(key, message.values as never) : message.key;
}
