"use client";

import { useTheme } from "next-themes";
import { Toaster as Sonner } from "sonner";

export { toast } from "sonner";

/** Where saved / failed notices appear, announced politely to screen readers. */
export function Toaster({ labels }: { labels: { notifications: string; close: string } }) {
  const { resolvedTheme } = useTheme();
  return (
    <Sonner
      theme={resolvedTheme === "dark" ? "dark" : "light"}
      position="bottom-right"
      richColors
      closeButton
      containerAriaLabel={labels.notifications}
      toastOptions={{ closeButtonAriaLabel: labels.close }}
    />
  );
}
