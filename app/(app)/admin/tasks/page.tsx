import { TaskList } from "@/components/admin/task-list";
import { adminPage } from "@/lib/auth";
import { listTasks } from "@/lib/tasks";

export const dynamic = "force-dynamic";
export const metadata = { title: "Tasks · Switchboard" };

export default async function AdminTasksPage() {
  await adminPage();
  const tasks = await listTasks();
  return (
    <>
      <h1 className="text-2xl font-semibold">Tasks</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        The router chooses among the enabled tasks on every turn; changes apply to the next message, on every app instance.
      </p>
      <TaskList tasks={tasks.map(({ id, slug, name, icon, outputKind, enabled, routerDescription }) => ({ id, slug, name, icon, outputKind, enabled, routerDescription }))} />
    </>
  );
}
