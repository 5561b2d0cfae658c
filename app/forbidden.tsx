import Link from "next/link";

export const metadata = { title: "Not allowed · Switchboard" };

/** Shown with status 403 when a signed-in user opens a page that needs another role (see adminPage). */
export default function Forbidden() {
  return (
    <div className="flex h-full min-h-[60dvh] items-center justify-center px-4 py-10">
      <div className="w-full max-w-md text-center">
        <p className="text-sm font-semibold tracking-wide text-indigo-600">403</p>
        <h1 className="mt-2 text-2xl font-semibold">This page is for administrators</h1>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          Your account can chat and write deliverables, but task settings, learnings and insight are managed by your administrators.
        </p>
        <Link href="/" className="mt-6 inline-flex min-h-11 items-center rounded-lg bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-500">
          Back to chat
        </Link>
      </div>
    </div>
  );
}
