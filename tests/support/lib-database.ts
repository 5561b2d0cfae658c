import { afterAll, beforeAll } from "vitest";
import { database, databaseTarget, openDatabase, setProcessDatabase } from "@/lib/db";
import { prepareDatabase } from "@/lib/db/setup";
import { parseSettings } from "@/lib/settings";
import { createTestDatabase, type TestDatabase } from "./database";

/**
 * Points this test file's lib/db at a fresh database of the kind under test (TEST_DATABASE), migrated
 * and seeded, and removes it afterwards.
 */
export function withLibDatabase(): { current: TestDatabase } {
  const holder = {} as { current: TestDatabase };
  beforeAll(async () => {
    holder.current = await createTestDatabase();
    setProcessDatabase(openDatabase(databaseTarget(parseSettings(holder.current.env))));
    await prepareDatabase(database());
  });
  afterAll(async () => {
    await database().close();
    setProcessDatabase(undefined);
    await holder.current?.drop();
  });
  return holder;
}
