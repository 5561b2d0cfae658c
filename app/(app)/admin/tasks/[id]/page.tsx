import { notFound } from "next/navigation";
import { TaskForm } from "@/components/admin/task-form";
import { adminPage } from "@/lib/auth";
import { AppError } from "@/lib/http";
import { getTask, toTaskInput } from "@/lib/tasks";

export const dynamic = "force-dynamic";

export default async function EditTaskPage({ params }: { params: Promise<{ id: string }> }) {
  await adminPage();
  const { id } = await params;
  const task = await getTask(id).catch((error) => {
    if (error instanceof AppError && error.type === "not_found") notFound();
    throw error;
  });
  return (
    <>
      <h1 className="text-2xl font-semibold">Edit “{task.name}”</h1>
      <TaskForm task={{ id: task.id, ...toTaskInput(task) }} />
    </>
  );
}
