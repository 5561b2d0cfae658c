"use client";

import { CalendarClock, ListTodo, MoreHorizontal, Pencil, Trash2, UserRound } from "lucide-react";
import Link from "next/link";
import { useFormatter, useNow, useTimeZone, useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { EmptyState } from "@/components/admin/page-header";
import { sendJson } from "@/components/admin/send-json";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Field } from "@/components/ui/field";
import { IconButton } from "@/components/ui/icon-button";
import { toast } from "@/components/ui/toaster";
import type { TodoView } from "@/lib/todos/types";

type Draft = { what: string; owner: string; due: string };

/** Today in the reader's time zone, YYYY-MM-DD (the form due dates are compared in). */
function localDay(now: Date, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The user's to-dos, open ones first: done/undo, edit and delete, each linked to where it came from. */
export function TodoList({ initial }: { initial: TodoView[] }) {
  const t = useTranslations("todos");
  const [todos, setTodos] = useState(initial);
  const [editing, setEditing] = useState<TodoView | null>(null);
  const [deleting, setDeleting] = useState<TodoView | null>(null);
  const [draft, setDraft] = useState<Draft>({ what: "", owner: "", due: "" });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [saving, setSaving] = useState(false);
  const today = localDay(useNow(), useTimeZone());

  const replace = (todo: TodoView) => setTodos((list) => list.map((item) => (item.id === todo.id ? todo : item)));

  async function patch(id: string, body: Record<string, unknown>): Promise<TodoView | null> {
    const result = await sendJson(`/api/todos/${id}`, { method: "PATCH", body: JSON.stringify(body) });
    if (!result.ok) {
      setErrors(result.fields);
      toast.error(result.message ?? t("failed"));
      return null;
    }
    const todo = result.body.todo as TodoView;
    replace(todo);
    return todo;
  }

  async function toggle(todo: TodoView) {
    const done = !todo.done;
    if (!(await patch(todo.id, { done }))) return;
    toast.success(done ? t("markedDone") : t("markedOpen"), { action: { label: t("undo"), onClick: () => void patch(todo.id, { done: !done }) } });
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!editing) return;
    setSaving(true);
    try {
      const saved = await patch(editing.id, { what: draft.what, owner: draft.owner.trim() || null, due: draft.due || null });
      if (saved) {
        setEditing(null);
        toast.success(t("saved"));
      }
    } finally {
      setSaving(false);
    }
  }

  async function remove(todo: TodoView): Promise<boolean> {
    const result = await sendJson(`/api/todos/${todo.id}`, { method: "DELETE" });
    // a 204 has no JSON body: sendJson still says ok
    if (!result.ok) {
      toast.error(result.message ?? t("failed"));
      return false;
    }
    setTodos((list) => list.filter((item) => item.id !== todo.id));
    toast.success(t("deleted"));
    return true;
  }

  if (todos.length === 0) {
    return (
      <EmptyState icon={<ListTodo />} title={t("emptyTitle")}>
        {t("emptyBody")}
      </EmptyState>
    );
  }
  const open = todos.filter((todo) => !todo.done);
  const done = todos.filter((todo) => todo.done);
  const item = (todo: TodoView) => (
    <TodoItem
      key={todo.id}
      todo={todo}
      today={today}
      onToggle={() => void toggle(todo)}
      onEdit={() => {
        setErrors({});
        setDraft({ what: todo.what, owner: todo.owner ?? "", due: todo.due ?? "" });
        setEditing(todo);
      }}
      onDelete={() => setDeleting(todo)}
    />
  );

  return (
    <>
      <section aria-labelledby="todos-open" className="flex flex-col gap-2">
        <h2 id="todos-open" className="flex items-baseline justify-between text-sm font-semibold">
          {t("open")}
          <span className="text-xs font-normal text-muted-foreground">{t("openCount", { count: open.length })}</span>
        </h2>
        {open.length > 0 && (
          <ul className="flex flex-col gap-2" data-testid="todos-open">
            {open.map(item)}
          </ul>
        )}
      </section>
      {done.length > 0 && (
        <section aria-labelledby="todos-done" className="flex flex-col gap-2">
          <h2 id="todos-done" className="text-sm font-semibold">
            {t("doneHeading")}
          </h2>
          <ul className="flex flex-col gap-2" data-testid="todos-done">
            {done.map(item)}
          </ul>
        </section>
      )}

      <Dialog open={editing !== null} onOpenChange={(next) => !next && setEditing(null)}>
        <DialogContent title={t("editTitle")} description={t("editDescription")} closeLabel={t("cancel")}>
          <form onSubmit={(event) => void save(event)} className="flex flex-col gap-4 overflow-y-auto px-4 pb-4 pt-3">
            <Field
              label={t("what")}
              name="what"
              value={draft.what}
              required
              maxLength={500}
              error={errors.what?.[0]}
              onChange={(e) => setDraft({ ...draft, what: e.target.value })}
            />
            <Field
              label={t("owner")}
              name="owner"
              value={draft.owner}
              maxLength={120}
              hint={t("ownerHint")}
              error={errors.owner?.[0]}
              onChange={(e) => setDraft({ ...draft, owner: e.target.value })}
            />
            <Field
              label={t("due")}
              name="due"
              type="date"
              value={draft.due}
              error={errors.due?.[0]}
              onChange={(e) => setDraft({ ...draft, due: e.target.value })}
            />
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Button type="button" variant="secondary" onClick={() => setEditing(null)}>
                {t("cancel")}
              </Button>
              <Button type="submit" disabled={saving}>
                {saving ? t("saving") : t("save")}
              </Button>
            </div>
          </form>
        </DialogContent>
      </Dialog>

      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(next) => !next && setDeleting(null)}
        title={t("deleteTitle")}
        description={t("deleteBody", { what: deleting?.what ?? "" })}
        confirmLabel={t("delete")}
        cancelLabel={t("cancel")}
        onConfirm={() => (deleting ? remove(deleting) : true)}
      />
    </>
  );
}

function TodoItem({ todo, today, onToggle, onEdit, onDelete }: { todo: TodoView; today: string; onToggle(): void; onEdit(): void; onDelete(): void }) {
  const t = useTranslations("todos");
  const format = useFormatter();
  const overdue = !todo.done && todo.due !== null && todo.due < today;
  const dueToday = !todo.done && todo.due === today;
  // a due date is a calendar day: formatted as that day wherever the reader is
  const dueText = todo.due && format.dateTime(new Date(`${todo.due}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <li
      data-testid="todo"
      data-state={overdue ? "overdue" : dueToday ? "due-today" : todo.done ? "done" : "open"}
      className={cn(
        "flex items-start gap-2 rounded-xl border border-border bg-surface p-2 pr-1",
        overdue && "border-danger-text/40 bg-danger-surface/40",
        dueToday && "border-warning-border bg-warning-surface/40",
      )}
    >
      <label className="flex size-11 shrink-0 cursor-pointer items-center justify-center">
        <input
          type="checkbox"
          checked={todo.done}
          onChange={onToggle}
          aria-label={todo.done ? t("markOpen", { what: todo.what }) : t("markDone", { what: todo.what })}
          className="size-5 cursor-pointer accent-primary"
        />
      </label>
      <div className="min-w-0 flex-1 py-2">
        <p className={cn("break-words text-sm", todo.done && "text-muted-foreground line-through")} data-testid="todo-what">
          {todo.what}
        </p>
        <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1.5 text-xs text-muted-foreground">
          {todo.due && (
            <Badge tone={overdue ? "danger" : dueToday ? "warning" : "outline"} data-testid="todo-due">
              <CalendarClock aria-hidden="true" />
              {overdue ? `${t("overdue")} · ${dueText}` : dueToday ? t("dueToday") : t("dueOn", { date: dueText as string })}
            </Badge>
          )}
          {todo.owner && (
            <span className="inline-flex items-center gap-1" data-testid="todo-owner">
              <UserRound aria-hidden="true" className="size-3" />
              {todo.owner}
            </span>
          )}
          {todo.edited && <span>{t("edited")}</span>}
          <Link href={`/c/${todo.source.conversationId}`} className="min-w-0 truncate underline-offset-2 hover:text-foreground hover:underline">
            {t("from", { title: todo.source.title })}
          </Link>
        </div>
      </div>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <IconButton label={t("actions", { what: todo.what })} tooltipSide="left">
            <MoreHorizontal />
          </IconButton>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={onEdit}>
            <Pencil aria-hidden="true" />
            {t("edit")}
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem className="text-destructive" onSelect={onDelete}>
            <Trash2 aria-hidden="true" />
            {t("delete")}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </li>
  );
}
