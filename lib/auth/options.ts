import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { AppError, clientAddress } from "@/lib/http";
import { enforceLimit, refundLimit, resetLimit } from "@/lib/limits";
import { authenticate, credentialsSchema, findUser } from "./users";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    Credentials({
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        // counted per address and client, then per address from everywhere (see lib/limits)
        const address = parsed.data.email;
        const fromClient = `${address} ${clientAddress(request?.headers?.["x-forwarded-for"])}`;
        try {
          await enforceLimit("signin", fromClient);
          await enforceLimit("signin_address", address);
        } catch (error) {
          // next-auth hands the sign-in page this text: the code and the wait, which the page words in the reader's language
          if (error instanceof AppError && error.retryAfterSeconds) throw new Error(`${error.code}:${error.retryAfterSeconds}`);
          throw error;
        }
        const user = await authenticate(parsed.data.email, parsed.data.password);
        if (user) await Promise.all([resetLimit("signin", fromClient), refundLimit("signin_address", address)]);
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
