import { describe, expect, it, vi } from "vitest";
import { createUser } from "@/lib/auth";
import { database, db, openDatabase } from "@/lib/db";
import { readMigrationList } from "@/lib/db/migration-files";
import { applyMigrations, diffSchemaAgainstMigrations } from "@/lib/db/migrations";
import { prepareDatabase } from "@/lib/db/setup";
import { AppError } from "@/lib/http";
import { listTasks, seedTasks } from "@/lib/tasks";
import { testDatabaseKind } from "../support/database";
import { withLibDatabase } from "../support/lib-database";

// settings are read once per process: ADMIN_EMAIL is in the environment before anything reads it
vi.hoisted(() => {
  process.env.ADMIN_EMAIL = "Boss@Example.test";
});

withLibDatabase();

describe(`database on ${testDatabaseKind()}`, () => {
  it("records every migration of prisma/migrations in Prisma's own table, and a second run applies none", async () => {
    const { migrationDirectories } = await readMigrationList();
    const rows = await db().$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
      SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(migrationDirectories.map((d) => d.path));
    expect(rows.every((r) => r.finished_at)).toBe(true);
    await expect(database().withMigrationAdapter(applyMigrations)).resolves.toEqual([]);
  });

  it("has migrations that match schema.prisma exactly", async () => {
    // the diff replays the migrations on a shadow database: a scratch in-memory one
    const scratch = openDatabase({ kind: "pglite", location: "memory://" });
    try {
      await expect(scratch.withMigrationAdapter(diffSchemaAgainstMigrations)).resolves.toBe("");
    } finally {
      await scratch.close();
    }
  });

  it("keeps the learnings' search index without a pending list, so searches never scan unmerged entries", async () => {
    const [index] = await db().$queryRaw<{ options: string[] | null }[]>`
      SELECT reloptions AS options FROM pg_class WHERE relname = 'Learning_search_idx'`;
    expect(index.options).toContain("fastupdate=off");
  });

  it("seeds the three tasks once and never overwrites an admin's change", async () => {
    expect((await listTasks()).map((t) => t.slug).sort()).toEqual(seedTasks.map((t) => t.slug).sort());
    await db().task.update({ where: { slug: "meeting-minutes" }, data: { name: "Minutes (edited)", enabled: false } });
    const again = await prepareDatabase(database());
    expect(again).toEqual({ applied: [], seeded: [] });
    const tasks = await listTasks();
    expect(tasks).toHaveLength(3);
    expect(tasks.find((t) => t.slug === "meeting-minutes")).toMatchObject({ name: "Minutes (edited)", enabled: false });
    expect((await listTasks({ enabledOnly: true })).map((t) => t.slug)).not.toContain("meeting-minutes");
  });

  it("makes exactly one of two simultaneous first accounts an admin, then USER, except ADMIN_EMAIL", async () => {
    const [a, b] = await Promise.all([
      createUser({ email: "first-a@example.test", password: "password-a" }),
      createUser({ email: "first-b@example.test", password: "password-b" }),
    ]);
    expect([a.role, b.role].sort()).toEqual(["ADMIN", "USER"]);
    expect((await createUser({ email: "boss@example.test", password: "password-c" })).role).toBe("ADMIN");
    expect((await createUser({ email: "staff@example.test", password: "password-d" })).role).toBe("USER");
    const stored = await db().user.findUniqueOrThrow({ where: { email: "staff@example.test" } });
    expect(stored.passwordHash).toMatch(/^\$2[aby]\$10\$/);
    expect(stored.passwordHash).not.toContain("password-d");
  });

  it("refuses a second account with the same email as a conflict", async () => {
    await createUser({ email: "twice@example.test", password: "password-1" });
    const error = await createUser({ email: "twice@example.test", password: "password-2" }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(409);
    expect(await db().user.count({ where: { email: "twice@example.test" } })).toBe(1);
  });
});
