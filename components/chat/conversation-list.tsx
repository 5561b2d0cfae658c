"use client";

import { Loader2, MoreHorizontal, Pencil, Search, SquarePen, Trash2 } from "lucide-react";
import Link, { useLinkStatus } from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { IconButton } from "@/components/ui/icon-button";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import type { ConversationSummary } from "@/lib/chat/types";
import { useTaskName } from "./chat-tasks";

/** A conversation held in Slack or Telegram (issue 17), named for screen readers as well. */
function ChannelMark({ channel }: { channel: "slack" | "telegram" }) {
  const names = useTranslations("channels.names");
  return (
    <span className="shrink-0 rounded border border-border px-1 text-[10px] font-medium uppercase text-muted-foreground" data-channel={channel}>
      {names(channel)}
    </span>
  );
}

interface Props {
  conversations: ConversationSummary[];
  activeId: string | null;
  onChanged(conversations: ConversationSummary[]): void;
  onNavigate?(): void;
}

/**
 * Shown in the row of the conversation being opened until the server has rendered it. A route-level
 * loading.tsx would do the same but starts the response before the page runs, so a conversation that
 * is not the reader's would answer 200 instead of 404.
 */
function OpeningIndicator() {
  const { pending } = useLinkStatus();
  const t = useTranslations("chat.screen");
  if (!pending) return null;
  return (
    <span role="status" className="shrink-0 text-muted-foreground">
      <Loader2 aria-hidden="true" className="size-3.5 animate-spin" />
      <span className="sr-only">{t("opening")}</span>
    </span>
  );
}

/** The user's conversations: new, search by title, and rename or delete each from its menu. */
export function ConversationList({ conversations, activeId, onChanged, onNavigate }: Props) {
  const t = useTranslations("chat.list");
  const format = useFormatter();
  const taskName = useTaskName();
  const [query, setQuery] = useState("");
  const [renaming, setRenaming] = useState<{ id: string; title: string } | null>(null);
  const [deleting, setDeleting] = useState<ConversationSummary | null>(null);
  const renameNext = useRef<string | null>(null);
  const needle = query.trim().toLocaleLowerCase();
  const shown = needle ? conversations.filter((c) => c.title.toLocaleLowerCase().includes(needle)) : conversations;

  function when(iso: string) {
    const date = new Date(iso);
    const today = new Date().toDateString() === date.toDateString();
    return format.dateTime(date, today ? { hour: "numeric", minute: "2-digit" } : { day: "numeric", month: "short" });
  }

  async function rename(id: string, title: string) {
    const current = conversations.find((c) => c.id === id);
    if (!title.trim() || title.trim() === current?.title) return setRenaming(null);
    const response = await fetch(`/api/conversations/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: title.trim() }),
    }).catch(() => null);
    if (!response?.ok) {
      const body = await response?.json().catch(() => null);
      toast.error(body?.fields?.title?.[0] ?? body?.message ?? t("renameFailed"));
      return;
    }
    const { conversation } = await response.json();
    onChanged(conversations.map((c) => (c.id === id ? conversation : c)));
    setRenaming(null);
    toast.success(t("renamed"));
  }

  async function remove(conversation: ConversationSummary): Promise<boolean> {
    const response = await fetch(`/api/conversations/${conversation.id}`, { method: "DELETE" }).catch(() => null);
    if (!response?.ok) {
      toast.error((await response?.json().catch(() => null))?.message ?? t("deleteFailed"));
      return false;
    }
    onChanged(conversations.filter((c) => c.id !== conversation.id));
    toast.success(t("deleted"));
    if (conversation.id === activeId) window.location.assign("/");
    return true;
  }

  return (
    <nav aria-label={t("label")} className="flex h-full min-h-0 flex-col">
      <div className="flex flex-col gap-2 p-3">
        <Button asChild>
          <Link href="/" onClick={onNavigate}>
            <SquarePen aria-hidden="true" />
            {t("new")}
          </Link>
        </Button>
        <div className="relative">
          <Search aria-hidden="true" className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            type="search"
            aria-label={t("search")}
            placeholder={t("searchPlaceholder")}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="pl-9"
          />
        </div>
      </div>
      <ul className="flex min-h-0 flex-1 flex-col gap-0.5 overflow-y-auto px-2 pb-3" aria-label={t("items")}>
        {shown.length === 0 && <li className="px-2 py-4 text-sm text-muted-foreground">{conversations.length ? t("noMatch") : t("none")}</li>}
        {shown.map((c) => (
          <li key={c.id} className={cn("flex items-center gap-1 rounded-lg hover:bg-muted", c.id === activeId && "bg-muted")}>
            {renaming?.id === c.id ? (
              <form
                className="flex-1 p-1"
                onSubmit={(e) => {
                  e.preventDefault();
                  void rename(c.id, renaming.title);
                }}
              >
                <Input
                  autoFocus
                  onFocus={(e) => e.currentTarget.select()}
                  aria-label={t("newTitle")}
                  value={renaming.title}
                  maxLength={200}
                  onChange={(e) => setRenaming({ id: c.id, title: e.target.value })}
                  onKeyDown={(e) => e.key === "Escape" && setRenaming(null)}
                  onBlur={() => void rename(c.id, renaming.title)}
                />
              </form>
            ) : (
              <>
                <Link
                  href={`/c/${c.id}`}
                  onClick={onNavigate}
                  aria-current={c.id === activeId ? "page" : undefined}
                  className="flex min-h-11 min-w-0 flex-1 flex-col justify-center rounded-lg px-2.5 py-1.5"
                >
                  <span className="flex min-w-0 items-center gap-1.5">
                    <span className="truncate text-sm font-medium">{c.title}</span>
                    {c.channel !== "web" && <ChannelMark channel={c.channel} />}
                    <OpeningIndicator />
                  </span>
                  <span className="flex min-w-0 items-center gap-1 text-xs text-muted-foreground">
                    {c.currentTask && (
                      <span className="truncate">
                        {c.currentTask.icon && <span aria-hidden="true">{c.currentTask.icon} </span>}
                        {taskName(c.currentTask)} ·
                      </span>
                    )}
                    <time dateTime={c.updatedAt} className="shrink-0">
                      {when(c.updatedAt)}
                    </time>
                  </span>
                </Link>
                <DropdownMenu>
                  <DropdownMenuTrigger asChild>
                    <IconButton label={t("actions", { title: c.title })} tooltipSide="right" className="text-muted-foreground">
                      <MoreHorizontal />
                    </IconButton>
                  </DropdownMenuTrigger>
                  <DropdownMenuContent
                    align="end"
                    className="min-w-40"
                    // the title field replaces this row's link and menu: open it once the menu has closed
                    onCloseAutoFocus={(event) => {
                      if (renameNext.current !== c.id) return;
                      event.preventDefault();
                      renameNext.current = null;
                      setRenaming({ id: c.id, title: c.title });
                    }}
                  >
                    <DropdownMenuItem onSelect={() => (renameNext.current = c.id)}>
                      <Pencil aria-hidden="true" />
                      {t("rename")}
                    </DropdownMenuItem>
                    <DropdownMenuItem className="text-destructive" onSelect={() => setDeleting(c)}>
                      <Trash2 aria-hidden="true" />
                      {t("delete")}
                    </DropdownMenuItem>
                  </DropdownMenuContent>
                </DropdownMenu>
              </>
            )}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t("deleteTitle")}
        description={t("deleteBody", { title: deleting?.title ?? "" })}
        confirmLabel={t("deleteConfirm")}
        cancelLabel={t("cancel")}
        onConfirm={() => (deleting ? remove(deleting) : true)}
      />
    </nav>
  );
}
