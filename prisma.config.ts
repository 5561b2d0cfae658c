import { defineConfig } from "prisma/config";

// Used by the Prisma CLI (generate). Migrations are applied by lib/db/migrate.ts through the driver
// adapter, so no connection URL is needed here.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
