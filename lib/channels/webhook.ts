import { AppError } from "@/lib/http";
import type { ExternalChannel } from "./accounts";
import { handleChannelWebhook } from "./bot";

/** A platform's webhook request, or 503 when that channel's settings are not set on this server. */
export async function channelWebhook(channel: ExternalChannel, request: Request): Promise<Response> {
  const response = await handleChannelWebhook(channel, request);
  if (!response) throw new AppError("unavailable:channel");
  return response;
}
