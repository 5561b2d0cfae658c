interface TaskSummary {
  slug: string;
  name: string;
  icon: string | null;
  routerDescription: string;
}

/** The first screen of a conversation: what the assistant can do, with no menu to pick from. */
export function EmptyChat({ tasks }: { tasks: TaskSummary[] }) {
  return (
    <section aria-labelledby="empty-chat-title" className="mx-auto flex max-w-2xl flex-col gap-4 py-8">
      <h1 id="empty-chat-title" className="text-2xl font-semibold">What are you working on?</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        Just describe it — for example “I just left the meeting with ACME, we agreed on a pilot in March”. Switchboard
        works out which task fits and asks for anything missing.
      </p>
      {tasks.length ? (
        <ul className="grid gap-3 sm:grid-cols-2" aria-label="Tasks the assistant can do">
          {tasks.map((task) => (
            <li key={task.slug} className="rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
              <p className="font-medium">
                <span aria-hidden="true">{task.icon}</span> {task.name}
              </p>
              <p className="mt-1 line-clamp-3 text-sm text-zinc-600 dark:text-zinc-400">{task.routerDescription}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="rounded-xl border border-dashed border-zinc-300 p-4 text-sm text-zinc-600 dark:border-zinc-700">
          No tasks are enabled yet. The assistant will answer as a general assistant until an administrator adds one.
        </p>
      )}
    </section>
  );
}
