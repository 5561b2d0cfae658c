import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { userPage } from "@/lib/auth";

// The guard here only spares a visitor the header; every page checks again for itself (lib/auth/guards.ts).
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await userPage();
  return (
    <div className="flex h-dvh flex-col overflow-hidden">
      <AppHeader user={user} />
      <main id="main" className="min-h-0 flex-1">
        {children}
      </main>
    </div>
  );
}
