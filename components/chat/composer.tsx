"use client";

import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { MAX_MESSAGE_CHARS, type TaskRef } from "@/lib/chat/types";
import { VoiceInput } from "./voice-input";

const VOICE_SETTINGS_KEY = "switchboard.voice";

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
  const [voiceError, setVoiceError] = useState<string | null>(null);
  const [voice, setVoice] = useState({ language: "auto", autoSend: false });
  // what was typed before speaking: spoken words are added after it, never replace it
  const typedBeforeVoice = useRef<string | null>(null);

  useEffect(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(VOICE_SETTINGS_KEY) ?? "null");
      if (saved) setVoice((v) => ({ ...v, ...saved }));
    } catch {
      // no saved settings
    }
  }, []);

  function saveVoice(next: typeof voice) {
    setVoice(next);
    localStorage.setItem(VOICE_SETTINGS_KEY, JSON.stringify(next));
  }

  function onVoiceText(heard: string, final: boolean) {
    typedBeforeVoice.current ??= text;
    const base = typedBeforeVoice.current;
    const combined = base.trim() ? `${base.trimEnd()} ${heard}` : heard;
    setText(combined);
    if (!final) return;
    typedBeforeVoice.current = null;
    if (voice.autoSend && combined.trim()) void submit(combined);
    else textarea.current?.focus();
  }
  const command = /^\/([a-z0-9_-]*)$/i.exec(text.trim())?.[1]?.toLowerCase();
  const suggestions = command !== undefined ? tasks.filter((t) => t.slug.startsWith(command)) : [];
  const tooLong = text.length > MAX_MESSAGE_CHARS;

  async function submit(value = text) {
    if (busy || disabled || !value.trim() || value.length > MAX_MESSAGE_CHARS) return;
    const sent = await onSend(value.trim(), taskSlug || undefined);
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
          className="min-h-11 w-[4.75rem] shrink-0 rounded-lg border border-zinc-300 bg-transparent px-1 text-base sm:w-auto sm:max-w-[11rem] dark:border-zinc-700"
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
          className="max-h-48 min-h-11 min-w-0 flex-1 resize-none rounded-lg border border-zinc-300 bg-transparent px-3 py-2 text-base [field-sizing:content] dark:border-zinc-700"
        />
        <VoiceInput language={voice.language} disabled={busy || disabled} onText={onVoiceText} onError={setVoiceError} />
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
      {voiceError && (
        <p role="alert" className="mx-auto mt-1 max-w-3xl text-sm text-red-600">
          {voiceError}
        </p>
      )}
      <details className="mx-auto mt-1 max-w-3xl text-xs text-zinc-500">
        <summary className="cursor-pointer py-1">Voice settings</summary>
        <div className="flex flex-wrap items-center gap-3 py-1">
          <label className="flex items-center gap-1">
            Language
            <select
              aria-label="Voice language"
              className="min-h-11 rounded-lg border border-zinc-300 bg-transparent px-1 text-base dark:border-zinc-700"
              value={voice.language}
              onChange={(e) => saveVoice({ ...voice, language: e.target.value })}
            >
              <option value="auto">Browser language</option>
              <option value="en">English</option>
              <option value="es">Español</option>
              <option value="fr">Français</option>
            </select>
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" className="size-5" checked={voice.autoSend} onChange={(e) => saveVoice({ ...voice, autoSend: e.target.checked })} />
            Send automatically after speaking
          </label>
        </div>
      </details>
      {tooLong && (
        <p role="alert" className="mx-auto mt-1 max-w-3xl text-sm text-red-600">
          Messages are limited to {MAX_MESSAGE_CHARS.toLocaleString("en")} characters ({text.length.toLocaleString("en")} now).
        </p>
      )}
    </form>
  );
}
