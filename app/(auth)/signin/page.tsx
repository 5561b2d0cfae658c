import { AuthForm } from "@/components/auth/auth-form";
import { guestPage } from "@/lib/auth";

export const metadata = { title: "Sign in · Switchboard" };

export default async function SignInPage() {
  await guestPage();
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      <AuthForm mode="signin" />
    </>
  );
}
