import { createHash, randomInt } from "node:crypto";
import { z } from "zod";
import { type Channel, db } from "@/lib/db";
import { AppError } from "@/lib/http";

/** The platforms a Switchboard account can be linked from (the web is every account's own). */
export type ExternalChannel = Exclude<Channel, "web">;

/** Letters and digits that cannot be mistaken for one another when typed from a phone (no 0/O, 1/I/L). */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 8;
export const LINK_CODE_TTL_MINUTES = 10;

const hashOf = (code: string) => createHash("sha256").update(code).digest("hex");
/** What a person types, as it was issued: case and spaces do not matter. */
const normalized = (code: string) => code.replace(/[\s-]/g, "").toUpperCase();

/**
 * A new one-time link code for the user (any earlier unused one stops working). Only its hash is
 * stored, so a database reader cannot link an account with it.
 */
export async function createLinkCode(userId: string): Promise<{ code: string; expiresAt: string }> {
  const code = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
  const expiresAt = new Date(Date.now() + LINK_CODE_TTL_MINUTES * 60_000);
  await db().$transaction([
    db().channelLinkCode.deleteMany({ where: { userId } }),
    db().channelLinkCode.create({ data: { codeHash: hashOf(code), userId, expiresAt } }),
  ]);
  return { code, expiresAt: expiresAt.toISOString() };
}

/**
 * Links the channel account that sent a code to the code's user, and uses the code up (one statement:
 * two deliveries of the same code cannot both redeem it). An account linked before is moved to the
 * code's user. Null: the code is unknown or expired.
 */
export async function redeemLinkCode(input: { channel: ExternalChannel; externalId: string; displayName?: string; code: string }) {
  const code = normalized(input.code);
  if (code.length !== CODE_LENGTH) return null;
  const [used] = await db().$queryRaw<{ userId: string }[]>`
    DELETE FROM "ChannelLinkCode" WHERE "codeHash" = ${hashOf(code)} AND "expiresAt" > now() RETURNING "userId"`;
  if (!used) return null;
  const account = await db().channelAccount.upsert({
    where: { channel_externalId: { channel: input.channel, externalId: input.externalId } },
    create: { channel: input.channel, externalId: input.externalId, displayName: input.displayName, userId: used.userId },
    update: { userId: used.userId, displayName: input.displayName },
    select: { user: { select: { id: true, email: true, locale: true } } },
  });
  return account.user;
}

/** The Switchboard user a channel account is linked to, or null. */
export async function linkedUser(channel: ExternalChannel, externalId: string) {
  const account = await db().channelAccount.findUnique({
    where: { channel_externalId: { channel, externalId } },
    select: { user: { select: { id: true, email: true, locale: true } } },
  });
  return account?.user ?? null;
}

/** Unlinking from the channel itself ("unlink"): true when there was a link. */
export async function unlinkChannelAccount(channel: ExternalChannel, externalId: string): Promise<boolean> {
  const { count } = await db().channelAccount.deleteMany({ where: { channel, externalId } });
  return count > 0;
}

export interface ChannelAccountView {
  id: string;
  channel: ExternalChannel;
  displayName: string | null;
  createdAt: string;
}

/** The user's linked channel accounts, for the settings page. */
export async function listChannelAccounts(userId: string): Promise<ChannelAccountView[]> {
  const rows = await db().channelAccount.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => ({ id: row.id, channel: row.channel as ExternalChannel, displayName: row.displayName, createdAt: row.createdAt.toISOString() }));
}

/** Unlinking from the web: only the user's own link (404 for anyone else's, as if it did not exist). */
export async function unlinkAccount(userId: string, accountId: string): Promise<void> {
  const { count } = await db().channelAccount.deleteMany({ where: { id: accountId, userId } });
  if (count === 0) throw new AppError("not_found:channel_account");
}

export const channelAccountIdSchema = z.object({ id: z.string().min(1).max(64) });
