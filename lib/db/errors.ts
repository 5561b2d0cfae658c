import { Prisma } from "./generated/client";

/**
 * A unique constraint refused the write: P2002 from Prisma's typed API, or Postgres's 23505 passed
 * through by the driver adapter when the statement was raw SQL.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2002") return true;
  const cause = (error.meta as { driverAdapterError?: { cause?: { originalCode?: string } } } | undefined)?.driverAdapterError?.cause;
  return error.code === "P2010" && cause?.originalCode === "23505";
}
