"use client";

import { useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { MAX_MESSAGE_CHARS, type TaskRef } from "@/lib/chat/types";

interface Props {
  tasks: TaskRef[];
  busy: boolean;
  disabled?: boolean;
  onSend(text: string, taskSlug?: string): Promise<boolean>;
  onStop(): void;
}

/**
 * Where the user writes. Enter sends, Shift+Enter adds a line; "/" at the start offers the tasks as
 * commands. The text stays in the box until the server has accepted it.
 */
export function Composer({ tasks, busy, disabled, onSend, onStop }: Props) {
  const [text, setText] = useState("");
  const [taskSlug, setTaskSlug] = useState("");
  const textarea = useRef<HTMLTextAreaElement>(null);
  const command = /^\/([a-z0-9_-]*)$/i.exec(text.trim())?.[1]?.toLowerCase();
  const suggestions = command !== undefined ? tasks.filter((t) => t.slug.startsWith(command)) : [];
  const tooLong = text.length > MAX_MESSAGE_CHARS;

  async function submit() {
    if (busy || disabled || !text.trim() || tooLong) return;
    const sent = await onSend(text.trim(), taskSlug || undefined);
    if (sent) {
      setText("");
      setTaskSlug("");
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  }

  return (
    <form
      className="relative border-t border-zinc-200 bg-white p-2 pb-[max(0.5rem,env(safe-area-inset-bottom))] dark:border-zinc-800 dark:bg-zinc-950"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {suggestions.length > 0 && (
        <ul role="listbox" aria-label="Task commands" className="absolute bottom-full left-2 right-2 mb-1 max-h-56 overflow-y-auto rounded-lg border border-zinc-200 bg-white shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
          {suggestions.map((t) => (
            <li key={t.slug} role="option" aria-selected={false}>
              <button
                type="button"
                className="flex min-h-11 w-full items-center gap-2 px-3 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
                onClick={() => {
                  setText(`/${t.slug} `);
                  textarea.current?.focus();
                }}
              >
                <span aria-hidden="true">{t.icon}</span> /{t.slug} <span className="text-zinc-500">{t.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="mx-auto flex max-w-3xl items-end gap-2">
        <select
          aria-label="Task"
          title="Let the assistant choose, or pick a task for this message"
          className="min-h-11 max-w-[7.5rem] shrink-0 rounded-lg border border-zinc-300 bg-transparent px-1 text-base sm:max-w-[11rem] dark:border-zinc-700"
          value={taskSlug}
          onChange={(e) => setTaskSlug(e.target.value)}
        >
          <option value="">Auto</option>
          {tasks.map((t) => (
            <option key={t.slug} value={t.slug}>
              {t.icon} {t.name}
            </option>
          ))}
          <option value="none">No task</option>
        </select>
        <textarea
          ref={textarea}
          aria-label="Message"
          rows={1}
          placeholder="Describe what you need…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          className="max-h-48 min-h-11 flex-1 resize-none rounded-lg border border-zinc-300 bg-transparent px-3 py-2 text-base [field-sizing:content] dark:border-zinc-700"
        />
        {busy ? (
          <Button type="button" variant="secondary" onClick={onStop} aria-label="Stop">
            ■ Stop
          </Button>
        ) : (
          <Button type="submit" disabled={disabled || !text.trim() || tooLong} aria-label="Send">
            Send
          </Button>
        )}
      </div>
      {tooLong && (
        <p role="alert" className="mx-auto mt-1 max-w-3xl text-sm text-red-600">
          Messages are limited to {MAX_MESSAGE_CHARS.toLocaleString("en")} characters ({text.length.toLocaleString("en")} now).
        </p>
      )}
    </form>
  );
}
