import { setTimeout as sleep } from "node:timers/promises";
import type { z } from "zod";
import { db, isUniqueViolation } from "@/lib/db";
import { ownedVersion, toSendView } from "@/lib/executor";
import type { EmailSendView } from "@/lib/executor/types";
import { AppError } from "@/lib/http";
import { emailHtml } from "./html";
import { deliver, mailSettings } from "./mailer";
import type { sendRequestSchema } from "./schema";

type SendInput = z.output<typeof sendRequestSchema>;
type SendRow = { id: string; to: string[]; cc: string[]; subject: string; messageId: string | null; sentAt: Date | null };

// a second press waits this long for the first one's mail server to answer
const WAIT_FOR_FIRST_MS = 45_000;
const POLL_MS = 150;

/**
 * The send already made (or under way) with this key: its record once sent; null when there is none,
 * or when the first attempt failed and its claim is gone (this request may then try again).
 */
async function earlierSend(key: string, userId: string, versionId: string): Promise<SendRow | null> {
  for (const started = Date.now(); ; await sleep(POLL_MS)) {
    const row = await db().emailSend.findUnique({ where: { idempotencyKey: key } });
    if (!row) return null;
    // a key is made for one sheet: used for another version (or by someone else) it is a client's mistake
    if (row.userId !== userId || row.versionId !== versionId) throw new AppError("conflict:send", { key: "conflict.sendKeyReused" });
    if (row.sentAt) return row;
    if (Date.now() - started > WAIT_FOR_FIRST_MS) throw new AppError("conflict:send", { key: "conflict.sendInProgress" });
  }
}

/**
 * Sends a version of one of the user's email deliverables, as edited in the send sheet, and records it.
 * The record is claimed (by its idempotency key) before the mail server is reached, so a double press
 * sends once and both presses answer the same record; when the server fails, the claim is removed,
 * nothing counts as sent and the same key can try again.
 */
export async function sendVersion(
  userId: string,
  deliverableId: string,
  version: number,
  input: SendInput,
): Promise<{ send: EmailSendView; replayed: boolean }> {
  const row = await ownedVersion(userId, deliverableId, version);
  for (;;) {
    const earlier = await earlierSend(input.idempotencyKey, userId, row.id);
    if (earlier) return { send: toSendView(earlier), replayed: true };
    if (row.deliverable.kind !== "email") throw new AppError("conflict:send", { key: "conflict.sendNotEmail" });
    mailSettings();
    let claim: SendRow;
    try {
      claim = await db().emailSend.create({
        data: { versionId: row.id, userId, idempotencyKey: input.idempotencyKey, to: input.to, cc: input.cc, subject: input.subject },
      });
    } catch (error) {
      if (isUniqueViolation(error)) continue; // another press claimed it first: wait for its outcome
      throw error;
    }
    let messageId: string;
    try {
      messageId = await deliver({ to: input.to, cc: input.cc, subject: input.subject, text: input.body, html: emailHtml(input.body) });
    } catch (error) {
      await db().emailSend.delete({ where: { id: claim.id } });
      throw error;
    }
    const sent = await db().emailSend.update({ where: { id: claim.id }, data: { messageId, sentAt: new Date() } });
    return { send: toSendView(sent), replayed: false };
  }
}
