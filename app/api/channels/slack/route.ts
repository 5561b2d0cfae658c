import { channelWebhook } from "@/lib/channels";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Slack's Events API and interactivity (buttons): the adapter verifies the signature over the raw body before anything is parsed. */
export const POST = route((request) => channelWebhook("slack", request));
