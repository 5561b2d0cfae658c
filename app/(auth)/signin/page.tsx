import { getTranslations } from "next-intl/server";
import { AuthForm } from "@/components/auth/auth-form";
import { guestPage } from "@/lib/auth";

export async function generateMetadata() {
  return { title: (await getTranslations("auth.signIn"))("title") };
}

export default async function SignInPage() {
  await guestPage();
  const t = await getTranslations("auth.signIn");
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("heading")}</h1>
      <p className="mb-6 mt-1 text-sm text-muted-foreground">{t("intro")}</p>
      <AuthForm mode="signin" />
    </>
  );
}
