-- The same example (task and text) is stored once, whichever way it was approved: a thumbs-up on a
-- version the user had just edited made a second, identical example beside the edit's. The key is a
-- generated column, NULL for other kinds of learning, under a unique index. Duplicates already stored
-- are removed first, keeping the oldest. (No semicolons inside statements or comments here: the Postgres
-- adapter splits migration scripts on them.)
ALTER TABLE "Learning" ADD COLUMN "exampleKey" TEXT GENERATED ALWAYS AS (CASE WHEN "kind" = 'example' THEN md5(coalesce("taskId", '') || ':' || "expectedOutput") END) STORED;

DELETE FROM "Learning" AS later USING "Learning" AS earlier
WHERE later."exampleKey" = earlier."exampleKey" AND (later."createdAt", later."id") > (earlier."createdAt", earlier."id");

-- CreateIndex
CREATE UNIQUE INDEX "Learning_exampleKey_key" ON "Learning"("exampleKey");
