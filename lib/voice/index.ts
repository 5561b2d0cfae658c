export { MAX_AUDIO_BYTES, MAX_AUDIO_SECONDS, TRANSCRIPTION_LANGUAGES, transcribeUpload, transcriptionFieldsSchema, transcriptionModel } from "./transcribe";
