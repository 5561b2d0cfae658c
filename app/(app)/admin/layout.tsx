import Link from "next/link";
import type { ReactNode } from "react";
import { adminPage } from "@/lib/auth";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await adminPage();
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto flex max-w-6xl flex-col gap-4 p-4">
        <nav aria-label="Administration" className="flex gap-4 text-sm">
          <Link href="/admin/tasks" className="font-medium text-indigo-600 underline">Tasks</Link>
          <Link href="/admin/insight" className="font-medium text-indigo-600 underline">Insight</Link>
          <Link href="/admin/learnings" className="font-medium text-indigo-600 underline">Learnings</Link>
          <Link href="/" className="text-zinc-600 dark:text-zinc-400">Back to chat</Link>
        </nav>
        {children}
      </div>
    </div>
  );
}
