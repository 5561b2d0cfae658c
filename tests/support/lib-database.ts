import { afterAll, beforeAll } from "vitest";
import { database } from "@/lib/db";
import { prepareDatabase } from "@/lib/db/setup";
import { createTestDatabase, type TestDatabase } from "./database";

/**
 * Points this test file's lib/db at a fresh database of the kind under test (TEST_DATABASE), migrated
 * and seeded, and removes it afterwards.
 */
export function useLibDatabase(): { current: TestDatabase } {
  const holder = {} as { current: TestDatabase };
  beforeAll(async () => {
    holder.current = await createTestDatabase();
    delete process.env.DATABASE_URL;
    Object.assign(process.env, holder.current.env);
    await prepareDatabase(database());
  });
  afterAll(async () => {
    await database().close();
    await holder.current?.drop();
  });
  return holder;
}
