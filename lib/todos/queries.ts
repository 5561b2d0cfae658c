import { db } from "@/lib/db";
import { AppError } from "@/lib/http";
import type { ActionItem } from "./extract";
import type { TodoPatch } from "./schema";
import type { TodoView } from "./types";

const withSource = {
  deliverable: { select: { id: true, conversationId: true, conversation: { select: { title: true } } } },
  version: { select: { version: true, title: true } },
} as const;

type TodoRow = Awaited<ReturnType<typeof findOwned>>;

function toView(row: NonNullable<TodoRow>): TodoView {
  return {
    id: row.id,
    what: row.what,
    owner: row.owner,
    due: row.due ? row.due.toISOString().slice(0, 10) : null,
    done: row.doneAt !== null,
    edited: row.edited,
    createdAt: row.createdAt.toISOString(),
    source: {
      conversationId: row.deliverable.conversationId,
      conversationTitle: row.deliverable.conversation.title,
      deliverableId: row.deliverable.id,
      title: row.version?.title ?? row.deliverable.conversation.title,
      version: row.version?.version ?? null,
    },
  };
}

function findOwned(userId: string, id: string) {
  return db().todo.findFirst({ where: { id, userId }, include: withSource });
}

/** The user's to-dos: open ones first, by due date (undated last), then done ones, newest first. */
export async function listTodos(userId: string): Promise<TodoView[]> {
  const rows = await db().todo.findMany({
    where: { userId },
    include: withSource,
    orderBy: [{ doneAt: { sort: "desc", nulls: "first" } }, { due: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }, { position: "asc" }],
  });
  return rows.map(toView);
}

/** Changes one of the user's to-dos; someone else's answers as one that does not exist (404). */
export async function updateTodo(userId: string, id: string, patch: TodoPatch): Promise<TodoView> {
  const { done, ...fields } = patch;
  const changed = await db().todo.updateMany({
    where: { id, userId },
    data: {
      ...(done === undefined ? {} : { doneAt: done ? new Date() : null }),
      ...(fields.what !== undefined ? { what: fields.what } : {}),
      ...(fields.owner !== undefined ? { owner: fields.owner || null } : {}),
      ...(fields.due !== undefined ? { due: fields.due ? new Date(`${fields.due}T00:00:00Z`) : null } : {}),
      // the user's own words survive a newer version's extraction
      ...(Object.values(fields).some((v) => v !== undefined) ? { edited: true } : {}),
    },
  });
  if (!changed.count) throw new AppError("not_found:todo");
  return toView((await findOwned(userId, id))!);
}

export async function deleteTodo(userId: string, id: string): Promise<void> {
  const deleted = await db().todo.deleteMany({ where: { id, userId } });
  if (!deleted.count) throw new AppError("not_found:todo");
}

/**
 * The to-dos of a deliverable's newest version: its open to-dos the user never edited are replaced;
 * done and edited ones stay. One transaction, so the list never shows both or neither.
 */
export async function replaceExtractedTodos(input: { userId: string; deliverableId: string; versionId: string; items: ActionItem[] }) {
  await db().$transaction([
    db().todo.deleteMany({ where: { deliverableId: input.deliverableId, doneAt: null, edited: false } }),
    db().todo.createMany({
      data: input.items.map((item, position) => ({
        userId: input.userId,
        deliverableId: input.deliverableId,
        versionId: input.versionId,
        what: item.what,
        owner: item.owner,
        due: item.due ? new Date(`${item.due}T00:00:00Z`) : null,
        position,
      })),
    }),
  ]);
}
