"use client";

import { Loader2, Mic, Square, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { IconButton } from "@/components/ui/icon-button";

export const MAX_RECORDING_SECONDS = 120;
const LANGUAGE_TAGS = { en: "en-US", es: "es-ES", fr: "fr-FR" } as const;
export type VoiceLanguage = keyof typeof LANGUAGE_TAGS;
const RECORDER_TYPES = ["audio/webm;codecs=opus", "audio/mp4", "audio/webm", "audio/ogg;codecs=opus"];

type Phase = "idle" | "starting" | "listening" | "recording" | "transcribing";

interface SpeechRecognitionLike {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  start(): void;
  stop(): void;
  abort(): void;
  onresult: ((event: { results: ArrayLike<ArrayLike<{ transcript: string }> & { isFinal: boolean }> }) => void) | null;
  onerror: ((event: { error: string }) => void) | null;
  onend: (() => void) | null;
}

function speechRecognition(): (new () => SpeechRecognitionLike) | undefined {
  const w = window as unknown as Record<string, unknown>;
  return (w.SpeechRecognition ?? w.webkitSpeechRecognition) as (new () => SpeechRecognitionLike) | undefined;
}

/** The language chosen in the composer, else the browser's when it is one we transcribe. */
export function resolveLanguage(setting: string): VoiceLanguage | undefined {
  if (setting in LANGUAGE_TAGS) return setting as VoiceLanguage;
  const browser = navigator.language?.slice(0, 2).toLowerCase();
  return browser && browser in LANGUAGE_TAGS ? (browser as VoiceLanguage) : undefined;
}

/** The catalog key that explains why getUserMedia failed. */
function micError(error: unknown) {
  const name = (error as { name?: string })?.name;
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "notFound";
  if (name === "NotReadableError") return "inUse";
  return "notStarted";
}

interface Props {
  language: string;
  disabled?: boolean;
  /** the words heard, to add to the composer (final = the recording is over) */
  onText(text: string, final: boolean): void;
  onError(message: string | null): void;
}

/**
 * The microphone button: live words with the browser's speech recognition where it works, otherwise
 * a recording sent to /api/transcribe. Shows a timer, can be cancelled, and stops at the maximum length.
 */
export function VoiceInput({ language, disabled, onText, onError }: Props) {
  const t = useTranslations("chat.voice");
  const [phase, setPhase] = useState<Phase>("idle");
  const [seconds, setSeconds] = useState(0);
  const recognition = useRef<SpeechRecognitionLike | null>(null);
  const recorder = useRef<{ media: MediaRecorder; stream: MediaStream; chunks: Blob[]; started: number; cancelled: boolean } | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: releases the microphone once, when the control goes away
  useEffect(() => () => cleanup(), []);

  function cleanup() {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
    for (const track of recorder.current?.stream.getTracks() ?? []) track.stop();
  }

  function startTimer(onLimit: () => void) {
    const started = Date.now();
    setSeconds(0);
    timer.current = setInterval(() => {
      const elapsed = Math.floor((Date.now() - started) / 1000);
      setSeconds(elapsed);
      if (elapsed >= MAX_RECORDING_SECONDS) {
        onError(t("limit", { minutes: MAX_RECORDING_SECONDS / 60 }));
        onLimit();
      }
    }, 250);
  }

  async function start() {
    onError(null);
    const Recognition = speechRecognition();
    if (Recognition) return startRecognition(Recognition);
    return startRecording();
  }

  function startRecognition(Recognition: new () => SpeechRecognitionLike) {
    const rec = new Recognition();
    const lang = resolveLanguage(language);
    rec.lang = lang ? LANGUAGE_TAGS[lang] : navigator.language;
    rec.interimResults = true;
    rec.continuous = true;
    let heard = "";
    let fallingBack = false;
    rec.onresult = (event) => {
      heard = Array.from(event.results, (r) => r[0]?.transcript ?? "")
        .join(" ")
        .replace(/\s+/g, " ")
        .trim();
      onText(heard, false);
    };
    rec.onerror = (event) => {
      if (["network", "service-not-allowed", "language-not-supported"].includes(event.error)) {
        // the browser has the API but not the service (e.g. Chromium without Google's): record instead
        fallingBack = true;
        return;
      }
      if (event.error === "not-allowed") onError(t("denied"));
      else if (event.error === "audio-capture") onError(t("notFound"));
      else if (event.error === "no-speech") onError(t("noSpeech"));
      else if (event.error !== "aborted") onError(t("recognitionFailed"));
    };
    rec.onend = () => {
      cleanup();
      recognition.current = null;
      if (fallingBack) return void startRecording();
      setPhase("idle");
      if (heard) onText(heard, true);
    };
    recognition.current = rec;
    setPhase("listening");
    startTimer(() => rec.stop());
    rec.start();
  }

  async function startRecording() {
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === "undefined") {
      onError(t("unsupported"));
      setPhase("idle");
      return;
    }
    setPhase("starting");
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      onError(t(micError(error)));
      setPhase("idle");
      return;
    }
    const mimeType = RECORDER_TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    const media = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const state = { media, stream, chunks: [] as Blob[], started: Date.now(), cancelled: false };
    recorder.current = state;
    media.ondataavailable = (e) => e.data.size && state.chunks.push(e.data);
    media.onstop = () => {
      cleanup();
      recorder.current = null;
      if (state.cancelled) return setPhase("idle");
      void send(new Blob(state.chunks, { type: media.mimeType || mimeType || "audio/webm" }), Date.now() - state.started);
    };
    media.start(250);
    setPhase("recording");
    startTimer(() => media.state !== "inactive" && media.stop());
  }

  async function send(audio: Blob, durationMs: number) {
    if (audio.size < 200) {
      onError(t("empty"));
      return setPhase("idle");
    }
    setPhase("transcribing");
    const form = new FormData();
    form.append("audio", new File([audio], `recording.${audio.type.includes("mp4") ? "m4a" : "webm"}`, { type: audio.type }));
    form.append("durationMs", String(Math.min(durationMs, MAX_RECORDING_SECONDS * 1000)));
    const lang = resolveLanguage(language);
    if (lang) form.append("language", lang);
    try {
      const response = await fetch("/api/transcribe", { method: "POST", body: form });
      const body = await response.json().catch(() => null);
      if (!response.ok) onError(body?.message ?? t("transcriptionFailed"));
      else onText(body.text, true);
    } catch {
      onError(t("unreachable"));
    } finally {
      setPhase("idle");
    }
  }

  function stop() {
    recognition.current?.stop();
    if (recorder.current?.media.state === "recording") recorder.current.media.stop();
  }

  function cancel() {
    if (recognition.current) {
      recognition.current.onend = () => setPhase("idle");
      recognition.current.abort();
      recognition.current = null;
      cleanup();
    }
    if (recorder.current) {
      recorder.current.cancelled = true;
      recorder.current.media.stop();
    }
    onError(null);
  }

  const active = phase === "listening" || phase === "recording";
  const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  if (active) {
    return (
      <fieldset className="flex items-center gap-1" aria-label={t("recording")}>
        <span className="flex items-center gap-1.5 px-1 text-sm tabular-nums text-destructive" aria-live="polite" data-testid="recording-timer">
          <span className="size-2.5 animate-pulse rounded-full bg-destructive" aria-hidden="true" /> {clock}
        </span>
        <IconButton label={t("cancel")} onClick={cancel}>
          <X />
        </IconButton>
        <IconButton label={t("stop")} variant="destructive" className="rounded-full" onClick={stop}>
          <Square className="fill-current" />
        </IconButton>
      </fieldset>
    );
  }
  const working = phase === "transcribing" || phase === "starting";
  return (
    <IconButton
      label={phase === "transcribing" ? t("transcribing") : phase === "starting" ? t("starting") : t("speak")}
      onClick={() => void start()}
      disabled={disabled || phase !== "idle"}
    >
      {working ? <Loader2 className="animate-spin" /> : <Mic />}
    </IconButton>
  );
}
