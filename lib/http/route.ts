import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";
import { isLocale, type Locale, negotiateLocale } from "@/lib/i18n";
import { errorToResponse } from "./errors";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** The reader's language for an error: the account's (carried in the session token), else the browser's. */
async function localeOf(request: Request): Promise<Locale> {
  // outside a request (unit tests) there are no cookies: the browser's language it is
  const token = await cookies()
    .then((jar) => getToken({ req: { cookies: jar, headers: request.headers } as never }))
    .catch(() => null);
  return isLocale(token?.locale) ? token.locale : negotiateLocale(request.headers.get("accept-language"));
}

/** Wraps a route handler so any error it throws becomes the one JSON error shape, in the reader's language. */
export function route<C = unknown>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorToResponse(error, await localeOf(request));
    }
  };
}
