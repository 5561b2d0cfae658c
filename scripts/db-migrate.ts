// npm run db:migrate — applies pending migrations and the seed to the configured database
// (DATABASE_URL, or the embedded PGlite in DATA_DIR).
import "./settings";
import { databaseTarget, openDatabase } from "../lib/db/connection";
import { prepareDatabase } from "../lib/db/setup";

const target = databaseTarget();
const database = openDatabase(target);
try {
  const { applied, seeded } = await prepareDatabase(database);
  console.log(
    `database (${target.kind}): ${applied.length ? `applied ${applied.join(", ")}` : "migrations up to date"}; ` +
      `${seeded.length ? `seeded ${seeded.join(", ")}` : "seed tasks present"}`,
  );
} catch (error) {
  console.error(`database (${target.kind}): migration failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
// The schema engine leaves a timer of its lock timeout (10 s) pending; there is nothing left to wait for.
process.exit();
