import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startApp } from "../support/app-server";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database";

const kind = testDatabaseKind();

/** The Content-Security-Policy directives the app must send, as name → sources. */
const EXPECTED_CSP: Record<string, string[]> = {
  "default-src": ["'self'"],
  "script-src": ["'self'", "'unsafe-inline'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:", "blob:"],
  "media-src": ["'self'", "blob:"],
  "connect-src": ["'self'"],
  "font-src": ["'self'", "data:"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

const EXPECTED_HEADERS = {
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-content-type-options": "nosniff",
  "permissions-policy": "camera=(), geolocation=(), microphone=(self)",
};

function parseCsp(header: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of header.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(directives[name.toLowerCase()], `directive ${name} appears twice`).toBeUndefined();
    directives[name.toLowerCase()] = sources;
  }
  return directives;
}

describe(`security headers on ${kind}`, () => {
  let testDb: TestDatabase;
  let app: AppServer;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    app = await startApp({ ...testDb.env });
  });

  afterAll(async () => {
    await app?.stop();
    await testDb?.drop();
  });

  it.each([
    { path: "/", status: 307, what: "the chat page redirecting a visitor to sign in" },
    { path: "/signin", status: 200, what: "the sign-in page" },
    { path: "/signup", status: 200, what: "the sign-up page" },
    { path: "/api/health", status: 200, what: "the health check" },
    { path: "/api/tasks", status: 401, what: "an API error" },
  ])("sends them on $path ($what)", async ({ path, status }) => {
    const response = await fetch(`${app.url}${path}`, { redirect: "manual" });
    expect(response.status).toBe(status);
    if (status === 307) expect(response.headers.get("location")).toMatch(/\/signin$/);

    const csp = response.headers.get("content-security-policy");
    expect(csp, `${path} has no Content-Security-Policy`).toBeTruthy();
    expect(parseCsp(csp!)).toEqual(EXPECTED_CSP);
    // the production build never allows eval
    expect(csp).not.toContain("unsafe-eval");
    expect(response.headers.get("content-security-policy-report-only")).toBeNull();
    for (const [name, value] of Object.entries(EXPECTED_HEADERS)) expect(response.headers.get(name), `${name} on ${path}`).toBe(value);
    expect(response.headers.get("x-powered-by")).toBeNull();
  });
});
