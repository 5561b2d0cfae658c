export {
  type ChannelAccountView,
  channelAccountIdSchema,
  createLinkCode,
  type ExternalChannel,
  LINK_CODE_TTL_MINUTES,
  listChannelAccounts,
  unlinkAccount,
} from "./accounts";
export { type ChannelState, channelStates } from "./admin";
export { channelBot, configuredChannels } from "./bot";
export { type ChannelActivity, readActivity } from "./status";
export { channelWebhook } from "./webhook";
