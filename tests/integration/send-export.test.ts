import { randomUUID } from "node:crypto";
import mammoth from "mammoth";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliverableVersionView } from "@/lib/chat/types";
import type { AppServer } from "../support/app-server";
import { createConversation, getConversation, sendTurn } from "../support/chat-client";
import { type TestDatabase, testDatabaseKind } from "../support/database";
import { HttpClient, uniqueEmail } from "../support/http-client";
import type { ScriptedModelServer } from "../support/model-server";
import { BEST, startScriptedApp } from "../support/scripted-app";
import { withDeliverable } from "../support/scripted-replies";
import { SmtpStandIn } from "../support/smtp-server";
import { TcpProxy } from "../support/tcp-proxy";

const kind = testDatabaseKind();

const SUBJECT = "Seguimiento: revisión del presupuesto de otoño";
/** An email deliverable with headings, nested lists of both kinds, a table, emphasis and Spanish accents. */
const BODY = `Hola Ana (ana.nunez@example.com):

## Decisiones tomadas

La reunión **aprobó** el presupuesto *revisado*.

1. Contratar a la diseñadora
   - Publicar la oferta en otoño
   - Entrevistas con el equipo de señalización
2. Revisar el contrato del café

- Acción pendiente: la campaña de Año Nuevo

| Responsable | Tarea | Fecha |
| --- | --- | --- |
| Ana Núñez | Preparar el informe | 12 de marzo |
| Bo | Llamar al técnico | viernes |

Un saludo,
[Your name]`;

const HEADINGS = [SUBJECT, "Decisiones tomadas"];
const ITEMS = [
  "Contratar a la diseñadora",
  "Publicar la oferta en otoño",
  "Entrevistas con el equipo de señalización",
  "Revisar el contrato del café",
  "Acción pendiente: la campaña de Año Nuevo",
];
const CELLS = ["Responsable", "Tarea", "Fecha", "Ana Núñez", "Preparar el informe", "12 de marzo", "Bo", "Llamar al técnico", "viernes"];

/** Signs up a user, and writes an email deliverable for them through one scripted turn. */
async function userWithEmail(app: AppServer, models: ScriptedModelServer, name: string) {
  const client = new HttpClient(app.url);
  const email = uniqueEmail(name);
  expect((await client.signUp(email, "password-123456")).status).toBe(201);
  expect(await client.signIn(email, "password-123456")).toBe(true);
  const conversationId = await createConversation(client);
  models.script(BEST, withDeliverable(SUBJECT, BODY));
  const turn = await sendTurn(client, { conversationId, text: "/follow-up-email Escribe a Ana sobre el presupuesto." });
  expect(turn.status, JSON.stringify(turn.error)).toBe(200);
  expect(turn.deliverables).toHaveLength(1);
  return { client, conversationId, deliverable: turn.deliverables[0] };
}

const versionOf = async (client: HttpClient, conversationId: string): Promise<DeliverableVersionView> =>
  (await getConversation(client, conversationId)).deliverables[0].versions[0];

const sendPath = (d: { deliverableId: string; version: number }) => `/api/deliverables/${d.deliverableId}/versions/${d.version}/send`;
const exportPath = (d: { deliverableId: string; version: number }, format: string) =>
  `/api/deliverables/${d.deliverableId}/versions/${d.version}/export?format=${format}`;

describe(`exporting and sending deliverables on ${kind}`, () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let smtp: SmtpStandIn;
  let proxy: TcpProxy;
  let owner: Awaited<ReturnType<typeof userWithEmail>>;
  let other: Awaited<ReturnType<typeof userWithEmail>>;

  beforeAll(async () => {
    smtp = await new SmtpStandIn().start();
    // the app reaches the mail server through a proxy the test can cut, as a mail server going down would
    proxy = await new TcpProxy("127.0.0.1", smtp.port).start();
    ({ testDb, models, app } = await startScriptedApp({ SMTP_URL: `smtp://127.0.0.1:${proxy.port}`, SMTP_FROM: "Switchboard <switchboard@example.com>" }));
    owner = await userWithEmail(app, models, "sender");
    other = await userWithEmail(app, models, "other");
  });

  afterAll(async () => {
    await app?.stop();
    await models?.stop();
    await proxy?.stop();
    await smtp?.stop();
    await testDb?.drop();
  });

  it("exports a version as .docx that keeps its headings, list items and table cells", async () => {
    const response = await owner.client.get(exportPath(owner.deliverable, "docx"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(response.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("Seguimiento-revisión-del-presupuesto-de-otoño.docx")}`,
    );
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(await response.arrayBuffer()) });
    expect(html).toContain(`<h1>${SUBJECT}</h1>`);
    expect(html).toContain("<h2>Decisiones tomadas</h2>");
    // the ordered list holds the bulleted one, nested under its first item
    expect(html).toContain(`<ol><li>${ITEMS[0]}<ul><li>${ITEMS[1]}</li><li>${ITEMS[2]}</li></ul></li><li>${ITEMS[3]}</li></ol>`);
    expect(html).toContain(`<ul><li>${ITEMS[4]}</li></ul>`);
    expect(html).toContain("<strong>aprobó</strong>");
    expect(html).toContain("<em>revisado</em>");
    for (const cell of CELLS) expect(html).toMatch(new RegExp(`<t[hd]><p>(<strong>)?${cell}(</strong>)?</p></t[hd]>`));
    // the sign-off's two lines stay two lines
    expect(html).toContain("<p>Un saludo,<br />[Your name]</p>");
  });

  it("exports a version as a PDF whose text holds its headings, list items and table cells, accents included", async () => {
    const response = await owner.client.get(exportPath(owner.deliverable, "pdf"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="Seguimiento-revision-del-presupuesto-de-otono\.pdf"/);
    const pdf = await getDocumentProxy(new Uint8Array(await response.arrayBuffer()));
    const { text } = await extractText(pdf, { mergePages: true });
    for (const expected of [...HEADINGS, ...ITEMS, "Ana Núñez", "Preparar el informe", "Llamar al técnico"]) expect(text).toContain(expected);
    // a table row reads as its cells in order
    expect(text).toMatch(/Responsable\s+Tarea\s+Fecha/);
  });

  it("exports a version as Markdown, and refuses a format it does not know", async () => {
    const response = await owner.client.get(exportPath(owner.deliverable, "md"));
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(await response.text()).toBe(`# ${SUBJECT}\n\n${BODY}\n`);
    const unknown = await owner.client.get(exportPath(owner.deliverable, "odt"));
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).code).toBe("bad_request:export");
  });

  it("answers another user, an unknown version and no session as for nothing there", async () => {
    for (const path of [exportPath(owner.deliverable, "pdf"), exportPath({ ...owner.deliverable, version: 2 }, "pdf")]) {
      const response = await other.client.get(path);
      expect(response.status).toBe(404);
      expect((await response.json()).code).toBe("not_found:deliverable");
    }
    expect((await new HttpClient(app.url).get(exportPath(owner.deliverable, "pdf"))).status).toBe(401);
    const send = await other.client.post(sendPath(owner.deliverable), { to: ["x@example.com"], subject: "x", body: "x", idempotencyKey: randomUUID() });
    expect(send.status).toBe(404);
    expect((await send.json()).code).toBe("not_found:deliverable");
    expect(smtp.received).toHaveLength(0);
  });

  it("says why a send failed when the mail server is down, records nothing, and sends on the retry", async () => {
    const request = { to: ["ana.nunez@example.com"], subject: SUBJECT, body: BODY, idempotencyKey: randomUUID() };
    proxy.cut();
    const failed = await owner.client.request(sendPath(owner.deliverable), { method: "POST", json: request, headers: { "accept-language": "es" } });
    proxy.restore();
    expect(failed.status).toBe(503);
    const error = await failed.json();
    expect(error.code).toBe("unavailable:smtp");
    expect(error.message).toContain(`No se pudo conectar con el servidor de correo (127.0.0.1:${proxy.port})`);
    expect(smtp.received).toHaveLength(0);
    expect((await versionOf(owner.client, owner.conversationId)).sends).toBeUndefined();

    const retried = await owner.client.post(sendPath(owner.deliverable), request);
    expect(retried.status).toBe(201);
    expect(smtp.received).toHaveLength(1);
    smtp.received.length = 0;
  });

  it("says which recipients the mail server refused, and records nothing", async () => {
    smtp.refused.add("nobody@example.com");
    const response = await owner.client.post(sendPath(owner.deliverable), {
      to: ["nobody@example.com"],
      subject: "S",
      body: "B",
      idempotencyKey: randomUUID(),
    });
    smtp.refused.clear();
    expect(response.status).toBe(400);
    const { code, message } = await response.json();
    expect(code).toBe("bad_request:send");
    expect(message).toBe("The mail server refused nobody@example.com. Nothing was sent; check the addresses and try again.");
    expect(smtp.received).toHaveLength(0);
    expect((await versionOf(owner.client, owner.conversationId)).sends).toHaveLength(1);
  });

  it("sends the email with its recipients, subject, text and HTML parts, once however often it is pressed, and shows it on the version", async () => {
    const request = {
      to: ["Ana.Nunez@example.com", "bo@example.com"],
      cc: ["equipo@example.com"],
      subject: `${SUBJECT} (editado)`,
      body: `${BODY}\n\n<script>alert(1)</script>`,
      idempotencyKey: randomUUID(),
    };
    const [first, second] = await Promise.all([
      owner.client.post(sendPath(owner.deliverable), request),
      owner.client.post(sendPath(owner.deliverable), request),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    const records = [(await first.json()).send, (await second.json()).send];
    expect(records[0]).toEqual(records[1]);
    const third = await owner.client.post(sendPath(owner.deliverable), request);
    expect(third.status).toBe(200);
    expect((await third.json()).send).toEqual(records[0]);

    expect(smtp.received).toHaveLength(1);
    const [{ envelope, parsed }] = smtp.received;
    expect(envelope.to.sort()).toEqual(["ana.nunez@example.com", "bo@example.com", "equipo@example.com"]);
    expect(envelope.from).toBe("switchboard@example.com");
    expect(parsed.subject).toBe(request.subject);
    expect([parsed.to].flat().flatMap((a) => a?.value.map((v) => v.address))).toEqual(["ana.nunez@example.com", "bo@example.com"]);
    expect([parsed.cc].flat().flatMap((a) => a?.value.map((v) => v.address))).toEqual(["equipo@example.com"]);
    expect(parsed.messageId).toBe(records[0].messageId);
    expect(parsed.text?.trim()).toBe(request.body);
    const html = String(parsed.html);
    expect(html).toContain("<h2>Decisiones tomadas</h2>");
    expect(html).toContain("<strong>aprobó</strong>");
    expect(html).toContain("<td>Ana Núñez</td>");
    expect(html).toMatch(/<ol>\s*<li>Contratar a la diseñadora/);
    expect(html).toMatch(/<p>Un saludo,<br>\s*\[Your name\]<\/p>/);
    expect(html).not.toContain("<script");

    const version = await versionOf(owner.client, owner.conversationId);
    // the retried send of the test above, then this one
    expect(version.sends).toHaveLength(2);
    expect(version.sends?.at(-1)).toEqual({
      id: records[0].id,
      to: ["ana.nunez@example.com", "bo@example.com"],
      cc: ["equipo@example.com"],
      subject: request.subject,
      messageId: records[0].messageId,
      sentAt: records[0].sentAt,
    });
    // the other user's conversation shows nothing of it
    expect((await versionOf(other.client, other.conversationId)).sends).toBeUndefined();
  });

  it("refuses addresses that are not addresses, and a send with no recipient, field by field", async () => {
    const response = await owner.client.post(sendPath(owner.deliverable), {
      to: [],
      cc: ["not an address"],
      subject: " ",
      body: "x",
      idempotencyKey: randomUUID(),
    });
    expect(response.status).toBe(400);
    const { code, fields } = await response.json();
    expect(code).toBe("bad_request:send");
    expect(Object.keys(fields).sort()).toEqual(["cc.0", "subject", "to"]);
    expect(fields.to).toEqual(["Add at least one recipient."]);
  });
});

describe(`sending without a mail server set up on ${kind}`, () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;

  beforeAll(async () => {
    ({ testDb, models, app } = await startScriptedApp());
  });

  afterAll(async () => {
    await app?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  it("answers with a code and a message that says which settings to set", async () => {
    const { client, deliverable } = await userWithEmail(app, models, "unset");
    const response = await client.post(sendPath(deliverable), { to: ["ana@example.com"], subject: "S", body: "B", idempotencyKey: randomUUID() });
    expect(response.status).toBe(503);
    const { code, message } = await response.json();
    expect(code).toBe("unavailable:smtp_settings");
    expect(message).toContain("SMTP_URL");
    expect(message).toContain("SMTP_FROM");
  });
});
