import { createServer, type Server, type Socket } from "node:net";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { turnFailureText } from "@/lib/chat/web";
import { AppError, errorToResponse, isDatabaseUnreachable, parseJson } from "@/lib/http";
import { errorText } from "@/lib/i18n";

/**
 * The error pg-pool itself raises when every connection is busy for connectionTimeoutMillis (under load,
 * or while the pool reconnects after a database restart): a pool of one whose only connection hangs in its
 * handshake (a server that accepts and never answers), and a second checkout that waits in the queue.
 */
async function poolCheckoutTimeout(): Promise<Error> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => void sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const pool = new pg.Pool({ host: "127.0.0.1", port, user: "test", database: "test", max: 1, connectionTimeoutMillis: 200 });
  pool.on("error", () => {});
  const first = pool.connect().catch(() => undefined);
  try {
    const second = await pool.connect().then(
      () => new Error("the second checkout got a connection"),
      (error: Error) => error,
    );
    return second;
  } finally {
    // the first checkout's connection never completes: the stand-in is dropped without waiting on it or on the
    // pool's end (either can outlast the test on a busy machine), and nothing of it keeps the process alive
    for (const socket of sockets) socket.destroy();
    void first.catch(() => {});
    void pool.end().catch(() => {});
    server.close();
    server.unref();
  }
}

describe("AppError", () => {
  it.each([
    ["bad_request:api", 400],
    ["unauthorized:auth", 401],
    ["forbidden:chat", 403],
    ["not_found:task", 404],
    ["conflict:user", 409],
    ["unavailable:database", 503],
  ] as const)("%s answers %i with its code and a message", async (code, status) => {
    const response = new AppError(code).toResponse();
    expect(response.status).toBe(status);
    const body = await response.json();
    expect(body.code).toBe(code);
    expect(body.message.length).toBeGreaterThan(5);
  });
});

describe("errorToResponse", () => {
  it("turns an unreachable database into 503 without leaking the driver's message", async () => {
    const error = new Error("connect failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }) });
    const response = errorToResponse(error);
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.code).toBe("unavailable:database");
    expect(JSON.stringify(body)).not.toContain("127.0.0.1");
  });

  it("answers a pool checkout timeout as 503 database unreachable, so the client retries", async () => {
    const timeout = await poolCheckoutTimeout();
    expect(timeout.message).toBe("timeout exceeded when trying to connect");
    expect(isDatabaseUnreachable(timeout)).toBe(true);
    // as Prisma's driver adapter hands it on: the pool's error as the cause
    expect(isDatabaseUnreachable(new Error("query failed", { cause: timeout }))).toBe(true);
    const response = errorToResponse(timeout, "es");
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.code).toBe("unavailable:database");
    expect(body.message).toBe(new AppError("unavailable:database").localizedMessage("es"));
    expect(JSON.stringify(body)).not.toContain("timeout exceeded");
    // a turn already streaming says the same in its error part: the database, press Retry
    expect(turnFailureText(timeout, "fr")).toBe(errorText("fr", { key: "turn.databaseUnreachable" }));
    expect(turnFailureText(new Error("secret internal detail"), "fr")).toBe(errorText("fr", { key: "turn.failed" }));
  });

  it("hides unexpected errors behind a generic 500", async () => {
    const response = errorToResponse(new Error("secret internal detail"));
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain("secret internal detail");
  });
});

describe("parseJson", () => {
  const schema = z.object({ name: z.string().min(2, "Too short.") });
  const request = (body: string, headers: Record<string, string> = {}) => new Request("http://test/", { method: "POST", body, headers });

  it("returns the validated body", async () => {
    await expect(parseJson(request('{"name":"Ada"}'), schema)).resolves.toEqual({ name: "Ada" });
  });

  it("reports per-field messages", async () => {
    const error = await parseJson(request('{"name":"A"}'), schema).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(400);
    // a schema's own message stays in English; other languages get the catalog's wording with zod's limits
    expect(error.localizedFields("en")).toEqual({ name: ["Too short."] });
    expect(error.localizedFields("es")).toEqual({ name: ["Usa al menos 2 caracteres."] });
    expect(error.localizedFields("fr")).toEqual({ name: ["Utilisez au moins 2 caractères."] });
  });

  it("rejects malformed JSON and oversized bodies with their own messages", async () => {
    const malformed = await parseJson(request("{nope"), schema).catch((e) => e);
    expect(malformed.message).toMatch(/not valid JSON/);
    const huge = await parseJson(request(JSON.stringify({ name: "x".repeat(2000) })), schema, { maxBytes: 1000 }).catch((e) => e);
    expect(huge.status).toBe(413);
  });
});
