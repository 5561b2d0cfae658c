import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startApp } from "../support/app-server";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database";
import { HttpClient, uniqueEmail } from "../support/http-client";
import { ScriptedModelServer } from "../support/model-server";

const kind = testDatabaseKind();

describe(`the app over HTTP on ${kind}`, () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let env: Record<string, string>;
  const admin = { email: uniqueEmail("admin"), password: "admin-password-1" };
  const member = { email: uniqueEmail("member"), password: "member-password-1" };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    models = await new ScriptedModelServer().start();
    models.models = ["scripted-best", "scripted-fast"];
    env = {
      ...testDb.env,
      MODEL_BEST: "compatible:scripted-best",
      MODEL_FAST: "compatible:scripted-fast",
      COMPATIBLE_BASE_URL: `${models.url}/v1`,
    };
    app = await startApp(env);
  });

  afterAll(async () => {
    await app?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  it("reports the database migrated and both model slots reachable", async () => {
    const response = await fetch(`${app.url}/api/health`);
    expect(response.status).toBe(200);
    const health = await response.json();
    expect(health).toMatchObject({
      status: "ok",
      database: { kind, reachable: true, pendingMigrations: [] },
      models: [
        { slot: "best", model: "compatible:scripted-best", usable: true },
        { slot: "fast", model: "compatible:scripted-fast", usable: true },
      ],
      // no MODEL_EMBED: lexical retrieval, which is fine
      embedding: { model: null, configured: false, usable: false, problem: null },
    });
  });

  it("rejects invalid sign-up input with a message per field", async () => {
    const response = await new HttpClient(app.url).post("/api/signup", { email: "not-an-email", password: "short" });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.code).toBe("bad_request:signup");
    expect(body.fields.email[0]).toMatch(/valid email/);
    expect(body.fields.password[0]).toMatch(/8 characters/);
    const malformed = await new HttpClient(app.url).request("/api/signup", { method: "POST", body: "{", headers: { "content-type": "application/json" } });
    expect(malformed.status).toBe(400);
  });

  it("makes the first account an admin and later ones users; a duplicate is a conflict", async () => {
    const first = await new HttpClient(app.url).signUp(admin.email, admin.password, "Ada Admin");
    expect(first.status).toBe(201);
    expect((await first.json()).user).toMatchObject({ email: admin.email, role: "ADMIN" });
    const second = await new HttpClient(app.url).signUp(member.email, member.password);
    expect((await second.json()).user.role).toBe("USER");
    const duplicate = await new HttpClient(app.url).signUp(member.email.toUpperCase(), "another-password");
    expect(duplicate.status).toBe(409);
    expect((await duplicate.json()).fields.email[0]).toMatch(/already exists/);
  });

  it("refuses a wrong password", async () => {
    const client = new HttpClient(app.url);
    expect(await client.signIn(admin.email, "wrong-password")).toBe(false);
    expect((await client.get("/api/tasks")).status).toBe(401);
  });

  it("answers 401 without a session, 403 to a non-admin and the seeded tasks to the admin", async () => {
    const anonymous = new HttpClient(app.url);
    const noSession = await anonymous.get("/api/tasks");
    expect(noSession.status).toBe(401);
    expect((await noSession.json()).code).toBe("unauthorized:auth");
    const page = await anonymous.get("/");
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toMatch(/\/signin$/);

    const user = new HttpClient(app.url);
    expect(await user.signIn(member.email, member.password)).toBe(true);
    const forbidden = await user.get("/api/tasks");
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).code).toBe("forbidden:admin");
    expect((await user.get("/")).status).toBe(200);

    const adminClient = new HttpClient(app.url);
    expect(await adminClient.signIn(admin.email, admin.password)).toBe(true);
    const tasks = await adminClient.get("/api/tasks");
    expect(tasks.status).toBe(200);
    const { tasks: list } = await tasks.json();
    expect(list.map((t: { slug: string }) => t.slug).sort()).toEqual(["follow-up-email", "meeting-minutes", "memo-from-ideas"]);
    expect(list[0].infoToCollect.length).toBeGreaterThan(0);
  });

  it("ends the session on sign-out", async () => {
    const client = new HttpClient(app.url);
    await client.signIn(member.email, member.password);
    expect((await client.get("/")).status).toBe(200);
    await client.signOut();
    expect(client.hasSession()).toBe(false);
    expect((await client.get("/")).status).toBe(307);
  });

  it("keeps accounts and tasks across a restart", async () => {
    await app.stop();
    app = await startApp(env);
    const client = new HttpClient(app.url);
    expect(await client.signIn(admin.email, admin.password)).toBe(true);
    const { tasks } = await (await client.get("/api/tasks")).json();
    expect(tasks).toHaveLength(3);
    expect((await client.signUp(admin.email, "whatever-password")).status).toBe(409);
  });

  it("reports a model slot that is not configured, with what to set, while the app keeps serving", async () => {
    // a database of its own: a PGlite data folder admits one process at a time
    const otherDb = await createTestDatabase();
    const unconfigured = await startApp({ ...otherDb.env, MODEL_BEST: "", MODEL_FAST: "" });
    try {
      const health = await (await fetch(`${unconfigured.url}/api/health`)).json();
      expect(health.status).toBe("degraded");
      expect(health.models[0].problem).toMatch(/Set MODEL_BEST/);
    } finally {
      await unconfigured.stop();
      await otherDb.drop();
    }
  });
});
