"use client";

import { Languages, LogOut, Monitor, Moon, Sun, UserPen } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { getCsrfToken, signOut } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useTheme } from "next-themes";
import { useState } from "react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuSub,
  DropdownMenuSubContent,
  DropdownMenuSubTrigger,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { toast } from "@/components/ui/toaster";
import { LOCALES, type Locale, localeName } from "@/lib/i18n/locales";

interface Props {
  user: { name: string | null; email: string; isAdmin: boolean; locale: Locale | null };
}

const BROWSER = "browser";

function initials(name: string | null, email: string): string {
  const words = (name ?? email.split("@")[0]).split(/[\s._-]+/).filter(Boolean);
  return ((words[0]?.[0] ?? "?") + (words[1]?.[0] ?? "")).toLocaleUpperCase();
}

/** The account menu: who is signed in, language, theme, sign out. */
export function UserMenu({ user }: Props) {
  const t = useTranslations("common.account");
  const router = useRouter();
  const current = useLocale();
  const { theme, setTheme } = useTheme();
  const [choice, setChoice] = useState<string>(user.locale ?? BROWSER);

  async function changeLanguage(value: string) {
    const previous = choice;
    setChoice(value);
    const response = await fetch("/api/account", {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ locale: value === BROWSER ? null : value }),
    }).catch(() => null);
    if (!response?.ok) {
      setChoice(previous);
      toast.error(t("languageFailed"));
      return;
    }
    // the session token carries the language for error messages of API calls: refresh it
    await fetch("/api/auth/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ csrfToken: await getCsrfToken(), data: {} }),
    }).catch(() => null);
    router.refresh();
  }

  async function leave() {
    // next-auth would send us to NEXTAUTH_URL's host; stay on the one the user came from
    await signOut({ redirect: false });
    window.location.assign("/signin");
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label={t("menu")}
        className="inline-flex size-11 items-center justify-center rounded-full hover:bg-muted pointer-fine:size-9"
        data-testid="account-menu"
      >
        <span aria-hidden="true" className="inline-flex size-8 items-center justify-center rounded-full bg-accent text-xs font-semibold text-accent-foreground">
          {initials(user.name, user.email)}
        </span>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="font-normal">
          <span className="block text-xs text-muted-foreground">{t("signedInAs")}</span>
          <span className="block truncate text-sm font-medium text-foreground" data-testid="current-user">
            {user.name ?? user.email}
          </span>
          {user.name && <span className="block truncate text-xs text-muted-foreground">{user.email}</span>}
          {user.isAdmin && <span className="mt-1 block text-xs font-medium text-accent-foreground">{t("administrator")}</span>}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/settings">
            <UserPen aria-hidden="true" />
            {t("profile")}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSub>
          <DropdownMenuSubTrigger>
            <Languages aria-hidden="true" />
            <span className="flex-1">{t("language")}</span>
            <span className="text-xs text-muted-foreground">{localeName(current as Locale)}</span>
          </DropdownMenuSubTrigger>
          <DropdownMenuSubContent>
            <DropdownMenuRadioGroup value={choice} onValueChange={(value) => void changeLanguage(value)}>
              <DropdownMenuRadioItem value={BROWSER}>{t("browserLanguage")}</DropdownMenuRadioItem>
              {LOCALES.map((locale) => (
                <DropdownMenuRadioItem key={locale} value={locale} lang={locale}>
                  {localeName(locale)}
                </DropdownMenuRadioItem>
              ))}
            </DropdownMenuRadioGroup>
          </DropdownMenuSubContent>
        </DropdownMenuSub>
        <DropdownMenuSub>
          <DropdownMenuSubTrigger>
            {theme === "dark" ? <Moon aria-hidden="true" /> : theme === "light" ? <Sun aria-hidden="true" /> : <Monitor aria-hidden="true" />}
            <span className="flex-1">{t("theme")}</span>
          </DropdownMenuSubTrigger>
          <DropdownMenuSubContent>
            <DropdownMenuRadioGroup value={theme ?? "system"} onValueChange={setTheme}>
              <DropdownMenuRadioItem value="light">{t("themeLight")}</DropdownMenuRadioItem>
              <DropdownMenuRadioItem value="dark">{t("themeDark")}</DropdownMenuRadioItem>
              <DropdownMenuRadioItem value="system">{t("themeSystem")}</DropdownMenuRadioItem>
            </DropdownMenuRadioGroup>
          </DropdownMenuSubContent>
        </DropdownMenuSub>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => void leave()}>
          <LogOut aria-hidden="true" />
          {t("signOut")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
