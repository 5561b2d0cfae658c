import { requireUser } from "@/lib/auth";
import { AppError, invalidInput, route } from "@/lib/http";
import { enforceLimit } from "@/lib/limits";
import { refuseOversizedUpload, transcribeUpload, transcriptionFieldsSchema } from "@/lib/voice";

export const dynamic = "force-dynamic";

/** multipart/form-data: audio (file), language (en | es | fr, optional), durationMs (optional). */
export const POST = route(async (request) => {
  const user = await requireUser();
  await enforceLimit("transcribe", user.id);
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) {
    throw new AppError("unsupported_media_type:transcription", { key: "unsupported_media_type.multipart" });
  }
  refuseOversizedUpload(Number(request.headers.get("content-length") ?? 0));
  const form = await request.formData().catch(() => {
    throw new AppError("bad_request:transcription", { key: "bad_request.uploadUnreadable" });
  });
  const audio = form.get("audio");
  if (!(audio instanceof File))
    throw new AppError("bad_request:transcription", { key: "bad_request.noAudio", fields: { audio: ["bad_request.attachRecording"] } });
  const fields = transcriptionFieldsSchema.safeParse({
    language: form.get("language") || undefined,
    durationMs: form.get("durationMs") || undefined,
  });
  if (!fields.success) throw invalidInput(fields.error, "transcription");
  return Response.json(await transcribeUpload(audio, fields.data));
});
