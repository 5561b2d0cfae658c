import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/admin/page-header";
import { TodoList } from "@/components/todos/todo-list";
import { userPage } from "@/lib/auth";
import { listTodos } from "@/lib/todos";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("todos"))("title") };
}

export default async function TodosPage() {
  const user = await userPage();
  const [todos, t] = await Promise.all([listTodos(user.id), getTranslations("todos")]);
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto flex max-w-3xl flex-col gap-5 px-4 pb-10 pt-4 sm:px-6">
        <PageHeader title={t("title")} description={t("description")} />
        <TodoList initial={todos} />
      </div>
    </div>
  );
}
