import type { ReactNode } from "react";
import { AppHeader } from "@/components/ui/app-header";
import { requirePageUser } from "@/lib/auth";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader user={user} />
      <main className="flex-1 px-4">{children}</main>
    </div>
  );
}
