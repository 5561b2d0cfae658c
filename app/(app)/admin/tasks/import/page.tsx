import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/admin/page-header";
import { TaskImport } from "@/components/admin/task-import";
import { adminPage } from "@/lib/auth";

export async function generateMetadata() {
  return { title: (await getTranslations("admin.import"))("title") };
}

export default async function ImportTasksPage() {
  await adminPage();
  const t = await getTranslations("admin.import");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <TaskImport />
    </>
  );
}
