"use client";

import { Copy, ListChecks, MoreHorizontal, Pencil, Power, PowerOff, Search, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { IconButton } from "@/components/ui/icon-button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { toast } from "@/components/ui/toaster";
import { EmptyState } from "./page-header";
import { sendJson } from "./send-json";
import { TaskIcon } from "./task-icon";

export interface TaskRow {
  id: string;
  slug: string;
  /** in the reader's language */
  name: string;
  /** what users are told the task does, in the reader's language */
  description: string;
  /** searched too, never shown here: the edit form shows it */
  routerDescription: string;
  icon: string | null;
  outputKind: "minutes" | "email" | "memo" | "custom";
  enabled: boolean;
}

type Filter = "all" | "enabled" | "disabled";

// one grid for the header and the rows on wide screens; a card per task on a phone
const columns = "md:grid md:grid-cols-[minmax(0,1fr)_9rem_7rem_2.75rem] md:items-center md:gap-4";

/** The registry for admins: search, filter, enable/disable, edit, duplicate, delete. */
export function TaskList({ tasks }: { tasks: TaskRow[] }) {
  const t = useTranslations("admin.tasks");
  const router = useRouter();
  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState<Filter>("all");
  const [deleting, setDeleting] = useState<TaskRow | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const needle = query.trim().toLocaleLowerCase();
  const shown = tasks.filter(
    (task) =>
      (filter === "all" || (filter === "enabled") === task.enabled) &&
      (!needle || [task.name, task.slug, task.description, task.routerDescription].some((text) => text.toLocaleLowerCase().includes(needle))),
  );

  /** One change to a task, with a toast for the outcome; true when it was saved. */
  async function change(task: TaskRow, url: string, init: RequestInit, success: (body: Record<string, unknown>) => string) {
    setPending(task.id);
    try {
      const result = await sendJson(url, init);
      if (!result.ok) {
        toast.error(result.message ?? t("toast.failed", { name: task.name }));
        return false;
      }
      toast.success(success(result.body));
      router.refresh();
      return true;
    } finally {
      setPending(null);
    }
  }

  const setEnabled = (task: TaskRow, enabled: boolean) =>
    change(task, `/api/tasks/${task.id}`, { method: "PATCH", body: JSON.stringify({ enabled }) }, () =>
      t(enabled ? "toast.enabled" : "toast.disabled", { name: task.name }),
    );

  if (tasks.length === 0) {
    return (
      <EmptyState
        icon={<ListChecks />}
        title={t("empty.title")}
        action={
          <Button asChild>
            <Link href="/admin/tasks/new">{t("newTask")}</Link>
          </Button>
        }
      >
        {t("empty.body")}
      </EmptyState>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <search aria-label={t("toolbar")} className="flex flex-col gap-2 sm:flex-row">
        <div className="relative min-w-0 flex-1">
          <Search aria-hidden="true" className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            type="search"
            aria-label={t("search")}
            placeholder={t("searchPlaceholder")}
            className="pl-9"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <Select
          aria-label={t("filter")}
          className="sm:w-44"
          value={filter}
          onValueChange={(value) => setFilter(value as Filter)}
          options={[
            { value: "all", label: t("filterAll") },
            { value: "enabled", label: t("filterEnabled") },
            { value: "disabled", label: t("filterDisabled") },
          ]}
        />
      </search>

      <p className="sr-only" role="status">
        {t("shown", { shown: shown.length, total: tasks.length })}
      </p>

      {shown.length === 0 ? (
        <EmptyState icon={<Search />} title={t("noMatch.title")}>
          {t("noMatch.body")}
        </EmptyState>
      ) : (
        <div className="md:rounded-xl md:border md:border-border">
          <div aria-hidden="true" className={`hidden border-b border-border px-4 py-2 text-xs font-medium text-muted-foreground ${columns}`}>
            <span>{t("column.task")}</span>
            <span>{t("column.output")}</span>
            <span>{t("column.enabled")}</span>
            <span />
          </div>
          <ul aria-label={t("listLabel")} className="flex flex-col gap-3 md:gap-0">
            {shown.map((task) => (
              <li
                key={task.id}
                data-testid="task-row"
                className={`flex flex-col gap-3 rounded-xl border border-border p-4 md:rounded-none md:border-x-0 md:border-t-0 md:px-4 md:py-3 md:last:border-b-0 ${columns}`}
              >
                <div className="flex min-w-0 items-start gap-3">
                  <TaskIcon icon={task.icon} />
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-baseline gap-x-2">
                      <Link href={`/admin/tasks/${task.id}`} className="font-medium hover:underline">
                        {task.name}
                      </Link>
                      <span className="font-mono text-xs text-muted-foreground">/{task.slug}</span>
                    </p>
                    <p className="mt-0.5 line-clamp-2 text-sm text-muted-foreground">{task.description || t("noDescription")}</p>
                  </div>
                </div>
                <div className="flex items-center justify-between gap-3 md:contents">
                  <Badge tone="outline" className="w-fit">
                    {t(`kind.${task.outputKind}`)}
                  </Badge>
                  <div className="flex items-center gap-2 md:contents">
                    <label className="flex min-h-11 items-center gap-2 text-sm pointer-fine:min-h-9">
                      <Switch
                        checked={task.enabled}
                        disabled={pending === task.id}
                        aria-label={t("enabledFor", { name: task.name })}
                        onCheckedChange={(checked) => void setEnabled(task, checked)}
                      />
                      <span aria-hidden="true" className="text-muted-foreground md:sr-only">
                        {task.enabled ? t("on") : t("off")}
                      </span>
                    </label>
                    <DropdownMenu>
                      <DropdownMenuTrigger asChild>
                        <IconButton label={t("actionsFor", { name: task.name })} tooltipSide="left">
                          <MoreHorizontal />
                        </IconButton>
                      </DropdownMenuTrigger>
                      <DropdownMenuContent align="end">
                        <DropdownMenuItem asChild>
                          <Link href={`/admin/tasks/${task.id}`}>
                            <Pencil aria-hidden="true" />
                            {t("edit")}
                          </Link>
                        </DropdownMenuItem>
                        <DropdownMenuItem
                          onSelect={() =>
                            void change(task, `/api/tasks/${task.id}/duplicate`, { method: "POST" }, () => t("toast.duplicated", { name: task.name }))
                          }
                        >
                          <Copy aria-hidden="true" />
                          {t("duplicate")}
                        </DropdownMenuItem>
                        <DropdownMenuItem onSelect={() => void setEnabled(task, !task.enabled)}>
                          {task.enabled ? <PowerOff aria-hidden="true" /> : <Power aria-hidden="true" />}
                          {task.enabled ? t("disable") : t("enable")}
                        </DropdownMenuItem>
                        <DropdownMenuSeparator />
                        <DropdownMenuItem className="text-destructive" onSelect={() => setDeleting(task)}>
                          <Trash2 aria-hidden="true" />
                          {t("delete")}
                        </DropdownMenuItem>
                      </DropdownMenuContent>
                    </DropdownMenu>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}

      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t("deleteDialog.title", { name: deleting?.name ?? "" })}
        description={t("deleteDialog.body")}
        confirmLabel={t("deleteDialog.confirm")}
        cancelLabel={t("deleteDialog.cancel")}
        onConfirm={async () => {
          if (!deleting) return true;
          const task = deleting;
          return change(task, `/api/tasks/${task.id}`, { method: "DELETE" }, (body) =>
            t(body.kept ? "toast.deletedKept" : "toast.deleted", { name: task.name }),
          );
        }}
      />
    </div>
  );
}
