import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/admin/page-header";
import { TaskForm } from "@/components/admin/task-form";
import { adminPage } from "@/lib/auth";
import { followUpTargets } from "@/lib/tasks";

export async function generateMetadata() {
  return { title: (await getTranslations("admin.taskForm"))("newTitle") };
}

export default async function NewTaskPage() {
  await adminPage();
  const t = await getTranslations("admin.taskForm");
  return (
    <>
      <PageHeader title={t("newTitle")} description={t("newDescription")} />
      <TaskForm tasks={await followUpTargets()} />
    </>
  );
}
