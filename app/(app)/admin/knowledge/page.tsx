import { getLocale, getTranslations } from "next-intl/server";
import { KnowledgeList, KnowledgeUpload } from "@/components/admin/knowledge-manager";
import { PageHeader } from "@/components/admin/page-header";
import { adminPage } from "@/lib/auth";
import { listDocuments } from "@/lib/knowledge";
import { listTasks, localizeTask } from "@/lib/tasks";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("admin.knowledge"))("title") };
}

export default async function KnowledgePage() {
  await adminPage();
  const [documents, tasks, t, locale] = await Promise.all([listDocuments(), listTasks(), getTranslations("admin.knowledge"), getLocale()]);
  const names = new Map(tasks.map((task) => [task.id, localizeTask(task, locale).name]));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)] lg:items-start">
        <KnowledgeUpload tasks={tasks.map((task) => ({ id: task.id, name: names.get(task.id) ?? task.name }))} />
        <KnowledgeList
          documents={documents.map((d) => ({
            ...d,
            tasks: d.tasks.map((task) => ({ id: task.id, name: names.get(task.id) ?? task.name })),
            updatedAt: d.updatedAt.toISOString(),
          }))}
        />
      </div>
    </>
  );
}
