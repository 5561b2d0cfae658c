import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { PublicUser } from "@/lib/auth";
import { Logo } from "./logo";
import { MainNav } from "./main-nav";
import { UserMenu } from "./user-menu";

/** The bar on every signed-in page: the product, where you are, and your account. */
export async function AppHeader({ user }: { user: PublicUser }) {
  const t = await getTranslations("common");
  return (
    <header className="flex h-14 shrink-0 items-center gap-3 border-b border-border bg-background px-3 sm:px-4">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2"
      >
        {t("skipToContent")}
      </a>
      <Link href="/" className="flex items-center gap-2 rounded-md font-semibold tracking-tight">
        <Logo className="size-7" />
        {/* on a phone the logo names the product (its link's name), leaving room for the navigation */}
        <span className="max-sm:sr-only">{t("app.name")}</span>
      </Link>
      <MainNav isAdmin={user.role === "ADMIN"} />
      <span className="flex-1" />
      <UserMenu user={{ name: user.name, email: user.email, isAdmin: user.role === "ADMIN", locale: user.locale }} />
    </header>
  );
}
