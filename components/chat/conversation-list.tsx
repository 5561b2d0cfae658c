"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ConversationSummary } from "@/lib/chat/types";

interface Props {
  conversations: ConversationSummary[];
  activeId: string | null;
  onChanged(conversations: ConversationSummary[]): void;
  onNavigate?(): void;
}

/** The user's conversations: new, search by title, rename and delete. */
export function ConversationList({ conversations, activeId, onChanged, onNavigate }: Props) {
  const [query, setQuery] = useState("");
  const [renaming, setRenaming] = useState<{ id: string; title: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const needle = query.trim().toLowerCase();
  const shown = needle ? conversations.filter((c) => c.title.toLowerCase().includes(needle)) : conversations;

  async function rename(id: string, title: string) {
    setError(null);
    const response = await fetch(`/api/conversations/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title }),
    }).catch(() => null);
    if (!response?.ok) {
      setError((await response?.json().catch(() => null))?.fields?.title?.[0] ?? "Could not rename the conversation.");
      return;
    }
    const { conversation } = await response.json();
    onChanged(conversations.map((c) => (c.id === id ? conversation : c)));
    setRenaming(null);
  }

  async function remove(conversation: ConversationSummary) {
    if (!window.confirm(`Delete “${conversation.title}” and its deliverables? This cannot be undone.`)) return;
    setError(null);
    const response = await fetch(`/api/conversations/${conversation.id}`, { method: "DELETE" }).catch(() => null);
    if (!response?.ok) {
      setError("Could not delete the conversation.");
      return;
    }
    onChanged(conversations.filter((c) => c.id !== conversation.id));
    if (conversation.id === activeId) window.location.assign("/");
  }

  return (
    <nav aria-label="Conversations" className="flex h-full min-h-0 flex-col gap-2 p-3">
      <Link
        href="/"
        onClick={onNavigate}
        className="inline-flex min-h-11 items-center justify-center rounded-lg bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-500"
      >
        New conversation
      </Link>
      <input
        type="search"
        aria-label="Search conversations"
        placeholder="Search by title"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        className="min-h-11 rounded-lg border border-zinc-300 bg-transparent px-3 text-base dark:border-zinc-700"
      />
      {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
      <ul className="min-h-0 flex-1 overflow-y-auto" aria-label="Conversation list">
        {shown.length === 0 && (
          <li className="px-2 py-4 text-sm text-zinc-500">{conversations.length ? "No conversation matches." : "No conversations yet."}</li>
        )}
        {shown.map((c) => (
          <li key={c.id} className={`group flex items-center gap-1 rounded-lg ${c.id === activeId ? "bg-zinc-100 dark:bg-zinc-800" : ""}`}>
            {renaming?.id === c.id ? (
              <form
                className="flex flex-1 items-center gap-1 p-1"
                onSubmit={(e) => {
                  e.preventDefault();
                  void rename(c.id, renaming.title);
                }}
              >
                <input
                  autoFocus
                  aria-label="New title"
                  className="min-h-11 min-w-0 flex-1 rounded-md border border-zinc-300 bg-transparent px-2 text-base dark:border-zinc-700"
                  value={renaming.title}
                  onChange={(e) => setRenaming({ id: c.id, title: e.target.value })}
                  onKeyDown={(e) => e.key === "Escape" && setRenaming(null)}
                />
                <Button type="submit" variant="ghost">Save</Button>
              </form>
            ) : (
              <>
                <Link
                  href={`/c/${c.id}`}
                  onClick={onNavigate}
                  aria-current={c.id === activeId ? "page" : undefined}
                  className="flex min-h-11 min-w-0 flex-1 flex-col justify-center px-2 py-1"
                >
                  <span className="truncate text-sm">{c.title}</span>
                  {c.currentTask && <span className="truncate text-xs text-zinc-500">{c.currentTask.icon} {c.currentTask.name}</span>}
                </Link>
                <Button variant="ghost" className="px-2" aria-label={`Rename ${c.title}`} onClick={() => setRenaming({ id: c.id, title: c.title })}>
                  ✎
                </Button>
                <Button variant="ghost" className="px-2" aria-label={`Delete ${c.title}`} onClick={() => void remove(c)}>
                  ✕
                </Button>
              </>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
