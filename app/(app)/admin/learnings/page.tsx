import { LearningList } from "@/components/admin/learning-list";
import { adminPage } from "@/lib/auth";
import { learningFilterSchema, listLearnings } from "@/lib/learnings";

export const dynamic = "force-dynamic";
export const metadata = { title: "Learnings · Switchboard" };

export default async function LearningsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await adminPage();
  const filter = learningFilterSchema.safeParse(await searchParams);
  const learnings = await listLearnings(filter.success ? filter.data : {});
  return (
    <>
      <h1 className="text-2xl font-semibold">Learnings</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Made from users&apos; feedback. The most relevant active ones are shown to the model as examples on later turns.
      </p>
      <form className="flex flex-wrap gap-2 text-sm" aria-label="Filter learnings">
        <select name="scope" defaultValue={filter.data?.scope ?? ""} aria-label="Scope" className="min-h-11 rounded-lg border border-zinc-300 bg-transparent px-2 text-base dark:border-zinc-700">
          <option value="">Router and tasks</option>
          <option value="router">Router</option>
          <option value="task">Tasks</option>
        </select>
        <select name="status" defaultValue={filter.data?.status ?? ""} aria-label="Status" className="min-h-11 rounded-lg border border-zinc-300 bg-transparent px-2 text-base dark:border-zinc-700">
          <option value="">Active and disabled</option>
          <option value="active">Active</option>
          <option value="disabled">Disabled</option>
        </select>
        <button className="min-h-11 rounded-lg border border-zinc-300 px-3 dark:border-zinc-700">Filter</button>
      </form>
      <LearningList learnings={learnings} />
    </>
  );
}
