import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { AppError } from "@/lib/http";
import { enforceLimit, resetLimit } from "@/lib/limits";
import { authenticate, credentialsSchema, findUser } from "./users";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    Credentials({
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        // counted per address being tried, so guessing one account's password is slowed wherever it comes from
        const key = parsed.data.email;
        try {
          await enforceLimit("signin", key);
        } catch (error) {
          throw new Error(error instanceof AppError ? error.message : "Sign-in is not available right now.");
        }
        const user = await authenticate(parsed.data.email, parsed.data.password);
        if (user) await resetLimit("signin", key);
        return user;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user, trigger }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
        token.locale = user.locale;
      }
      // the account menu changed the language: carry the stored choice, never what the client sent
      if (trigger === "update" && token.sub) token.locale = (await findUser(token.sub))?.locale ?? null;
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) {
        session.user.id = token.sub;
        if (token.role) session.user.role = token.role;
      }
      return session;
    },
  },
};
