"use client";

import { ThemeProvider } from "next-themes";
import { type ReactNode, useEffect } from "react";
import { TIME_ZONE_COOKIE } from "@/lib/i18n/time-zone";
import { Toaster } from "./ui/toaster";
import { TooltipProvider } from "./ui/tooltip";

/** Keeps the browser's time zone in a cookie, so the server renders dates on the user's clock. */
function useTimeZoneCookie() {
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!document.cookie.split("; ").includes(`${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}`)) {
      // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser the app supports
      document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    }
  }, []);
}

/** Everything client-side that every page shares: theme, tooltips, toasts. */
export function Providers({ children, labels }: { children: ReactNode; labels: { notifications: string; close: string } }) {
  useTimeZoneCookie();
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      <TooltipProvider delayDuration={300}>
        {children}
        <Toaster labels={labels} />
      </TooltipProvider>
    </ThemeProvider>
  );
}
