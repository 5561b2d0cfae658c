import { AppError } from "@/lib/http";
import { refuseWhileDraining } from "@/lib/shutdown";
import type { ExternalChannel } from "./accounts";
import { handleChannelWebhook } from "./bot";

/**
 * A platform's webhook request, or 503 when that channel's settings are not set on this server — or
 * while it restarts: Slack and Telegram deliver the message again later, to an instance that answers it.
 */
export async function channelWebhook(channel: ExternalChannel, request: Request): Promise<Response> {
  refuseWhileDraining();
  const response = await handleChannelWebhook(channel, request);
  if (!response) throw new AppError("unavailable:channel");
  return response;
}
