import { TaskForm } from "@/components/admin/task-form";

export const metadata = { title: "New task · Switchboard" };

export default function NewTaskPage() {
  return (
    <>
      <h1 className="text-2xl font-semibold">New task</h1>
      <TaskForm />
    </>
  );
}
