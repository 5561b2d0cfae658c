import { db } from "@/lib/db";
import type { ExternalChannel } from "./accounts";

/**
 * The user's conversation for a channel's thread (a Slack thread, a Telegram chat): found by the
 * thread's id, created on its first message and marked with its channel, so the web app lists it too.
 */
export async function conversationForThread(userId: string, channel: ExternalChannel, threadId: string, title: string): Promise<string> {
  const row = await db().conversation.upsert({
    where: { userId_channel_channelThread: { userId, channel, channelThread: threadId } },
    create: { userId, channel, channelThread: threadId, title: title.slice(0, 80) },
    update: {},
    select: { id: true },
  });
  return row.id;
}
