import type { ReactNode } from "react";
import { AppHeader } from "@/components/ui/app-header";
import { userPage } from "@/lib/auth";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await userPage();
  return (
    <div className="flex h-dvh flex-col overflow-hidden">
      <AppHeader user={user} />
      <main className="min-h-0 flex-1">{children}</main>
    </div>
  );
}
