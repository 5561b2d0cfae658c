import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm rounded-2xl border border-zinc-200 p-6 shadow-sm dark:border-zinc-800">
        <p className="mb-1 text-sm font-semibold tracking-wide text-indigo-600">Switchboard</p>
        {children}
      </div>
    </main>
  );
}
