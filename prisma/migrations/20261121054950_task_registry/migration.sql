-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "deletedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RegistryState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 0,
    "seeded" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegistryState_pkey" PRIMARY KEY ("id")
);

-- The registry's single row. A database seeded before this migration keeps its tasks and is marked seeded.
INSERT INTO "RegistryState" ("id", "version", "seeded", "updatedAt")
VALUES (1, 0, EXISTS (SELECT 1 FROM "Task"), CURRENT_TIMESTAMP)
ON CONFLICT ("id") DO NOTHING;
