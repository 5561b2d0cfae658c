import { getLocale, getTranslations } from "next-intl/server";
import { LearningFilters, LearningList } from "@/components/admin/learning-list";
import { PageHeader } from "@/components/admin/page-header";
import { adminPage } from "@/lib/auth";
import { learningFilterSchema, listLearnings } from "@/lib/learnings";
import { localizeTask } from "@/lib/tasks";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("admin.learnings"))("title") };
}

export default async function LearningsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await adminPage();
  const parsed = learningFilterSchema.safeParse(await searchParams);
  const filter = parsed.success ? parsed.data : {};
  const [learnings, t, locale] = await Promise.all([listLearnings(filter), getTranslations("admin.learnings"), getLocale()]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <LearningFilters filter={filter} />
      <LearningList
        filtered={Boolean(filter.scope || filter.status)}
        learnings={learnings.map((l) => ({
          id: l.id,
          scope: l.scope,
          kind: l.kind,
          status: l.status,
          inputExcerpt: l.inputExcerpt,
          expectedOutput: l.expectedOutput,
          createdAt: l.createdAt,
          task: l.task ? { slug: l.task.slug, ...localizeTask(l.task, locale) } : null,
          feedback: l.feedback ? { rating: l.feedback.rating, comment: l.feedback.comment, user: l.feedback.user } : null,
          deliverableId: l.deliverableId,
        }))}
      />
    </>
  );
}
