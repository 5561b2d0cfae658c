import { TaskForm } from "@/components/admin/task-form";
import { adminPage } from "@/lib/auth";

export const metadata = { title: "New task · Switchboard" };

export default async function NewTaskPage() {
  await adminPage();
  return (
    <>
      <h1 className="text-2xl font-semibold">New task</h1>
      <TaskForm />
    </>
  );
}
