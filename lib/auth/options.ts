import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { AppError, clientAddress } from "@/lib/http";
import { enforceLimit, refundLimit, resetLimit } from "@/lib/limits";
import { authenticate, credentialsSchema } from "./users";

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
          throw new Error(error instanceof AppError ? error.message : "Sign-in is not available right now.");
        }
        const user = await authenticate(parsed.data.email, parsed.data.password);
        if (user) await Promise.all([resetLimit("signin", fromClient), refundLimit("signin_address", address)]);
        return user;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
      }
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
