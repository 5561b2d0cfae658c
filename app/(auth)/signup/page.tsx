import { AuthForm } from "@/components/auth/auth-form";
import { guestPage } from "@/lib/auth";

export const metadata = { title: "Create an account · Switchboard" };

export default async function SignUpPage() {
  await guestPage();
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Create an account</h1>
      <AuthForm mode="signup" />
    </>
  );
}
