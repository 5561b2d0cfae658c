import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import type { PublicUser } from "@/lib/auth";

export function AppHeader({ user }: { user: PublicUser }) {
  return (
    <header className="flex items-center justify-between gap-2 border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
      <nav aria-label="Main" className="flex items-center gap-3">
        <Link href="/" className="font-semibold text-indigo-600">Switchboard</Link>
        {user.role === "ADMIN" && (
          <Link href="/admin/tasks" className="inline-flex min-h-11 items-center text-sm text-zinc-600 hover:underline dark:text-zinc-400">
            Admin
          </Link>
        )}
      </nav>
      <div className="flex min-w-0 items-center gap-2 text-sm">
        <span className="hidden truncate text-zinc-600 sm:inline dark:text-zinc-400" data-testid="current-user">
          {user.name ?? user.email}
        </span>
        {user.role === "ADMIN" && (
          <span className="rounded bg-indigo-100 px-1.5 py-0.5 text-xs font-medium text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
            admin
          </span>
        )}
        <SignOutButton />
      </div>
    </header>
  );
}
