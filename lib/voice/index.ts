export { refuseOversizedUpload, TRANSCRIPTION_LANGUAGES, transcribeUpload, transcriptionFieldsSchema } from "./transcribe";
