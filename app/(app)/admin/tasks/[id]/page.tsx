import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/admin/page-header";
import { TaskForm } from "@/components/admin/task-form";
import { adminPage } from "@/lib/auth";
import { AppError } from "@/lib/http";
import { followUpTargets, getTask, toTaskInput } from "@/lib/tasks";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("admin.taskForm"))("editTitleShort") };
}

export default async function EditTaskPage({ params }: { params: Promise<{ id: string }> }) {
  await adminPage();
  const { id } = await params;
  const task = await getTask(id).catch((error) => {
    if (error instanceof AppError && error.type === "not_found") notFound();
    throw error;
  });
  const t = await getTranslations("admin.taskForm");
  return (
    <>
      <PageHeader title={t("editTitle", { name: task.name })} description={t("editDescription")} />
      <TaskForm tasks={await followUpTargets()} task={{ id: task.id, ...toTaskInput(task) }} />
    </>
  );
}
