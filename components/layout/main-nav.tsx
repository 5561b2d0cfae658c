"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

/**
 * Chat, To-dos, Settings and (for admins) Admin, the current one marked for eyes and for screen readers.
 * On a phone Settings is left to the account menu ("Profile and signature"): in Spanish and French the
 * four names do not fit beside the logo and the account button.
 */
export function MainNav({ isAdmin }: { isAdmin: boolean }) {
  const t = useTranslations("common.nav");
  const pathname = usePathname();
  const inAdmin = pathname.startsWith("/admin");
  const inTodos = pathname.startsWith("/todos");
  // the settings page (account menu) belongs to none of the sections
  const inSettings = pathname.startsWith("/settings");
  const links = [
    { href: "/", label: t("chat"), current: !inAdmin && !inTodos && !inSettings },
    { href: "/todos", label: t("todos"), current: inTodos },
    { href: "/settings", label: t("settings"), current: inSettings, phone: false },
    ...(isAdmin ? [{ href: "/admin/tasks", label: t("admin"), current: inAdmin }] : []),
  ];
  return (
    <nav aria-label={t("main")} className="flex min-w-0 items-center gap-0.5 sm:ml-2 sm:gap-1">
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={link.current ? "page" : undefined}
          className={cn(
            "inline-flex min-h-11 items-center whitespace-nowrap rounded-md px-2 text-sm font-medium sm:px-3 text-muted-foreground hover:bg-muted hover:text-foreground pointer-fine:min-h-9",
            link.current && "bg-muted text-foreground",
            link.phone === false && "max-sm:hidden",
          )}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
