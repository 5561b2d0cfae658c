import type { Attachment } from "chat";
import { transcribeUpload } from "@/lib/voice";

/** A voice note (or audio file) as text, through the same transcription engine as the web's microphone. */
export async function transcribeVoiceNote(audio: Attachment): Promise<string> {
  const data = audio.data ?? (audio.fetchData ? await audio.fetchData() : null);
  if (!data) throw new Error("voice note without data");
  const bytes = data instanceof Blob ? new Uint8Array(await data.arrayBuffer()) : new Uint8Array(data);
  const file = new File([bytes], audio.name ?? "voice.ogg", { type: audio.mimeType ?? "audio/ogg" });
  return (await transcribeUpload(file, {})).text;
}
