// first: it drops blank settings from the environment, which @ai-sdk/openai reads as it loads

import { createOpenAI } from "@ai-sdk/openai";
import { transcribe } from "ai";
import { z } from "zod";
import { AppError } from "@/lib/http";
import { settings } from "@/lib/settings";

export const TRANSCRIPTION_LANGUAGES = ["en", "es", "fr"] as const;

/** What MediaRecorder produces in Chromium, Firefox and Safari, plus common uploads. */
const AUDIO_TYPES = ["audio/webm", "audio/ogg", "audio/mp4", "audio/mpeg", "audio/wav", "audio/x-wav", "audio/aac", "audio/x-m4a"];

export const transcriptionFieldsSchema = z.object({
  language: z.enum(TRANSCRIPTION_LANGUAGES).optional(),
  durationMs: z.coerce
    .number()
    .int()
    .nonnegative()
    .check((ctx) => {
      const seconds = settings().TRANSCRIBE_MAX_SECONDS;
      if (ctx.value > seconds * 1000) ctx.issues.push({ code: "custom", message: `Recordings are limited to ${seconds} seconds.`, input: ctx.value });
    })
    .optional(),
});

/**
 * The transcription model: TRANSCRIBE_MODEL as provider:model with provider openai (OpenAI, or any
 * OpenAI-compatible transcription server at TRANSCRIBE_BASE_URL, such as a local Whisper server that
 * keeps audio on your network). Default: openai:whisper-1 when an OpenAI key is set.
 */
function transcriptionModel() {
  const s = settings();
  const spec = s.TRANSCRIBE_MODEL ?? (s.OPENAI_API_KEY ? { provider: "openai", model: "whisper-1" } : null);
  if (!spec) {
    throw new AppError("unavailable:transcription", { key: "unavailable.transcriptionOff" });
  }
  const baseURL = s.TRANSCRIBE_BASE_URL ?? (spec.provider === "openai" ? s.OPENAI_BASE_URL : undefined);
  if (spec.provider === "compatible" && !baseURL) {
    throw new AppError("unavailable:transcription", { key: "unavailable.transcriptionNotConfigured" });
  }
  const apiKey = s.TRANSCRIBE_API_KEY ?? s.OPENAI_API_KEY ?? "none";
  return createOpenAI({ apiKey, baseURL }).transcription(spec.model);
}

const tooLarge = () => new AppError("payload_too_large:transcription", { values: { megabytes: Math.round(settings().TRANSCRIBE_MAX_BYTES / 1024 / 1024) } });

/** Refuses an oversized upload from its declared length, before it is read (the form adds a little around the file). */
export function refuseOversizedUpload(contentLength: number): void {
  if (contentLength > settings().TRANSCRIBE_MAX_BYTES + 64 * 1024) throw tooLarge();
}

/** Checks the upload, transcribes it, and says clearly what went wrong when it cannot. */
export async function transcribeUpload(file: File, fields: z.infer<typeof transcriptionFieldsSchema>): Promise<{ text: string; language: string | null }> {
  const type = file.type.split(";")[0].trim().toLowerCase();
  if (!AUDIO_TYPES.includes(type)) {
    throw new AppError("unsupported_media_type:transcription", { key: "unsupported_media_type.audioType", values: { type: file.type || "—" } });
  }
  if (file.size > settings().TRANSCRIBE_MAX_BYTES) throw tooLarge();
  if (file.size < 200) throw new AppError("bad_request:transcription", { key: "bad_request.recordingEmpty" });
  const model = transcriptionModel();
  try {
    const result = await transcribe({
      model,
      audio: new Uint8Array(await file.arrayBuffer()),
      providerOptions: fields.language ? { openai: { language: fields.language } } : undefined,
      maxRetries: 1,
      abortSignal: AbortSignal.timeout(60_000),
    });
    const text = result.text.trim();
    if (!text) throw new AppError("bad_request:transcription", { key: "bad_request.noSpeech" });
    return { text, language: result.language ?? fields.language ?? null };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("unavailable:transcription");
  }
}
