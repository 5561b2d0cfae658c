"use client";

import { ArrowUp, ChevronDown, Settings2, Sparkles, Square, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { type KeyboardEvent, type RefObject, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { IconButton } from "@/components/ui/icon-button";
import { Tooltip } from "@/components/ui/tooltip";
import { type LocalizedTask, MAX_MESSAGE_CHARS } from "@/lib/chat/types";
import { LOCALES, localeName } from "@/lib/i18n/locales";
import { useChatTasks } from "./chat-tasks";
import { VoiceInput } from "./voice-input";

const VOICE_SETTINGS_KEY = "switchboard.voice";
const AUTO = "";
const NO_TASK = "none";

interface Props {
  /** the task chosen for the next message: "" lets the router decide, "none" asks for no task */
  taskChoice: string;
  onTaskChoice(slug: string): void;
  busy: boolean;
  disabled?: boolean;
  onSend(text: string, taskSlug?: string): Promise<boolean>;
  onStop(): void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}

/**
 * Where the user writes. Enter sends, Shift+Enter adds a line; "/" at the start offers the tasks as
 * commands in a listbox (arrow keys, Enter or Tab to pick, Escape to close). The text stays in the box
 * until the server has accepted it.
 */
export function Composer({ taskChoice, onTaskChoice, busy, disabled, onSend, onStop, textareaRef }: Props) {
  const t = useTranslations("chat.composer");
  const tasks = useChatTasks();
  const [text, setText] = useState("");
  const [voiceError, setVoiceError] = useState<string | null>(null);
  const [voice, setVoice] = useState({ language: "auto", autoSend: false });
  // what was typed before speaking: spoken words are added after it, never replace it
  const typedBeforeVoice = useRef<string | null>(null);
  const [activeCommand, setActiveCommand] = useState(0);
  const [commandsClosed, setCommandsClosed] = useState(false);
  const listboxId = useId();

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
    else textareaRef.current?.focus();
  }

  // "/" and the start of a slug, nothing after it: a picked command ends with a space and closes the list
  const command = /^\/([a-z0-9_-]*)$/i.exec(text.trimStart())?.[1]?.toLowerCase();
  const suggestions = command !== undefined && !commandsClosed ? tasks.filter((task) => task.slug.startsWith(command)) : [];
  const active = Math.min(activeCommand, suggestions.length - 1);
  const optionId = (index: number) => `${listboxId}-${index}`;
  const tooLong = text.length > MAX_MESSAGE_CHARS;
  const chosen = tasks.find((task) => task.slug === taskChoice);

  function edit(value: string) {
    setText(value);
    setActiveCommand(0);
    setCommandsClosed(false);
  }

  function pickCommand(task: LocalizedTask) {
    edit(`/${task.slug} `);
    textareaRef.current?.focus();
  }

  async function submit(value = text) {
    if (busy || disabled || !value.trim() || value.length > MAX_MESSAGE_CHARS) return;
    const sent = await onSend(value.trim(), taskChoice || undefined);
    if (sent) {
      setText("");
      onTaskChoice(AUTO);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (suggestions.length > 0) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActiveCommand((active + step + suggestions.length) % suggestions.length);
        return;
      }
      if ((event.key === "Enter" && !event.shiftKey) || event.key === "Tab") {
        event.preventDefault();
        pickCommand(suggestions[active]);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        setCommandsClosed(true);
        return;
      }
    }
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  }

  const choiceLabel = taskChoice === NO_TASK ? t("noTask") : (chosen?.name ?? t("auto"));
  return (
    <form
      className="shrink-0 bg-background px-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] pt-2 sm:px-4"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="relative mx-auto max-w-3xl">
        {suggestions.length > 0 && (
          <div
            id={listboxId}
            role="listbox"
            aria-label={t("commands")}
            className="absolute inset-x-0 bottom-full z-10 mb-2 max-h-64 overflow-y-auto rounded-xl border border-border bg-popover p-1 shadow-lg"
          >
            {suggestions.map((task, index) => (
              // biome-ignore lint/a11y/useFocusableInteractive lint/a11y/useKeyWithClickEvents: options are chosen from the textarea with the arrow keys and Enter (aria-activedescendant); the click is the mouse's way
              <div
                key={task.slug}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                className={cn("flex min-h-11 cursor-pointer items-center gap-2 rounded-md px-2 text-sm pointer-fine:min-h-9", index === active && "bg-muted")}
                // keep the focus in the textarea while picking with the mouse
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActiveCommand(index)}
                onClick={() => pickCommand(task)}
              >
                <span aria-hidden="true">{task.icon}</span>
                <span className="font-mono text-xs">/{task.slug}</span>
                <span className="truncate text-muted-foreground">{task.name}</span>
              </div>
            ))}
          </div>
        )}
        <div className="rounded-2xl border border-input bg-background shadow-sm transition-colors focus-within:border-ring focus-within:ring-2 focus-within:ring-ring/30">
          <textarea
            ref={textareaRef}
            aria-label={t("message")}
            aria-autocomplete="list"
            aria-controls={suggestions.length ? listboxId : undefined}
            aria-activedescendant={suggestions.length ? optionId(active) : undefined}
            rows={1}
            placeholder={t("placeholder")}
            value={text}
            onChange={(e) => edit(e.target.value)}
            onKeyDown={onKeyDown}
            className="block max-h-48 min-h-12 w-full resize-none rounded-t-2xl bg-transparent px-4 pb-1 pt-3 text-base outline-none placeholder:text-muted-foreground [field-sizing:content]"
          />
          <div className="flex items-center gap-1 px-2 pb-2">
            <TaskPicker value={taskChoice} label={choiceLabel} icon={chosen?.icon ?? null} onChange={onTaskChoice} />
            <span className="flex-1" />
            <VoiceSettings voice={voice} onChange={saveVoice} />
            <VoiceInput language={voice.language} disabled={busy || disabled} onText={onVoiceText} onError={setVoiceError} />
            {busy ? (
              <IconButton label={t("stop")} variant="secondary" className="rounded-full" onClick={onStop}>
                <Square className="fill-current" />
              </IconButton>
            ) : (
              <IconButton label={t("send")} type="submit" variant="primary" className="rounded-full" disabled={disabled || !text.trim() || tooLong}>
                <ArrowUp />
              </IconButton>
            )}
          </div>
        </div>
      </div>
      {voiceError && (
        <p role="alert" className="mx-auto mt-1.5 max-w-3xl text-sm text-destructive">
          {voiceError}
        </p>
      )}
      {tooLong && (
        <p role="alert" className="mx-auto mt-1.5 max-w-3xl text-sm text-destructive">
          {t("tooLong", { max: MAX_MESSAGE_CHARS, count: text.length })}
        </p>
      )}
    </form>
  );
}

/** Auto (the router decides), one task, or no task, for the next message; a chosen task shows as a removable chip. */
function TaskPicker({ value, label, icon, onChange }: { value: string; label: string; icon: string | null; onChange(slug: string): void }) {
  const t = useTranslations("chat.composer");
  const tasks = useChatTasks();
  const chosen = value !== AUTO;
  return (
    <div className={cn("flex min-w-0 items-center rounded-full", chosen && "bg-accent text-accent-foreground")}>
      <DropdownMenu>
        <Tooltip content={t("taskMenuTitle")}>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size="sm" aria-label={t("taskMenu", { task: label })} className="min-w-0 rounded-full px-2.5 pointer-coarse:min-h-11">
              {icon ? <span aria-hidden="true">{icon}</span> : <Sparkles aria-hidden="true" />}
              <span className="truncate">{label}</span>
              <ChevronDown aria-hidden="true" className="opacity-60" />
            </Button>
          </DropdownMenuTrigger>
        </Tooltip>
        <DropdownMenuContent align="start" side="top" className="w-72">
          <DropdownMenuLabel>{t("taskMenuTitle")}</DropdownMenuLabel>
          <DropdownMenuRadioGroup value={value} onValueChange={onChange}>
            <DropdownMenuRadioItem value={AUTO}>
              <Sparkles aria-hidden="true" />
              <span>
                {t("auto")} <span className="text-muted-foreground">— {t("autoHint")}</span>
              </span>
            </DropdownMenuRadioItem>
            <DropdownMenuSeparator />
            {tasks.map((task) => (
              <DropdownMenuRadioItem key={task.slug} value={task.slug}>
                <span aria-hidden="true" className="w-4 text-center">
                  {task.icon}
                </span>
                <span className="truncate">{task.name}</span>
              </DropdownMenuRadioItem>
            ))}
            <DropdownMenuSeparator />
            <DropdownMenuRadioItem value={NO_TASK}>
              <X aria-hidden="true" />
              <span>
                {t("noTask")} <span className="text-muted-foreground">— {t("noTaskHint")}</span>
              </span>
            </DropdownMenuRadioItem>
          </DropdownMenuRadioGroup>
        </DropdownMenuContent>
      </DropdownMenu>
      {chosen && (
        <IconButton label={t("clearTask")} className="-ml-1 rounded-full" onClick={() => onChange(AUTO)}>
          <X />
        </IconButton>
      )}
    </div>
  );
}

/** The language spoken and what happens after speaking, kept in this browser. */
function VoiceSettings({ voice, onChange }: { voice: { language: string; autoSend: boolean }; onChange(next: { language: string; autoSend: boolean }): void }) {
  const t = useTranslations("chat.composer");
  return (
    <DropdownMenu>
      <Tooltip content={t("voiceSettings")}>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" aria-label={t("voiceSettings")} className="text-muted-foreground">
            <Settings2 />
          </Button>
        </DropdownMenuTrigger>
      </Tooltip>
      <DropdownMenuContent align="end" side="top" className="w-64">
        <DropdownMenuLabel>{t("voiceLanguage")}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={voice.language} onValueChange={(language) => onChange({ ...voice, language })}>
          <DropdownMenuRadioItem value="auto">{t("voiceBrowser")}</DropdownMenuRadioItem>
          {LOCALES.map((locale) => (
            <DropdownMenuRadioItem key={locale} value={locale} lang={locale}>
              {localeName(locale)}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>{t("afterSpeaking")}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={voice.autoSend ? "send" : "fill"} onValueChange={(after) => onChange({ ...voice, autoSend: after === "send" })}>
          <DropdownMenuRadioItem value="fill">{t("voiceFill")}</DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="send">{t("voiceSend")}</DropdownMenuRadioItem>
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
