import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startApp } from "../support/app-server";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database";
import { HttpClient, uniqueEmail } from "../support/http-client";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const limits = {
  RATE_LIMIT_CHAT_PER_MINUTE: "3",
  RATE_LIMIT_TRANSCRIBE_PER_MINUTE: "2",
  RATE_LIMIT_SIGNIN_PER_15_MINUTES: "3",
  RATE_LIMIT_SIGNIN_ADDRESS_PER_HOUR: "5",
};

describe(`rate limits on ${testDatabaseKind()}`, () => {
  const databases: TestDatabase[] = [];
  const apps: AppServer[] = [];

  async function app(env: Record<string, string>) {
    const database = await createTestDatabase();
    databases.push(database);
    const server = await startApp({ ...database.env, ...limits, ...env });
    apps.push(server);
    return server;
  }

  async function signedIn(url: string) {
    const client = new HttpClient(url);
    const email = uniqueEmail("limited");
    await client.signUp(email, "limited-password-1");
    expect(await client.signIn(email, "limited-password-1")).toBe(true);
    return client;
  }

  let memoryApp: AppServer;
  beforeAll(async () => {
    memoryApp = await app({});
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await Promise.all(databases.map((d) => d.drop()));
  });

  it("limits chat turns per user, with the time to wait, and other users are not affected", async () => {
    const client = await signedIn(memoryApp.url);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.post("/api/chat", {})).status);
    expect(statuses).toEqual([400, 400, 400, 429]);
    const limited = await client.post("/api/chat", {});
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).message).toMatch(/^Too many messages\. Please try again in (\d+ seconds|1 minute)\.$/);
    const other = await signedIn(memoryApp.url);
    expect((await other.post("/api/chat", {})).status).toBe(400);
  });

  it("limits transcriptions per user", async () => {
    const client = await signedIn(memoryApp.url);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await client.post("/api/transcribe", {})).status);
    expect(statuses).toEqual([415, 415, 429]);
  });

  it("limits sign-in attempts per address and client, says when in words, and lets the owner in from another client", async () => {
    const email = uniqueEmail("guessed");
    await new HttpClient(memoryApp.url).signUp(email, "right-password-1");
    // two clients of a directly reached app, told apart by their connections' addresses
    const attacker = new HttpClient(memoryApp.url, { localAddress: "127.0.0.2" });
    const owner = new HttpClient(memoryApp.url, { localAddress: "127.0.0.1" });
    for (let i = 0; i < 3; i++) expect(await attacker.signInAttempt(email, `wrong-${i}`)).toEqual({ signedIn: false, error: "CredentialsSignin" });
    expect(await owner.signInAttempt(email, "right-password-1")).toEqual({ signedIn: true, error: null });
    // from the guessing client, the right password is refused too for a while
    // the sign-in page gets which limit and how long to wait, and says it in the reader's language (tests/e2e/auth.test.ts)
    const refused = await attacker.signInAttempt(email, "right-password-1");
    expect(refused.signedIn).toBe(false);
    expect(Number(/^rate_limit:signin:(\d+)$/.exec(refused.error ?? "")?.[1])).toBeGreaterThan(14 * 60);
  });

  it("limits failed sign-ins per address from all clients together, more slowly", async () => {
    const email = uniqueEmail("spread");
    await new HttpClient(memoryApp.url).signUp(email, "right-password-1");
    // 5 an hour for the address in this test: 2 + 2 failures from two clients, and the 5th counts too
    for (const localAddress of ["127.0.0.3", "127.0.0.4"]) {
      const guesser = new HttpClient(memoryApp.url, { localAddress });
      for (let i = 0; i < 2; i++) expect((await guesser.signInAttempt(email, `wrong-${i}`)).error).toBe("CredentialsSignin");
    }
    // a successful sign-in is not counted against the address
    expect((await new HttpClient(memoryApp.url, { localAddress: "127.0.0.5" }).signInAttempt(email, "right-password-1")).signedIn).toBe(true);
    const fifth = new HttpClient(memoryApp.url, { localAddress: "127.0.0.6" });
    expect((await fifth.signInAttempt(email, "wrong-5")).error).toBe("CredentialsSignin");
    const refused = await fifth.signInAttempt(email, "wrong-6");
    expect(refused.signedIn).toBe(false);
    expect(Number(/^rate_limit:signin_address:(\d+)$/.exec(refused.error ?? "")?.[1])).toBeGreaterThan(59 * 60);
    expect((await new HttpClient(memoryApp.url, { localAddress: "127.0.0.7" }).signInAttempt(email, "right-password-1")).signedIn).toBe(false);
  });

  it("counts across app instances when REDIS_URL is set (a real Redis on 127.0.0.1:6379)", async () => {
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect().catch((error) => {
      throw new Error(`This test needs Redis at ${REDIS_URL} (set TEST_REDIS_URL): ${error.message}`);
    });
    const [a, b] = await Promise.all([app({ REDIS_URL }), app({ REDIS_URL })]);
    const email = uniqueEmail("shared");
    // the same address on two instances with databases of their own: only Redis connects the counts
    await new HttpClient(a.url).signUp(email, "right-password-1");
    await new HttpClient(b.url).signUp(email, "right-password-1");
    expect(await new HttpClient(a.url).signIn(email, "wrong-1")).toBe(false);
    expect(await new HttpClient(b.url).signIn(email, "wrong-2")).toBe(false);
    expect(await new HttpClient(a.url).signIn(email, "wrong-3")).toBe(false);
    expect(Number(await redis.get(`sb-signin_address:${email}`))).toBe(3);
    expect(await new HttpClient(b.url).signIn(email, "right-password-1")).toBe(false);
    await redis.quit();
  });
});
