import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../support/app-server";
import { createConversation, getConversation, sendTurn } from "../support/chat-client";
import { type TestDatabase, testDatabaseKind } from "../support/database";
import { HttpClient, uniqueEmail } from "../support/http-client";
import { docxOf, imageOnlyPdf, pdfOf } from "../support/knowledge-fixtures";
import type { RecordedRequest, ScriptedModelServer } from "../support/model-server";
import { BEST, expectScriptedRepliesUsed, startScriptedApp } from "../support/scripted-app";
import { withDeliverable } from "../support/scripted-replies";

/**
 * Knowledge documents through the API: an admin uploads an organisation PDF, a DOCX for the follow-up
 * email task and a Markdown file for the minutes task; a follow-up email turn's executor request quotes
 * the organisation's and its own task's excerpts (as user-role data, with their document names) and
 * not the other task's; the version records the documents; refused uploads change nothing.
 */

const kind = testDatabaseKind();
const MAX_BYTES = 200_000;

// each document's telling sentence holds words of the email request below, so full-text search finds it
const ORG_FACT = "The Falcon 9000 carries a seven-year warranty on every order.";
const EMAIL_FACT = "Follow-up emails about an order always quote the delivery code ZEBRA-42.";
const MINUTES_FACT = "Minutes about an order record the quorum code OTTER-77 for the warranty board.";
const REPLACED_FACT = "Follow-up emails about an order now quote the delivery code LYNX-88.";
const SIGNATURE = "Ana Ruiz\nHead of Sales, Northwind Traders";

function form(file: { name: string; type: string; bytes: Uint8Array | Buffer }, scope: { scope?: string; taskIds?: string[] } = {}) {
  const body = new FormData();
  body.append("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
  if (scope.scope) body.append("scope", scope.scope);
  for (const id of scope.taskIds ?? []) body.append("taskIds", id);
  return body;
}

const executorRequests = (models: ScriptedModelServer) => models.requests.filter((r) => r.model === BEST);

describe(`knowledge documents on ${kind}`, () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let admin: HttpClient;
  let user: HttpClient;
  const taskIds: Record<string, string> = {};
  const documentIds: Record<string, string> = {};

  const upload = (client: HttpClient, body: FormData, path = "/api/knowledge", method = "POST") => client.request(path, { method, body });
  const list = async () => {
    const response = await admin.get("/api/knowledge");
    expect(response.status).toBe(200);
    return (await response.json()).documents as { id: string; name: string; scope: string; chunks: number; tasks: { id: string }[] }[];
  };

  beforeAll(async () => {
    ({ testDb, models, app } = await startScriptedApp({ KNOWLEDGE_MAX_BYTES: String(MAX_BYTES) }));
    admin = new HttpClient(app.url);
    user = new HttpClient(app.url);
    for (const [client, who] of [
      [admin, "knowledge-admin"],
      [user, "knowledge-user"],
    ] as const) {
      const email = uniqueEmail(who);
      expect((await client.signUp(email, "knowledge-password-1")).status).toBe(201);
      expect(await client.signIn(email, "knowledge-password-1")).toBe(true);
    }
    const { tasks } = (await (await admin.get("/api/tasks")).json()) as { tasks: { id: string; slug: string }[] };
    for (const task of tasks) taskIds[task.slug] = task.id;
    expect(taskIds["follow-up-email"] && taskIds["meeting-minutes"]).toBeTruthy();
  }, 240_000);

  afterAll(async () => {
    await app?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  it("takes a PDF for the organisation, a DOCX for one task and Markdown for another, indexed in chunks", async () => {
    const pdf = await pdfOf([{ heading: "Product facts", paragraphs: [ORG_FACT, "Colours: slate, sand and moss."] }]);
    const org = await upload(admin, form({ name: "Northwind facts.pdf", type: "application/pdf", bytes: pdf }));
    expect(org.status, await org.clone().text()).toBe(201);
    documentIds.org = (await org.json()).document.id;

    const docx = await docxOf([{ heading: "Email style", paragraphs: [EMAIL_FACT, "Greet customers by their first name."] }]);
    const email = await upload(
      admin,
      form({ name: "Email style guide.docx", type: "application/octet-stream", bytes: docx }, { scope: "tasks", taskIds: [taskIds["follow-up-email"]] }),
    );
    expect(email.status, await email.clone().text()).toBe(201);
    documentIds.email = (await email.json()).document.id;

    const markdown = new TextEncoder().encode(`# Minutes template\n\n## Rules\n\n${MINUTES_FACT}\n`);
    const minutes = await upload(
      admin,
      form({ name: "Minutes template.md", type: "text/markdown", bytes: markdown }, { scope: "tasks", taskIds: [taskIds["meeting-minutes"]] }),
    );
    expect(minutes.status, await minutes.clone().text()).toBe(201);
    documentIds.minutes = (await minutes.json()).document.id;

    const documents = await list();
    expect(documents.map((d) => [d.name, d.scope, d.tasks.map((t) => t.id)]).sort()).toEqual(
      [
        ["Email style guide.docx", "tasks", [taskIds["follow-up-email"]]],
        ["Minutes template.md", "tasks", [taskIds["meeting-minutes"]]],
        ["Northwind facts.pdf", "organisation", []],
      ].sort(),
    );
    for (const d of documents) expect(d.chunks, d.name).toBeGreaterThan(0);
  });

  it("gives the executor the organisation's and its own task's excerpts and the user's profile as user data, never another task's, and records the documents on the version", async () => {
    const profile = await user.request("/api/profile", {
      method: "PATCH",
      json: { name: "Ana Ruiz", jobTitle: "Head of Sales", company: "Northwind Traders", preferredTone: "warm and brief", signature: SIGNATURE },
    });
    expect(profile.status).toBe(200);

    const conversationId = await createConversation(user);
    models.script(BEST, withDeliverable("Follow-up", `Hello Bo,\n\nYour order ships with the Falcon warranty. Code ZEBRA-42.\n\n${SIGNATURE}`));
    const before = executorRequests(models).length;
    const turn = await sendTurn(user, { conversationId, text: "/follow-up-email Write to Bo about his order and the Falcon warranty, with the delivery code" });
    expect(turn.status, JSON.stringify(turn.error)).toBe(200);
    expectScriptedRepliesUsed(models, app);
    const requests = executorRequests(models).slice(before);
    expect(requests).toHaveLength(1);
    const request: RecordedRequest = requests[0];
    const system = request.messages
      .filter((m) => m.role === "system")
      .map((m) => m.content)
      .join("\n");
    const userData = request.messages
      .filter((m) => m.role === "user")
      .map((m) => m.content)
      .join("\n");

    expect(userData).toContain(ORG_FACT);
    expect(userData).toContain("“Northwind facts.pdf”");
    expect(userData).toContain(EMAIL_FACT);
    expect(userData).toContain("“Email style guide.docx”");
    expect(userData, "another task's document reached the executor").not.toContain("OTTER-77");
    expect(userData).not.toContain("Minutes template.md");
    // the profile, with the signature the email must end with
    expect(userData).toContain("Company: Northwind Traders");
    expect(userData).toContain("Preferred tone: warm and brief");
    expect(userData).toContain(SIGNATURE);
    // document and profile text never enter the system prompt
    for (const text of [ORG_FACT, EMAIL_FACT, "Northwind facts.pdf", "Northwind Traders", "Ana Ruiz"]) expect(system).not.toContain(text);

    expect(turn.deliverables).toHaveLength(1);
    expect([...(turn.deliverables[0].knowledgeSources ?? [])].sort()).toEqual(["Email style guide.docx", "Northwind facts.pdf"]);
    const view = await getConversation(user, conversationId);
    expect([...(view.deliverables[0].versions[0].knowledgeSources ?? [])].sort()).toEqual(["Email style guide.docx", "Northwind facts.pdf"]);
  });

  it("refuses a wrong type, a file too large, an encrypted PDF, an image-only PDF and a file without text, each with its message, and the list stays as it was", async () => {
    const before = await list();
    const cases: { label: string; body: FormData; status: number; code: string; message: RegExp }[] = [
      {
        label: "wrong type",
        body: form({ name: "photo.png", type: "image/png", bytes: new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]) }),
        status: 415,
        code: "unsupported_media_type:knowledge",
        message: /“photo\.png” is not a PDF, DOCX, Markdown or plain text file\./,
      },
      {
        label: "too large",
        body: form({ name: "huge.txt", type: "text/plain", bytes: new TextEncoder().encode("word ".repeat(MAX_BYTES / 4)) }),
        status: 413,
        code: "payload_too_large:knowledge",
        message: /larger than 0.2 MB/,
      },
      {
        label: "encrypted PDF",
        body: form({
          name: "locked.pdf",
          type: "application/pdf",
          bytes: await pdfOf([{ heading: "Secret", paragraphs: ["Hidden"] }], { userPassword: "pw" }),
        }),
        status: 400,
        code: "bad_request:knowledge",
        message: /protected by a password/,
      },
      {
        label: "image-only PDF",
        body: form({ name: "scan.pdf", type: "application/pdf", bytes: await imageOnlyPdf() }),
        status: 400,
        code: "bad_request:knowledge",
        message: /only images of pages/,
      },
      {
        label: "no text",
        body: form({ name: "empty.md", type: "text/markdown", bytes: new TextEncoder().encode("\n\n---\n\n") }),
        status: 400,
        code: "bad_request:knowledge",
        message: /“empty\.md” has no text in it\./,
      },
    ];
    for (const c of cases) {
      const response = await upload(admin, c.body);
      const body = await response.json();
      expect(response.status, c.label).toBe(c.status);
      expect(body.code, c.label).toBe(c.code);
      expect(body.message, c.label).toMatch(c.message);
    }
    // a refused replacement leaves the document as it was too
    const refusedReplace = await upload(
      admin,
      form({ name: "scan.pdf", type: "application/pdf", bytes: await imageOnlyPdf() }),
      `/api/knowledge/${documentIds.email}`,
      "PUT",
    );
    expect(refusedReplace.status).toBe(400);
    // in the reader's language
    const spanish = await admin.request("/api/knowledge", { method: "POST", body: cases[0].body, headers: { "accept-language": "es" } });
    expect((await spanish.json()).message).toMatch(/no es un archivo PDF, DOCX, Markdown ni de texto/);
    expect(await list()).toEqual(before);
  });

  it("replaces a document in one swap: the next turn reads the new text only", async () => {
    const docx = await docxOf([{ heading: "Email style", paragraphs: [REPLACED_FACT] }]);
    const replaced = await upload(
      admin,
      form({ name: "Email style guide v2.docx", type: "", bytes: docx }, { scope: "tasks", taskIds: [taskIds["follow-up-email"]] }),
      `/api/knowledge/${documentIds.email}`,
      "PUT",
    );
    expect(replaced.status, await replaced.clone().text()).toBe(200);
    expect((await replaced.json()).document).toMatchObject({ id: documentIds.email, name: "Email style guide v2.docx" });

    const conversationId = await createConversation(user);
    models.script(BEST, withDeliverable("Follow-up", "Hello Bo, code LYNX-88."));
    const before = executorRequests(models).length;
    const turn = await sendTurn(user, { conversationId, text: "/follow-up-email Write to Bo about his order and the delivery code" });
    expect(turn.status, JSON.stringify(turn.error)).toBe(200);
    const userData = executorRequests(models)
      .slice(before)
      .flatMap((r) => r.messages.filter((m) => m.role === "user").map((m) => m.content))
      .join("\n");
    expect(userData).toContain(REPLACED_FACT);
    expect(userData).not.toContain("ZEBRA-42");
  });

  it("lets only admins upload, list, replace and delete; deleting removes the document", async () => {
    const markdown = form({ name: "intruder.md", type: "text/markdown", bytes: new TextEncoder().encode("# Intruder\n\nInjected facts.") });
    expect((await upload(user, markdown)).status).toBe(403);
    expect((await user.get("/api/knowledge")).status).toBe(403);
    expect((await user.request(`/api/knowledge/${documentIds.minutes}`, { method: "DELETE" })).status).toBe(403);
    expect((await list()).map((d) => d.name)).not.toContain("intruder.md");

    expect((await admin.request(`/api/knowledge/${documentIds.minutes}`, { method: "DELETE" })).status).toBe(204);
    expect((await list()).map((d) => d.id)).not.toContain(documentIds.minutes);
    const again = await admin.request(`/api/knowledge/${documentIds.minutes}`, { method: "DELETE" });
    expect(again.status).toBe(404);
    expect((await again.json()).code).toBe("not_found:knowledge");
  });
});
