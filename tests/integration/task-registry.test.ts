import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startApp } from "../support/app-server";
import { createConversation, getConversation, routingsOf, sendTurn } from "../support/chat-client";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database";
import { HttpClient, uniqueEmail } from "../support/http-client";
import { type RecordedRequest, ScriptedModelServer } from "../support/model-server";
import { mojodexFollowUpSpec, mojodexTemplateSpec } from "../support/mojodex-specs";
import { BEST, expectScriptedRepliesUsed, FAST } from "../support/scripted-app";
import { routerSays, speculativeDiscard, withDeliverable } from "../support/scripted-replies";

const kind = testDatabaseKind();

const SEED_SLUGS = ["meeting-minutes", "follow-up-email", "memo-from-ideas"];
const ROUTER_TIMEOUT_MS = 2_000;
/** Router replies wait a little, so the speculative executor request reaches the scripted server first. */

interface TaskBody {
  slug: string;
  name: string;
  routerDescription: string;
  instructions: string;
  infoToCollect: { name: string; description: string; required?: boolean }[];
  outputKind: string;
  outputTitleFormat: string;
  outputBodyFormat: string;
  icon?: string | null;
  enabled?: boolean;
  exampleRequests?: string[];
  followUpActions?: { target: string; label: string; translations?: Record<string, string> }[];
}
interface TaskRow extends Required<Omit<TaskBody, "infoToCollect">> {
  id: string;
  infoToCollect: { name: string; description: string; required: boolean }[];
}

/** The realistic task an admin adds at run time. */
const interviewNotes: TaskBody = {
  slug: "customer-interview-notes",
  name: "Customer interview notes",
  icon: "🎙️",
  routerDescription:
    "The user has just interviewed a customer or prospect (discovery call, user research, churn interview) and wants structured notes: pains, verbatim quotes, current tools and follow-ups.",
  instructions:
    "You turn the user's recollection of a customer interview into structured research notes. Keep the customer's own words for quotes, separate what the customer said from the user's interpretation, and never invent pains or quotes. Ask for what is missing in one short message.",
  infoToCollect: [
    { name: "interviewee", description: "Who was interviewed: person, role and company", required: true },
    { name: "interview_date", description: "When the interview took place", required: true },
    { name: "pain_points", description: "The problems the customer described", required: true },
    { name: "quotes", description: "Memorable sentences, word for word", required: false },
  ],
  outputKind: "memo",
  outputTitleFormat: "Interview notes – <company> – <date>",
  outputBodyFormat:
    "Markdown: **Interviewee**, **Context**, **Pain points** (bullets), **Quotes** (verbatim, in quotes), **Current tools**, **Follow-ups** (table: owner | action | due date).",
};

/** Another valid task, with its own slug and name. */
function otherTask(slug: string, name: string, extra: Partial<TaskBody> = {}): TaskBody {
  return {
    slug,
    name,
    icon: "🗂️",
    routerDescription: `The user asks for a ${name.toLowerCase()} for their team, with the facts they give in the conversation.`,
    instructions: `You write a ${name.toLowerCase()} from the user's facts. Do not invent names, numbers or dates; ask for what is missing.`,
    infoToCollect: [
      { name: "subject", description: "What the document is about", required: true },
      { name: "audience", description: "Who will read it", required: false },
    ],
    outputKind: "custom",
    outputTitleFormat: `${name} – <subject>`,
    outputBodyFormat: "Markdown with a short summary, then bullets.",
    ...extra,
  };
}

/** The JSON-schema enum the router's answer was constrained to (enabled slugs plus "none"). */
function routerEnum(request: RecordedRequest | undefined): string[] {
  const format = request?.body.response_format as { json_schema?: { schema?: { properties?: { task?: { enum?: string[] } } } } } | undefined;
  const options = format?.json_schema?.schema?.properties?.task?.enum;
  if (!options) throw new Error(`the router request has no task enum: ${JSON.stringify(request?.body.response_format)}`);
  return options;
}

const routerSystem = (request: RecordedRequest | undefined) => request?.messages.find((m) => m.role === "system")?.content ?? "";

describe(`the task registry at run time on ${kind}`, () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let env: Record<string, string>;
  let admin: HttpClient;
  let member: HttpClient;
  const accounts = {
    admin: { email: uniqueEmail("admin"), password: "admin-password-1" },
    member: { email: uniqueEmail("member"), password: "member-password-1" },
  };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    models = await new ScriptedModelServer().start();
    models.models = [BEST, FAST];
    env = {
      ...testDb.env,
      MODEL_BEST: `compatible:${BEST}`,
      MODEL_FAST: `compatible:${FAST}`,
      COMPATIBLE_BASE_URL: `${models.url}/v1`,
      ROUTER_TIMEOUT_MS: String(ROUTER_TIMEOUT_MS),
    };
    app = await startApp(env);
    // sequentially: the first account to sign up becomes the admin
    admin = new HttpClient(app.url);
    expect((await admin.signUp(accounts.admin.email, accounts.admin.password, "Ada Admin")).status).toBe(201);
    expect(await admin.signIn(accounts.admin.email, accounts.admin.password)).toBe(true);
    member = new HttpClient(app.url);
    expect((await member.signUp(accounts.member.email, accounts.member.password)).status).toBe(201);
    expect(await member.signIn(accounts.member.email, accounts.member.password)).toBe(true);
  });

  afterAll(async () => {
    await app?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  const expectQueuesDrained = (server: AppServer = app) => expectScriptedRepliesUsed(models, server);

  async function createTask(client: HttpClient, body: TaskBody): Promise<TaskRow> {
    const response = await client.post("/api/tasks", body);
    const json = await response.json();
    expect(response.status, JSON.stringify(json)).toBe(201);
    return json.task as TaskRow;
  }

  async function listTasks(client: HttpClient = admin, query = ""): Promise<TaskRow[]> {
    const response = await client.get(`/api/tasks${query}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { tasks: TaskRow[] }).tasks;
  }

  const setEnabled = (client: HttpClient, id: string, enabled: boolean) => client.request(`/api/tasks/${id}`, { method: "PATCH", json: { enabled } });
  const deleteTask = (client: HttpClient, id: string) => client.request(`/api/tasks/${id}`, { method: "DELETE" });

  /** One routed turn whose router answers "none" while no task is current: one router call, one executor call. */
  async function turnWithoutTask(client: HttpClient, conversationId: string, text: string, server: AppServer = app) {
    models.script(FAST, routerSays("none"));
    models.script(BEST, "Sure — tell me more about what you need.");
    const turn = await sendTurn(client, { conversationId, text });
    expect(turn.status, JSON.stringify(turn.error)).toBe(200);
    expect(turn.routing).toMatchObject({ action: "none", task: null });
    expect(turn.errorText).toBeUndefined();
    expectQueuesDrained(server);
    return turn;
  }

  it("routes the next turn of an existing conversation to a task an admin has just created", async () => {
    // a regular user's conversation with one turn, before the task exists
    const conversationId = await createConversation(member);
    await turnWithoutTask(member, conversationId, "Hi! I have a few things to write up today.");
    const before = routerEnum(models.requestsFor(FAST).at(-1));
    expect(before).toEqual(expect.arrayContaining([...SEED_SLUGS, "none"]));
    expect(before).not.toContain(interviewNotes.slug);

    const created = await createTask(admin, interviewNotes);
    expect(created).toMatchObject({ ...interviewNotes, enabled: true });
    expect(created.id).toEqual(expect.any(String));
    expect((await listTasks()).map((t) => t.slug)).toContain(interviewNotes.slug);

    // none → start: the speculative general answer is discarded, the new task's executor answers
    const fastBefore = models.requestsFor(FAST).length;
    const bestBefore = models.requestsFor(BEST).length;
    models.script(FAST, routerSays(interviewNotes.slug));
    models.script(BEST, speculativeDiscard("general"), "Glad to. Who did you interview, when, and what problems did they describe?");
    const turn = await sendTurn(member, { conversationId, text: "I just interviewed Maria, ops lead at Brightline Logistics — can you write up my notes?" });
    expect(turn.status, JSON.stringify(turn.error)).toBe(200);
    expect(turn.errorText).toBeUndefined();
    expect(turn.routing).toEqual({
      decisionId: expect.any(String),
      action: "start",
      source: "router",
      task: { slug: interviewNotes.slug, name: interviewNotes.name, icon: interviewNotes.icon },
      previousTask: null,
    });
    expect(turn.text).toBe("Glad to. Who did you interview, when, and what problems did they describe?");
    expectQueuesDrained();

    const routerRequests = models.requestsFor(FAST).slice(fastBefore);
    expect(routerRequests).toHaveLength(1);
    const options = routerEnum(routerRequests[0]);
    expect(options.filter((o) => o === interviewNotes.slug)).toHaveLength(1);
    expect(options).toEqual(expect.arrayContaining([...SEED_SLUGS, "none"]));
    expect(routerSystem(routerRequests[0])).toContain(`- ${interviewNotes.slug}: ${interviewNotes.routerDescription}`);
    const [speculative, kept] = models.requestsFor(BEST).slice(bestBefore);
    expect(speculative.messages[0].content).not.toContain("Current task: Customer interview notes");
    expect(kept.messages[0].content).toContain("Current task: Customer interview notes");

    const view = await getConversation(member, conversationId);
    expect(view.conversation.currentTask).toEqual({ slug: interviewNotes.slug, name: interviewNotes.name, icon: interviewNotes.icon });
    expect(routingsOf(view).map((r) => [r?.action, r?.task?.slug ?? null])).toEqual([
      ["none", null],
      ["start", interviewNotes.slug],
    ]);
  });

  it("never offers a disabled or deleted task, and keeps conversations that used a deleted task readable", async () => {
    const quarterly = await createTask(admin, otherTask("quarterly-okr-review", "Quarterly OKR review"));
    const conversationId = await createConversation(member);

    // disabled: gone from the router's options, listed as disabled for the admin
    const disabled = await setEnabled(admin, quarterly.id, false);
    expect(disabled.status).toBe(200);
    expect((await disabled.json()).task).toMatchObject({ id: quarterly.id, enabled: false });
    expect((await listTasks(admin, "?enabled=false")).map((t) => t.slug)).toContain(quarterly.slug);
    expect((await listTasks(admin, "?enabled=true")).map((t) => t.slug)).not.toContain(quarterly.slug);
    await turnWithoutTask(member, conversationId, "Can you help me review our OKRs for the quarter?");
    expect(routerEnum(models.requestsFor(FAST).at(-1))).not.toContain(quarterly.slug);
    expect(routerSystem(models.requestsFor(FAST).at(-1))).not.toContain(quarterly.slug);

    // an explicit /slug for a disabled task is not taken either
    models.script(FAST, routerSays("none"));
    models.script(BEST, "I can help with that in general terms.");
    const command = await sendTurn(member, { conversationId, text: `/${quarterly.slug} Q3 for the sales team` });
    expect(command.routing).toMatchObject({ action: "none", source: "router", task: null });
    expectQueuesDrained();

    // re-enabled: offered again
    expect((await setEnabled(admin, quarterly.id, true)).status).toBe(200);
    await turnWithoutTask(member, conversationId, "Let's start with the sales team objectives.");
    expect(routerEnum(models.requestsFor(FAST).at(-1))).toContain(quarterly.slug);

    // deleted while no conversation refers to it: removed for good
    const removed = await deleteTask(admin, quarterly.id);
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ kept: false });
    expect((await admin.get(`/api/tasks/${quarterly.id}`)).status).toBe(404);
    await turnWithoutTask(member, conversationId, "Actually, never mind the OKRs.");
    expect(routerEnum(models.requestsFor(FAST).at(-1))).not.toContain(quarterly.slug);

    // deleted while a conversation refers to it: kept for that conversation's history only
    const checklist = await createTask(admin, otherTask("supplier-onboarding-checklist", "Supplier onboarding checklist"));
    const usedIn = await createConversation(member);
    const checklistBody = "- Collect the W-9\n- Verify the bank details\n- Sign the NDA";
    models.script(BEST, withDeliverable("Supplier onboarding checklist – Nordwind GmbH", checklistBody));
    const used = await sendTurn(member, { conversationId: usedIn, text: `/${checklist.slug} Nordwind GmbH, our new packaging supplier` });
    expect(used.routing).toMatchObject({ action: "start", source: "user", task: { slug: checklist.slug } });
    expect(used.deliverables).toHaveLength(1);
    expectQueuesDrained();
    const historyBefore = await getConversation(member, usedIn);

    const kept = await deleteTask(admin, checklist.id);
    expect(kept.status).toBe(200);
    expect(await kept.json()).toEqual({ kept: true });
    expect((await listTasks()).map((t) => t.id)).not.toContain(checklist.id);
    expect((await listTasks()).map((t) => t.name)).not.toContain(checklist.name);
    expect(await listTasks(admin, "?search=supplier-onboarding")).toEqual([]);
    expect((await admin.get(`/api/tasks/${checklist.id}`)).status).toBe(404);
    expect((await setEnabled(admin, checklist.id, true)).status).toBe(404);

    const history = await getConversation(member, usedIn);
    expect(history.messages).toEqual(historyBefore.messages.map((m) => expect.objectContaining({ id: m.id, role: m.role })));
    expect(history.deliverables).toHaveLength(1);
    expect(history.deliverables[0].task?.name).toBe(checklist.name);
    expect(history.deliverables[0].versions.map((v) => v.body)).toEqual([checklistBody]);
    expect(routingsOf(history)[0]?.task?.name).toBe(checklist.name);
    expect(routingsOf(history)[0]?.action).toBe("start");

    // its slug is free for a new task, which the router offers once
    const successor = await createTask(admin, otherTask(checklist.slug, "Supplier onboarding checklist (2025)"));
    expect(successor.id).not.toBe(checklist.id);
    expect((await listTasks()).filter((t) => t.slug === checklist.slug).map((t) => t.id)).toEqual([successor.id]);

    // the old conversation moves on to the new task; its history still names the old one
    models.script(FAST, routerSays(checklist.slug));
    models.script(BEST, speculativeDiscard("none"), withDeliverable("Supplier onboarding checklist – Kessler AG", "- Collect the VAT number"));
    const next = await sendTurn(member, { conversationId: usedIn, text: "Now the same checklist for Kessler AG, please." });
    expect(next.status).toBe(200);
    expect(next.errorText).toBeUndefined();
    expect(routerEnum(models.requestsFor(FAST).at(-1)).filter((o) => o === checklist.slug)).toHaveLength(1);
    expect(next.routing).toMatchObject({ action: "start", previousTask: null, task: { slug: checklist.slug, name: successor.name } });
    expect(next.routing?.notice).toContain(checklist.name);
    expectQueuesDrained();
    const after = await getConversation(member, usedIn);
    expect(after.deliverables.map((d) => d.task?.name).sort()).toEqual([checklist.name, successor.name].sort());
    expect(routingsOf(after)[0]?.task?.name).toBe(checklist.name);
  });

  it("continues without a task, with a notice, when the conversation's current task is disabled", async () => {
    const brief = await createTask(admin, otherTask("board-update-brief", "Board update brief"));
    const conversationId = await createConversation(member);
    models.script(BEST, "What period should the board update cover?");
    const started = await sendTurn(member, { conversationId, text: `/${brief.slug} for the March board meeting` });
    expect(started.routing).toMatchObject({ action: "start", task: { slug: brief.slug } });
    expectQueuesDrained();
    expect((await getConversation(member, conversationId)).conversation.currentTask?.slug).toBe(brief.slug);

    expect((await setEnabled(admin, brief.id, false)).status).toBe(200);

    const bestBefore = models.requestsFor(BEST).length;
    models.script(FAST, routerSays("none"));
    models.script(BEST, "Happy to keep helping. What would you like to do next?");
    const turn = await sendTurn(member, { conversationId, text: "It covers January to March." });
    expect(turn.status, JSON.stringify(turn.error)).toBe(200);
    expect(turn.errorText).toBeUndefined();
    expect(turn.finish).toMatchObject({ messageMetadata: { status: "complete" } });
    expect(turn.routing).toMatchObject({ action: "none", source: "router", task: null, previousTask: null });
    expect(turn.routing?.notice).toEqual(expect.stringContaining(brief.name));
    expect(turn.text).toBe("Happy to keep helping. What would you like to do next?");
    expectQueuesDrained();

    const router = models.requestsFor(FAST).at(-1);
    expect(routerEnum(router)).not.toContain(brief.slug);
    expect(router?.messages.find((m) => m.role === "user")?.content).toMatch(/^Current task: none/);
    const executor = models.requestsFor(BEST).slice(bestBefore);
    expect(executor).toHaveLength(1);
    expect(executor[0].messages[0].content).not.toContain("Current task: Board update brief");

    const view = await getConversation(member, conversationId);
    expect(view.conversation.currentTask).toBeNull();
    expect(routingsOf(view).map((r) => r?.action)).toEqual(["start", "none"]);
  });

  it("rejects invalid, duplicate, unknown and unauthorised task requests", async () => {
    const countBefore = (await listTasks()).length;

    const invalid = await admin.post("/api/tasks", {
      ...otherTask("placeholder", "Placeholder"),
      slug: "Bad Slug!",
      name: "",
      outputKind: "poem",
      infoToCollect: [
        { name: "topic", description: "What it is about" },
        { name: "topic", description: "The same name again" },
      ],
    });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { code: string; fields: Record<string, string[]> };
    expect(body.code).toBe("bad_request:task");
    expect(Object.keys(body.fields).sort()).toEqual(["infoToCollect", "name", "outputKind", "slug"]);
    expect(body.fields.slug[0]).toMatch(/Lower-case letters and digits/);
    expect(body.fields.name[0]).toMatch(/Give the task a name/);
    expect(body.fields.outputKind[0]).toMatch(/minutes|email|memo|custom/);
    expect(body.fields.infoToCollect[0]).toMatch(/unique/);
    expect((await listTasks()).length).toBe(countBefore);

    const duplicate = await admin.post("/api/tasks", otherTask("meeting-minutes", "Another minutes task"));
    expect(duplicate.status).toBe(409);
    const conflict = await duplicate.json();
    expect(conflict.code).toBe("conflict:task");
    expect(conflict.fields.slug[0]).toMatch(/already used/);
    expect((await listTasks()).map((t) => t.name)).not.toContain("Another minutes task");

    const unknown = "cl0000000000000000unknown";
    const valid = otherTask("unknown-target", "Unknown target");
    const unknownResponses = [
      await admin.get(`/api/tasks/${unknown}`),
      await admin.request(`/api/tasks/${unknown}`, { method: "PUT", json: valid }),
      await setEnabled(admin, unknown, false),
      await deleteTask(admin, unknown),
      await admin.post(`/api/tasks/${unknown}/duplicate`, {}),
    ];
    for (const response of unknownResponses) {
      expect(response.status).toBe(404);
      expect((await response.json()).code).toBe("not_found:task");
    }
    expect((await listTasks()).map((t) => t.slug)).not.toContain("unknown-target");

    // a plain user and an anonymous visitor, on every task route, against a real task
    const [target] = await listTasks(admin, "?search=meeting-minutes");
    const before = await (await admin.get(`/api/tasks/${target.id}`)).json();
    const routes = (client: HttpClient) => [
      () => client.get("/api/tasks"),
      () => client.post("/api/tasks", otherTask("sneaky-task", "Sneaky task")),
      () => client.get(`/api/tasks/${target.id}`),
      () => client.request(`/api/tasks/${target.id}`, { method: "PUT", json: { ...otherTask(target.slug, "Hijacked") } }),
      () => setEnabled(client, target.id, false),
      () => deleteTask(client, target.id),
      () => client.post(`/api/tasks/${target.id}/duplicate`, {}),
      () => client.get("/api/tasks/export"),
      () => client.post("/api/tasks/import", { format: "switchboard.tasks/v1", tasks: [otherTask("sneaky-import", "Sneaky import")] }),
    ];
    for (const call of routes(member)) {
      const response = await call();
      expect(response.status).toBe(403);
      expect((await response.json()).code).toBe("forbidden:admin");
    }
    for (const call of routes(new HttpClient(app.url))) {
      const response = await call();
      expect(response.status).toBe(401);
      expect((await response.json()).code).toBe("unauthorized:auth");
    }
    expect(await (await admin.get(`/api/tasks/${target.id}`)).json()).toEqual(before);
    const slugs = (await listTasks()).map((t) => t.slug);
    expect(slugs).not.toContain("sneaky-task");
    expect(slugs).not.toContain("sneaky-import");
    expect(slugs.filter((s) => s.startsWith("meeting-minutes-copy"))).toEqual([]);
  });

  it("exports the registry and imports it back without loss, all or nothing", async () => {
    // a disabled task with no icon and an optional field, so every kind of value travels
    await createTask(
      admin,
      otherTask("incident-postmortem", "Incident postmortem", {
        icon: null,
        enabled: false,
        outputKind: "minutes",
        exampleRequests: ["Write the postmortem of last night's outage", "Rédige le post-mortem de l'incident d'hier"],
      }),
    );

    const exported = await admin.get("/api/tasks/export");
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toMatch(/attachment; filename="switchboard-tasks-\d{4}-\d{2}-\d{2}\.json"/);
    const first = (await exported.json()) as { format: string; exportedAt: string; tasks: TaskBody[] };
    expect(first.format).toBe("switchboard.tasks/v1");
    const live = await listTasks();
    expect(first.tasks.map((t) => t.slug).sort()).toEqual(live.map((t) => t.slug).sort());
    expect(first.tasks.find((t) => t.slug === "incident-postmortem")).toMatchObject({
      enabled: false,
      icon: null,
      outputKind: "minutes",
      exampleRequests: ["Write the postmortem of last night's outage", "Rédige le post-mortem de l'incident d'hier"],
    });

    // the user-facing text in every language travels too
    const seeded = first.tasks.find((t) => t.slug === "meeting-minutes") as TaskBody & { description: string; translations: Record<string, unknown> };
    expect(seeded.description).toMatch(/minutes/);
    expect(Object.keys(seeded.translations).sort()).toEqual(["es", "fr"]);
    expect(seeded.exampleRequests?.length).toBeGreaterThanOrEqual(6);

    const imported = await admin.post("/api/tasks/import", first);
    const report = await imported.json();
    expect(imported.status, JSON.stringify(report)).toBe(200);
    expect(report.format).toBe("switchboard");
    expect(report.ignored).toEqual([]);
    expect(report.tasks).toHaveLength(first.tasks.length);
    // updates keep each task's enabled state
    expect(report.tasks.every((t: { action: string }) => t.action === "update")).toBe(true);
    expect(Object.fromEntries(report.tasks.map((t: { slug: string; enabled: boolean }) => [t.slug, t.enabled]))).toEqual(
      Object.fromEntries(live.map((t) => [t.slug, t.enabled])),
    );
    expect((await listTasks()).map((t) => t.id).sort()).toEqual(live.map((t) => t.id).sort());

    const second = (await (await admin.get("/api/tasks/export")).json()) as typeof first;
    const { exportedAt: _a, ...firstRest } = first;
    const { exportedAt: _b, ...secondRest } = second;
    expect(secondRest).toEqual(firstRest);

    // a new task file creates its task; a file with one bad task imports nothing
    const fresh = otherTask("release-notes", "Release notes", {
      outputKind: "memo",
      infoToCollect: [{ name: "version", description: "The release's version number", required: true }],
    });
    const createdReport = await (await admin.post("/api/tasks/import?enable=release-notes", { format: "switchboard.tasks/v1", tasks: [fresh] })).json();
    expect(createdReport).toMatchObject({
      format: "switchboard",
      dryRun: false,
      tasks: [{ slug: "release-notes", action: "create", enabled: true }],
      used: [],
      ignored: [],
    });
    expect((await listTasks(admin, "?search=release-notes"))[0]).toMatchObject({ ...fresh, enabled: true });

    const half = await admin.post("/api/tasks/import", {
      format: "switchboard.tasks/v1",
      tasks: [otherTask("vendor-scorecard", "Vendor scorecard"), { ...otherTask("broken-task", "Broken"), slug: "Broken Task" }],
    });
    expect(half.status).toBe(400);
    const halfBody = await half.json();
    expect(halfBody.code).toBe("bad_request:import");
    expect(Object.keys(halfBody.fields)).toEqual(["tasks.1.slug"]);
    expect((await listTasks()).map((t) => t.slug)).not.toContain("vendor-scorecard");

    // the whole export into a fresh installation: the seed tasks are updated, the rest created, nothing lost
    const freshDb = await createTestDatabase();
    const freshApp = await startApp({ ...env, ...freshDb.env });
    try {
      const freshAdmin = new HttpClient(freshApp.url);
      const email = uniqueEmail("fresh-admin");
      expect((await freshAdmin.signUp(email, "fresh-password-1")).status).toBe(201);
      expect(await freshAdmin.signIn(email, "fresh-password-1")).toBe(true);
      // the admin enables what was enabled where the file came from
      const enable = first.tasks
        .filter((t) => t.enabled)
        .map((t) => `enable=${encodeURIComponent(t.slug)}`)
        .join("&");
      const freshReport = await (await freshAdmin.post(`/api/tasks/import?${enable}`, first)).json();
      expect(Object.fromEntries(freshReport.tasks.map((t: { slug: string; action: string }) => [t.slug, t.action]))).toEqual(
        Object.fromEntries(first.tasks.map((t) => [t.slug, SEED_SLUGS.includes(t.slug) ? "update" : "create"])),
      );
      const { exportedAt: _c, ...freshRest } = (await (await freshAdmin.get("/api/tasks/export")).json()) as typeof first;
      expect(freshRest).toEqual(firstRest);
    } finally {
      await freshApp.stop();
      await freshDb.drop();
    }
  });

  it("imports Mojodex task specs, updates them on a second import, and rejects an invalid list whole", async () => {
    const salesBrief = {
      name_for_system: "prepare_sales_call_brief",
      definition_for_system: "The user is about to call a prospect and needs a one-page brief: who they are, what they care about and what to ask.",
      final_instruction:
        "Write a brief the user can read in two minutes before the call. Use only what the user told you; turn unknowns into questions to ask.",
      output_format_instruction_title: "Call brief – <company> – <date of the call>",
      output_format_instruction_draft: "Sections: Company snapshot, People on the call, Their likely priorities, Questions to ask, Our goal for the call.",
      output_type: "document",
      icon: "📞",
      infos_to_extract: [
        { info_name: "company", description: "The prospect's company and industry" },
        { info_name: "call_goal", description: "What the user wants to get out of the call" },
      ],
      task_displayed_data: [
        {
          language_code: "en",
          name_for_user: "Sales call brief",
          definition_for_user: "Get a one-page brief before a sales call",
          json_input: [
            {
              input_name: "call_context",
              description_for_user: "Who are you calling, and why?",
              description_for_system: "Who the call is with and why it is happening",
              placeholder: "Renewal call with Acme's CFO on Thursday",
              type: "text_area",
            },
          ],
        },
        {
          language_code: "fr",
          name_for_user: "Brief d'appel commercial",
          definition_for_user: "Obtenez un brief d'une page avant un appel commercial",
          json_input: [],
        },
      ],
      predefined_actions: [{ task_name: "follow_up_email", displayed_data: [{ language_code: "en", name: "Send a follow-up email" }] }],
      platforms: ["webapp", "mobile"],
      datetime: "2024-02-01T10:00:00.000Z",
    };
    const statusUpdate = {
      name_for_system: "write_weekly_status_update",
      definition_for_system: "The user wants to send stakeholders a weekly status update on a project: progress, risks and next steps.",
      final_instruction: "Write the status update as an email the user can send as is. Be factual; flag risks plainly; never invent progress.",
      output_format_instruction_title: "Subject line: '<project> – status week <week number>'",
      output_format_instruction_draft: "Greeting, three bullets of progress, risks with owners, next week's plan, sign-off with [Your name].",
      output_type: "email",
      icon: "📈",
      infos_to_extract: [
        { info_name: "project", description: "The project the update is about" },
        { info_name: "progress", description: "What was done this week" },
        { info_name: "risks", description: "Risks or blockers, with owners" },
      ],
      task_displayed_data: [
        { language_code: "en", name_for_user: "Weekly status update", definition_for_user: "Send your weekly project update", json_input: [] },
      ],
      predefined_actions: [],
      platforms: ["webapp"],
      datetime: "2024-03-12T08:30:00.000Z",
    };
    const countBefore = (await listTasks()).length;

    const response = await admin.post("/api/tasks/import?enable=prepare_sales_call_brief&enable=write_weekly_status_update", [salesBrief, statusUpdate]);
    const report = await response.json();
    expect(response.status, JSON.stringify(report)).toBe(200);
    expect(report.format).toBe("mojodex");
    expect(report.tasks.map((t: { slug: string; action: string; enabled: boolean }) => [t.slug, t.action, t.enabled])).toEqual([
      ["prepare_sales_call_brief", "create", true],
      ["write_weekly_status_update", "create", true],
    ]);
    const ignoredFields = (spec: string) =>
      report.ignored
        .filter((i: { spec: string }) => i.spec === spec)
        .map((i: { field: string }) => i.field)
        .sort();
    expect(ignoredFields("prepare_sales_call_brief")).toEqual(["datetime", "json_input.placeholder", "json_input.type", "platforms"].sort());
    // both languages of the displayed data are used, the form's question is merged into infos_to_extract,
    // and the predefined action starts the registry's follow-up email (follow_up_email, written with _)
    expect(report.used.filter((u: { spec: string }) => u.spec === "prepare_sales_call_brief").map((u: { field: string }) => u.field)).toEqual([
      "task_displayed_data.0",
      "task_displayed_data.1",
      "task_displayed_data.0.json_input",
      "predefined_actions.0",
    ]);
    expect(ignoredFields("write_weekly_status_update")).toEqual(["datetime", "platforms"]);
    expect(report.ignored.find((i: { spec: string; field: string }) => i.spec === "prepare_sales_call_brief" && i.field === "platforms").reason).toMatch(
      /webapp, mobile/,
    );

    const tasks = await listTasks();
    expect(tasks).toHaveLength(countBefore + 2);
    const brief = tasks.find((t) => t.slug === "prepare_sales_call_brief");
    expect(brief).toMatchObject({
      name: "Sales call brief",
      description: "Get a one-page brief before a sales call",
      translations: { fr: { name: "Brief d'appel commercial", description: "Obtenez un brief d'une page avant un appel commercial" } },
      icon: "📞",
      outputKind: "memo",
      enabled: true,
      outputTitleFormat: salesBrief.output_format_instruction_title,
      outputBodyFormat: salesBrief.output_format_instruction_draft,
      followUpActions: [{ target: "follow-up-email", label: "Send a follow-up email", translations: {} }],
    });
    expect(brief?.routerDescription).toContain(salesBrief.definition_for_system);
    expect(brief?.instructions).toContain(salesBrief.final_instruction);
    expect(brief?.infoToCollect.map((i) => i.name)).toEqual(["company", "call_goal"]);
    expect(tasks.find((t) => t.slug === "write_weekly_status_update")).toMatchObject({ name: "Weekly status update", outputKind: "email" });

    // the same specs again (one of them reworded): updated in place, not duplicated
    const reworded = { ...statusUpdate, final_instruction: "Write the status update as a short email. Be factual and flag risks plainly." };
    const againResponse = await admin.post("/api/tasks/import", [salesBrief, reworded]);
    const again = await againResponse.json();
    expect(againResponse.status, JSON.stringify(again)).toBe(200);
    expect(again.tasks.map((t: { slug: string; action: string; enabled: boolean }) => [t.slug, t.action, t.enabled])).toEqual([
      ["prepare_sales_call_brief", "update", true],
      ["write_weekly_status_update", "update", true],
    ]);
    const afterAgain = await listTasks();
    expect(afterAgain).toHaveLength(countBefore + 2);
    expect(afterAgain.find((t) => t.slug === "write_weekly_status_update")?.instructions).toContain("Write the status update as a short email.");
    expect(afterAgain.find((t) => t.slug === "prepare_sales_call_brief")?.id).toBe(brief?.id);

    // an invalid list: the second spec has no name_for_system, the third's infos_to_extract is a string
    const newsletter = { ...statusUpdate, name_for_system: "draft_partner_newsletter", task_displayed_data: [] };
    const { name_for_system: _omitted, ...nameless } = { ...salesBrief, definition_for_system: "A spec someone forgot to name." };
    const ticket = { ...statusUpdate, name_for_system: "summarize_support_ticket", infos_to_extract: "customer, issue, urgency" };
    const rejected = await admin.post("/api/tasks/import", [newsletter, nameless, ticket]);
    expect(rejected.status).toBe(400);
    const error = (await rejected.json()) as { code: string; message: string; fields: Record<string, string[]> };
    expect(error.code).toBe("bad_request:import");
    expect(error.message).toMatch(/2 of 3 .*nothing was imported/);
    expect(Object.keys(error.fields).sort()).toEqual(["spec 2.name_for_system", 'spec 3 (name_for_system "summarize_support_ticket").infos_to_extract']);
    expect(error.fields["spec 2.name_for_system"][0]).toMatch(/Missing/);
    expect(error.fields['spec 3 (name_for_system "summarize_support_ticket").infos_to_extract'][0]).toMatch(/got a string/);
    const afterRejected = (await listTasks()).map((t) => t.slug);
    expect(afterRejected).toHaveLength(countBefore + 2);
    expect(afterRejected).not.toContain("draft_partner_newsletter");
    expect(afterRejected).not.toContain("summarize_support_ticket");
  });

  it("keeps follow-up actions through the API, export and import, and refuses one whose task does not exist", async () => {
    // the seed's minutes carry their button, in every interface language, in the export
    const exported = (await (await admin.get("/api/tasks/export")).json()) as { tasks: TaskBody[] };
    expect(exported.tasks.find((t) => t.slug === "meeting-minutes")?.followUpActions).toEqual([
      {
        target: "follow-up-email",
        label: "Write the follow-up email",
        translations: { es: "Redactar el correo de seguimiento", fr: "Rédiger l’e-mail de suivi" },
      },
    ]);

    // a save naming a task that does not exist, or the task itself: a field error per action, nothing saved
    const refused = await admin.post(
      "/api/tasks",
      otherTask("agenda-prep", "Agenda", {
        followUpActions: [
          { target: "no-such-task", label: "Go" },
          { target: "agenda-prep", label: "Again" },
        ],
      }),
    );
    expect(refused.status).toBe(400);
    expect((await refused.json()).fields).toEqual({
      "followUpActions.0.target": ["No task has this slug; choose an existing task."],
      "followUpActions.1.target": ["A follow-up action starts another task, not this one."],
    });
    expect((await listTasks()).some((t) => t.slug === "agenda-prep")).toBe(false);

    // saved with a task that exists; renaming that task keeps the button pointing at it
    const target = await createTask(admin, otherTask("handover-notes", "Handover notes"));
    const source = await createTask(
      admin,
      otherTask("agenda-prep", "Agenda", { followUpActions: [{ target: "handover-notes", label: "Write the handover" }] }),
    );
    expect(source.followUpActions).toEqual([{ target: "handover-notes", label: "Write the handover", translations: {} }]);
    const { id: _id, ...targetBody } = target;
    const renamed = await admin.request(`/api/tasks/${target.id}`, { method: "PUT", json: { ...targetBody, slug: "handover-note" } });
    expect(renamed.status, await renamed.clone().text()).toBe(200);
    expect((await listTasks()).find((t) => t.slug === "agenda-prep")?.followUpActions).toEqual([
      { target: "handover-note", label: "Write the handover", translations: {} },
    ]);

    // an import keeps the actions whose task is in the registry or the file, and leaves out, with a note, the others
    const file = {
      format: "switchboard.tasks/v1",
      tasks: [
        otherTask("shift-report", "Shift report", {
          followUpActions: [
            { target: "ghost-task", label: "Haunt" },
            { target: "handover-note", label: "Hand over" },
            { target: "shift-summary", label: "Summarise" },
          ],
        }),
        otherTask("shift-summary", "Shift summary"),
      ],
    };
    const report = await (await admin.post("/api/tasks/import?skip=shift-summary", file)).json();
    expect(report.ignored).toEqual([
      {
        spec: "shift-report",
        field: "followUpActions.0",
        reason: "The task “ghost-task” is in neither the registry nor this import, so this follow-up action was left out.",
      },
      // skipped, so not imported
      {
        spec: "shift-report",
        field: "followUpActions.2",
        reason: "The task “shift-summary” is in neither the registry nor this import, so this follow-up action was left out.",
      },
    ]);
    expect((await listTasks()).find((t) => t.slug === "shift-report")?.followUpActions).toEqual([
      { target: "handover-note", label: "Hand over", translations: {} },
    ]);
  });

  it("previews an import first, flags likely duplicates and template text, and keeps imported tasks off until the admin enables them", async () => {
    // Mojodex's own template spec, placeholders and all, and its sample follow-up email (English and French), plus German
    const template = mojodexTemplateSpec();
    const followUp = mojodexFollowUpSpec();
    followUp.task_displayed_data.push({
      language_code: "de",
      name_for_user: "Follow-up-E-Mail",
      definition_for_user: "Eine Follow-up-E-Mail nach Ihrem Meeting",
      json_input: [],
    });
    const registryBefore = await listTasks();
    const builtIn = registryBefore.find((t) => t.slug === "follow-up-email");
    expect(builtIn).toBeDefined();

    // the preview says what would happen and writes nothing
    const preview = await admin.post("/api/tasks/import?dryRun=true", [template, followUp]);
    const plan = await preview.json();
    console.log(
      "import preview:",
      JSON.stringify(plan.tasks.map((t: Record<string, unknown>) => [t.slug, t.action, t.enabled, t.duplicates, (t.placeholders as unknown[])?.length])),
    );
    expect(preview.status, JSON.stringify(plan)).toBe(200);
    expect(plan).toMatchObject({ format: "mojodex", dryRun: true });
    const [templateTask, followUpTask] = plan.tasks;
    expect(templateTask).toMatchObject({ slug: "system_task_name", name: "<USER TASK NAME>", action: "create", enabled: false, duplicates: [] });
    expect(templateTask.placeholders).toEqual(
      expect.arrayContaining([
        { field: "task_displayed_data.0.name_for_user", text: "<USER TASK NAME>" },
        { field: "name_for_system", text: "<SYSTEM TASK NAME>" },
        { field: "final_instruction", text: "<FINAL INSTRUCTION>" },
      ]),
    );
    expect(followUpTask).toMatchObject({
      slug: "follow-up_email",
      name: "Follow-up email",
      description: "Get a preliminary follow-up email for your meeting",
      action: "create",
      enabled: false,
      placeholders: [],
      duplicates: [{ id: builtIn!.id, slug: "follow-up-email", name: "Follow-up email", reason: "sameName" }],
    });
    // the report names the displayed data it used, and what it left out
    const notes = (list: { spec: string; field: string; reason: string }[]) =>
      Object.fromEntries(list.filter((n) => n.spec === "follow-up_email").map((n) => [n.field, n.reason]));
    expect(notes(plan.used)).toEqual({
      "task_displayed_data.0": expect.stringMatching(/name and description for users \(English/),
      "task_displayed_data.1": expect.stringMatching(/reading in French/),
      "task_displayed_data.0.json_input": expect.stringMatching(/^Merged into the information to collect.*meeting_notes, call_to_action.*meeting_informations/),
    });
    expect(Object.keys(notes(plan.ignored))).toEqual(expect.arrayContaining(["task_displayed_data.2", "task_displayed_data.1.json_input"]));
    expect(notes(plan.ignored)["task_displayed_data.2"]).toMatch(/German/);
    expect(Object.keys(notes(plan.ignored))).not.toContain("task_displayed_data");
    expect(await listTasks()).toEqual(registryBefore);

    // the admin leaves the template out: the follow-up email is created, disabled, with its French text
    const confirmed = await admin.post("/api/tasks/import?skip=system_task_name", [template, followUp]);
    const done = await confirmed.json();
    expect(confirmed.status, JSON.stringify(done)).toBe(200);
    expect(done.tasks.map((t: { slug: string; action: string; enabled: boolean }) => [t.slug, t.action, t.enabled])).toEqual([
      ["system_task_name", "skip", false],
      ["follow-up_email", "create", false],
    ]);
    const after = await listTasks();
    expect(after.map((t) => t.slug)).not.toContain("system_task_name");
    expect(after.find((t) => t.slug === "follow-up_email")).toMatchObject({
      enabled: false,
      description: "Get a preliminary follow-up email for your meeting",
      translations: { fr: { name: "E-mail de suivi", description: "Rédigez un e-mail suite à une réunion" } },
      infoToCollect: [
        { name: "meeting_notes", description: "The notes taken by the user about the meeting", required: true },
        { name: "call_to_action", description: "The follow-up that the user expects from the meeting and wants to share if any", required: true },
      ],
    });

    // not offered to the router until the admin enables it
    const conversationId = await createConversation(member);
    await turnWithoutTask(member, conversationId, "I need to write to the people from this morning's meeting.");
    expect(routerEnum(models.requestsFor(FAST).at(-1))).not.toContain("follow-up_email");

    // a second import with the admin's choice enables it; an unknown slug in the choices is refused
    const enabled = await (await admin.post("/api/tasks/import?enable=follow-up_email", followUp)).json();
    expect(enabled.tasks).toMatchObject([{ slug: "follow-up_email", action: "update", enabled: true }]);
    const unknown = await admin.post("/api/tasks/import?enable=no-such-task", followUp);
    expect(unknown.status).toBe(400);
    expect(Object.keys((await unknown.json()).fields)).toEqual(["enable"]);
    await turnWithoutTask(member, conversationId, "Something else entirely.");
    expect(routerEnum(models.requestsFor(FAST).at(-1))).toContain("follow-up_email");
    const removed = await deleteTask(admin, (await listTasks()).find((t) => t.slug === "follow-up_email")!.id);
    expect(removed.status).toBe(200);
  });

  // Postgres only: a PGlite data folder admits one process, so two app instances cannot share it.
  it.runIf(kind === "postgres")("lets a second instance on the same database route to a task created on the first", async () => {
    const second = await startApp(env);
    try {
      const memberOnB = new HttpClient(second.url);
      expect(await memberOnB.signIn(accounts.member.email, accounts.member.password)).toBe(true);
      const adminOnB = new HttpClient(second.url);
      expect(await adminOnB.signIn(accounts.admin.email, accounts.admin.password)).toBe(true);
      const conversationId = await createConversation(memberOnB);

      // B's registry cache is warm before the change
      await turnWithoutTask(memberOnB, conversationId, "Morning! Busy day of vendor calls ahead.", second);
      const task = otherTask("vendor-call-recap", "Vendor call recap", { outputKind: "memo" });
      expect(routerEnum(models.requestsFor(FAST).at(-1))).not.toContain(task.slug);

      const created = await createTask(admin, task); // on instance A
      models.script(FAST, routerSays(task.slug));
      models.script(BEST, speculativeDiscard("general"), "Which vendor was it, and what did you agree?");
      const turn = await sendTurn(memberOnB, { conversationId, text: "Just got off a call with our packaging vendor, recap it for me" });
      expect(turn.status, JSON.stringify(turn.error)).toBe(200);
      expect(routerEnum(models.requestsFor(FAST).at(-1))).toContain(task.slug);
      expect(turn.routing).toMatchObject({ action: "start", task: { slug: task.slug, name: task.name }, previousTask: null });
      expect(turn.text).toBe("Which vendor was it, and what did you agree?");
      expectQueuesDrained(second);

      // an edit on B reaches A's router prompt
      const warmOnA = await createConversation(member);
      await turnWithoutTask(member, warmOnA, "Hello from instance A.");
      const description = "The user had a call with a supplier or vendor and wants a recap of prices, commitments and open issues.";
      const edited = await adminOnB.request(`/api/tasks/${created.id}`, { method: "PUT", json: { ...task, routerDescription: description } });
      expect(edited.status).toBe(200);
      await turnWithoutTask(member, warmOnA, "What was I doing again?");
      expect(routerSystem(models.requestsFor(FAST).at(-1))).toContain(`- ${task.slug}: ${description}`);

      // disabled on A: B stops offering it, and B's conversation continues without it
      expect((await setEnabled(admin, created.id, false)).status).toBe(200);
      models.script(FAST, routerSays("none"));
      models.script(BEST, "No problem, what else can I do?");
      const after = await sendTurn(memberOnB, { conversationId, text: "Forget the recap." });
      expect(routerEnum(models.requestsFor(FAST).at(-1))).not.toContain(task.slug);
      expect(after.routing).toMatchObject({ action: "none", previousTask: null, task: null });
      expect(after.routing?.notice).toContain(task.name);
      expectQueuesDrained(second);
    } finally {
      await second.stop();
    }
  });
});
