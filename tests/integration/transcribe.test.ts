import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startApp } from "../support/app-server";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database";
import { HttpClient, uniqueEmail } from "../support/http-client";
import { ScriptedModelServer } from "../support/model-server";

const WHISPER = "scripted-whisper";
const wav = readFileSync("tests/fixtures/meeting-en.wav");

function upload(client: HttpClient, audio: Blob, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append("audio", new File([audio], "recording.webm", { type: audio.type }));
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return client.request("/api/transcribe", { method: "POST", body: form });
}

describe(`POST /api/transcribe on ${testDatabaseKind()}`, () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let client: HttpClient;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    models = await new ScriptedModelServer().start();
    app = await startApp({
      ...testDb.env,
      TRANSCRIBE_MODEL: `compatible:${WHISPER}`,
      TRANSCRIBE_BASE_URL: `${models.url}/v1`,
      TRANSCRIBE_MAX_BYTES: String(512 * 1024),
    });
    client = new HttpClient(app.url);
    const email = uniqueEmail("voice");
    await client.signUp(email, "voice-password-1");
    expect(await client.signIn(email, "voice-password-1")).toBe(true);
  });

  afterAll(async () => {
    await app?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  it("transcribes a recording in the requested language through the OpenAI transcription API", async () => {
    models.script(WHISPER, "Hola, acabo de salir de la reunión con ACME.");
    const response = await upload(client, new Blob([wav], { type: "audio/wav" }), { language: "es", durationMs: "3000" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ text: "Hola, acabo de salir de la reunión con ACME.", language: "es" });
    expect(models.requestsFor(WHISPER).at(-1)!.body).toMatchObject({ language: "es", fileSize: wav.length });
  });

  it("needs a session", async () => {
    const response = await upload(new HttpClient(app.url), new Blob([wav], { type: "audio/wav" }));
    expect(response.status).toBe(401);
  });

  it("refuses a file that is not audio, and a body that is not a form", async () => {
    const notAudio = await upload(client, new Blob(["<html>"], { type: "text/html" }));
    expect(notAudio.status).toBe(415);
    expect((await notAudio.json()).message).toMatch(/not supported/);
    const json = await client.post("/api/transcribe", { audio: "base64..." });
    expect(json.status).toBe(415);
  });

  it("refuses an oversize upload before transcribing it", async () => {
    const before = models.requestsFor(WHISPER).length;
    const response = await upload(client, new Blob([new Uint8Array(600 * 1024)], { type: "audio/webm" }));
    expect(response.status).toBe(413);
    expect((await response.json()).message).toMatch(/larger than/);
    expect(models.requestsFor(WHISPER).length).toBe(before);
  });

  it("refuses an empty recording, one that is too long, and a language it does not know", async () => {
    expect((await upload(client, new Blob([], { type: "audio/webm" }))).status).toBe(400);
    const tooLong = await upload(client, new Blob([wav], { type: "audio/wav" }), { durationMs: String(10 * 60_000) });
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).fields.durationMs[0]).toMatch(/limited to/);
    expect((await upload(client, new Blob([wav], { type: "audio/wav" }), { language: "xx" })).status).toBe(400);
  });

  it("says clearly when the transcription service fails or hears nothing", async () => {
    models.script(WHISPER, { text: "", status: 500 }, { text: "", status: 500 });
    const failed = await upload(client, new Blob([wav], { type: "audio/wav" }));
    expect(failed.status).toBe(503);
    expect((await failed.json()).message).toMatch(/Transcription failed/);
    models.script(WHISPER, "   ");
    const silent = await upload(client, new Blob([wav], { type: "audio/wav" }));
    expect(silent.status).toBe(400);
    expect((await silent.json()).message).toMatch(/No speech/);
  });
});
