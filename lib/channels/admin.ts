import type { ExternalChannel } from "./accounts";
import { channelBot, configuredChannels } from "./bot";
import { type ChannelActivity, readActivity } from "./status";

export interface ChannelState extends ChannelActivity {
  channel: ExternalChannel;
  configured: boolean;
  /** where the platform must send its events (a path on this server) */
  webhookPath: string;
  /** the settings that turn it on (names only, never values) */
  settings: string[];
}

const SETTINGS: Record<ExternalChannel, string[]> = {
  slack: ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"],
  telegram: ["TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET_TOKEN"],
};

/** Each channel as the admin page shows it: configured or not, its last event and last error; never a secret. */
export async function channelStates(): Promise<ChannelState[]> {
  const configured = configuredChannels();
  const { state } = channelBot();
  return Promise.all(
    (["slack", "telegram"] as const).map(async (channel) => ({
      channel,
      configured: configured.includes(channel),
      webhookPath: `/api/channels/${channel}`,
      settings: SETTINGS[channel],
      ...(await readActivity(state, channel)),
    })),
  );
}
