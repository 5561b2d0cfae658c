import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Logo } from "@/components/layout/logo";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("common.app");
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center bg-surface px-4 py-10">
      <div className="mb-6 flex items-center gap-2 text-lg font-semibold tracking-tight">
        <Logo className="size-8" />
        {t("name")}
      </div>
      <div className="w-full max-w-sm rounded-2xl border border-border bg-background p-6 shadow-sm sm:p-8">{children}</div>
    </main>
  );
}
