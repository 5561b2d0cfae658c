"use client";

import { BarChart3, BookOpen, GraduationCap, ListChecks, MessagesSquare } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

/** The administration sections as tabs; the current one is marked (aria-current) and stays visible on a phone. */
export function AdminNav() {
  const t = useTranslations("common.nav");
  const pathname = usePathname();
  const sections = [
    { href: "/admin/tasks", label: t("tasks"), icon: ListChecks },
    { href: "/admin/insight", label: t("insight"), icon: BarChart3 },
    { href: "/admin/learnings", label: t("learnings"), icon: GraduationCap },
    { href: "/admin/knowledge", label: t("knowledge"), icon: BookOpen },
    { href: "/admin/channels", label: t("channels"), icon: MessagesSquare },
  ];
  return (
    <nav aria-label={t("administration")} className="-mx-4 overflow-x-auto border-b border-border px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-1">
        {sections.map(({ href, label, icon: Icon }) => {
          const current = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={href}>
              <Link
                href={href}
                // on a phone the tabs scroll sideways: the current one is brought into view
                ref={current ? (link) => link?.scrollIntoView({ block: "nearest", inline: "nearest" }) : undefined}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "-mb-px inline-flex min-h-11 items-center gap-2 border-b-2 border-transparent px-3 text-sm font-medium text-muted-foreground hover:text-foreground",
                  current && "border-primary text-foreground",
                )}
              >
                <Icon aria-hidden="true" className="size-4" />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
