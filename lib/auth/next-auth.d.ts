import type { DefaultSession } from "next-auth";
import type { Role } from "@/lib/db/generated/enums";
import type { Locale } from "@/lib/i18n";

declare module "next-auth" {
  interface User {
    role: Role;
    locale: Locale | null;
  }

  interface Session {
    user: DefaultSession["user"] & { id: string; role: Role };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    /** the account's interface language, for error messages of API calls (see lib/http/route.ts) */
    locale?: Locale | null;
  }
}
