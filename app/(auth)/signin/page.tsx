import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth/auth-form";
import { currentUser } from "@/lib/auth";

export const metadata = { title: "Sign in · Switchboard" };

export default async function SignInPage() {
  if (await currentUser()) redirect("/");
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      <AuthForm mode="signin" />
    </>
  );
}
