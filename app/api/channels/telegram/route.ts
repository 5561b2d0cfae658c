import { channelWebhook } from "@/lib/channels";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Telegram's updates in webhook mode: the adapter checks the secret token before anything is parsed. */
export const POST = route((request) => channelWebhook("telegram", request));
