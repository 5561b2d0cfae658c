import { createSlackAdapter } from "@chat-adapter/slack";
import { verifySlackSignature } from "@chat-adapter/slack/webhook";
import { ConsoleLogger, type StateAdapter } from "chat";
import { settings } from "@/lib/settings";

/** A signed request is accepted once: Slack's own timestamp check allows five minutes either way. */
const REPLAY_WINDOW_MS = 11 * 60_000;

export function slackConfigured(): boolean {
  const { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET } = settings();
  return Boolean(SLACK_BOT_TOKEN && SLACK_SIGNING_SECRET);
}

/**
 * The Chat SDK's Slack adapter with the app's settings. Its own check (the signing secret's HMAC over
 * the timestamp and body, the timestamp within five minutes) runs first; a request whose signature was
 * already accepted is then refused as a replay, unless Slack marks it as its own retry — which the
 * adapter answers once, by the event's id.
 */
export function createSlackChannel(state: StateAdapter) {
  const { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL } = settings();
  const signingSecret = SLACK_SIGNING_SECRET as string;
  return createSlackAdapter({
    botToken: SLACK_BOT_TOKEN,
    signingSecret,
    apiUrl: SLACK_API_URL,
    logger: new ConsoleLogger("warn", "slack"),
    webhookVerifier: async (request, body) => {
      await verifySlackSignature(body, request.headers, { signingSecret });
      const retry = Number(request.headers.get("x-slack-retry-num") ?? "0") > 0;
      const first = await state.setIfNotExists(`switchboard:slack-signature:${request.headers.get("x-slack-signature")}`, true, REPLAY_WINDOW_MS);
      return first || retry;
    },
  });
}
