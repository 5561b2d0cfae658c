import { Download, Plus, Upload } from "lucide-react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/admin/page-header";
import { TaskList } from "@/components/admin/task-list";
import { Button } from "@/components/ui/button";
import { adminPage } from "@/lib/auth";
import { listTasks, localizeTask } from "@/lib/tasks";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("admin.tasks"))("title") };
}

export default async function AdminTasksPage() {
  await adminPage();
  const [tasks, t, locale] = await Promise.all([listTasks(), getTranslations("admin.tasks"), getLocale()]);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <Button variant="secondary" asChild>
              <a href="/api/tasks/export" download>
                <Download aria-hidden="true" />
                {t("export")}
              </a>
            </Button>
            <Button variant="secondary" asChild>
              <Link href="/admin/tasks/import">
                <Upload aria-hidden="true" />
                {t("import")}
              </Link>
            </Button>
            <Button asChild>
              <Link href="/admin/tasks/new">
                <Plus aria-hidden="true" />
                {t("newTask")}
              </Link>
            </Button>
          </>
        }
      />
      <TaskList
        tasks={tasks.map((task) => ({
          id: task.id,
          slug: task.slug,
          ...localizeTask(task, locale),
          routerDescription: task.routerDescription,
          icon: task.icon,
          outputKind: task.outputKind,
          enabled: task.enabled,
        }))}
      />
    </>
  );
}
