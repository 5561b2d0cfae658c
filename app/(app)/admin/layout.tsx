import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { AdminNav } from "@/components/layout/admin-nav";
import { adminPage } from "@/lib/auth";

// A convenience for the user (a non-admin sees the forbidden page at once); each admin page checks again itself.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await adminPage();
  return (
    // every catalog, the admin one included (the root layout leaves it out)
    <NextIntlClientProvider messages={await getMessages()}>
      <div className="h-full overflow-y-auto">
        <div className="mx-auto flex max-w-6xl flex-col gap-5 px-4 pb-10 pt-4 sm:px-6">
          <AdminNav />
          {children}
        </div>
      </div>
    </NextIntlClientProvider>
  );
}
