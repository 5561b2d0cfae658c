import { createIoRedisState } from "@chat-adapter/state-ioredis";
import { createMemoryState } from "@chat-adapter/state-memory";
import {
  type ActionEvent,
  Actions,
  type Adapter,
  type Attachment,
  Button,
  Card,
  CardText,
  Chat,
  type Message,
  type SlashCommandEvent,
  type StateAdapter,
  type Thread,
} from "chat";
import { after } from "next/server";
import { exportVersion } from "@/lib/actions/export";
import type { ChatRequest } from "@/lib/chat";
import { AppError } from "@/lib/http";
import { DEFAULT_LOCALE, isLocale, type Locale, translatorFor } from "@/lib/i18n";
import { castVote } from "@/lib/learnings";
import { enforceLimit, resetLimit } from "@/lib/limits";
import { settings } from "@/lib/settings";
import { holdUntilSettled } from "@/lib/shutdown";
import { type ExternalChannel, linkedUser, redeemLinkCode, unlinkChannelAccount } from "./accounts";
import { conversationForThread } from "./conversations";
import { followUpChoices, pressedFollowUp } from "./follow-ups";
import { createSlackChannel, slackConfigured } from "./slack";
import { noteError, noteEvent } from "./status";
import { createTelegramChannel, telegramConfigured } from "./telegram";
import { type ChannelReply, runChannelTurn } from "./turn";
import { transcribeVoiceNote } from "./voice-note";

type Bot = { chat: Chat; state: StateAdapter; channels: ExternalChannel[] };
const globalForChannels = globalThis as unknown as { switchboardChannels?: Bot };

/** The channels whose settings are complete. */
export function configuredChannels(): ExternalChannel[] {
  return [...(slackConfigured() ? (["slack"] as const) : []), ...(telegramConfigured() ? (["telegram"] as const) : [])];
}

/**
 * The one Chat SDK instance for every configured channel, built on first use. Its state (deduplication
 * of deliveries, thread locks, subscriptions) lives in Redis when REDIS_URL is set, so several app
 * instances answer a message once; in memory otherwise.
 */
export function channelBot(): Bot {
  if (globalForChannels.switchboardChannels) return globalForChannels.switchboardChannels;
  const { REDIS_URL } = settings();
  const state = REDIS_URL ? createIoRedisState({ url: REDIS_URL, keyPrefix: "switchboard-chat" }) : createMemoryState();
  const channels = configuredChannels();
  const adapters: Record<string, Adapter> = {};
  if (channels.includes("slack")) adapters.slack = createSlackChannel(state);
  if (channels.includes("telegram")) adapters.telegram = createTelegramChannel();
  const chat = new Chat({ userName: "switchboard", adapters, state, logger: "warn" });
  const onMessage = (thread: Thread, message: Message) => answerMessage(state, fromMessage(chat, thread, message));
  chat.onDirectMessage(onMessage);
  chat.onNewMention(async (thread, message) => {
    // the rest of a thread the bot was mentioned in is the same conversation, mention or not
    await thread.subscribe();
    await onMessage(thread, message);
  });
  chat.onSubscribedMessage(onMessage);
  chat.onSlashCommand((event) => answerMessage(state, fromCommand(event)));
  chat.onAction(FEEDBACK_ACTION, (event) => recordFeedback(state, event));
  chat.onAction(FOLLOW_UP_ACTION, (event) => runFollowUp(state, event));
  globalForChannels.switchboardChannels = { chat, state, channels };
  return globalForChannels.switchboardChannels;
}

// short: Telegram carries a button's action and value in 64 bytes of callback data
const FEEDBACK_ACTION = "fb";
const FOLLOW_UP_ACTION = "fu";
const TARGETS = { m: "message", v: "version" } as const;
const RATINGS = { u: "up", d: "down" } as const;

const LINK = /^\/?link(?:@\w+)?\s+([A-Za-z0-9 -]{4,20})$/i;
const UNLINK = /^\/?unlink(?:@\w+)?$/i;
// Telegram's first message to a bot: answered with the linking message, or nothing once linked
const START = /^\/start(?:@\w+)?(?:\s|$)/i;
// a mention at the start of a message in a channel is addressed to the bot, not part of the request
const LEADING_MENTION = /^(?:<@[A-Z0-9]+>|@\S+)\s*/;

/** The user's language, else the sender's as the platform tells it. */
function localeOf(user: { locale: string | null } | null, sender: Locale = DEFAULT_LOCALE): Locale {
  return user && isLocale(user.locale) ? user.locale : sender;
}

/** The sender's language as the platform tells it: Telegram's language_code ("es", "pt-br"); Slack's events carry none. */
function senderLocale(raw: unknown): Locale {
  const code = (raw as { from?: { language_code?: unknown } } | undefined)?.from?.language_code;
  const language = typeof code === "string" ? code.split("-")[0].toLowerCase() : null;
  return isLocale(language) ? language : DEFAULT_LOCALE;
}

/** A message as the channels hand it over, whether it came as a message or as a Telegram /command. */
interface Incoming {
  channel: ExternalChannel;
  /** the thread (Slack) or chat (Telegram): one conversation */
  threadId: string;
  messageId: string;
  externalId: string;
  displayName: string;
  /** the sender's language as the platform tells it, for a sender not linked yet */
  locale: Locale;
  text: string;
  audio?: Attachment;
  post: (message: Parameters<Thread["post"]>[0]) => Promise<unknown>;
}

/**
 * A message as the pipeline sees it. Slack files a top-level direct message under the DM itself; here it
 * starts a thread of its own (its reply goes in that thread, and replies there continue the conversation).
 */
function fromMessage(chat: Chat, thread: Thread, message: Message): Incoming {
  const ownThread = thread.adapter.name === "slack" && thread.id.endsWith(":") ? chat.thread(`${thread.id}${message.id}`) : thread;
  return {
    channel: thread.adapter.name as ExternalChannel,
    threadId: ownThread.id,
    messageId: message.id,
    externalId: message.author.userId,
    displayName: message.author.fullName || message.author.userName,
    locale: senderLocale(message.raw),
    text: message.text.trim().replace(LEADING_MENTION, "").trim(),
    audio: message.attachments.find((attachment) => attachment.type === "audio"),
    post: (posted) => ownThread.post(posted),
  };
}

/** Telegram sends "/link CODE" (and "/meeting-minutes …") as commands: they are messages of the chat all the same. */
const fromCommand = (event: SlashCommandEvent): Incoming => {
  const raw = event.raw as { message_id?: number } | undefined;
  return {
    channel: event.adapter.name as ExternalChannel,
    threadId: event.channel.id,
    messageId: String(raw?.message_id ?? `${event.command}:${Date.now()}`),
    externalId: event.user.userId,
    displayName: event.user.fullName || event.user.userName,
    locale: senderLocale(event.raw),
    text: `${event.command} ${event.text}`.trim(),
    post: (posted) => event.channel.post(posted),
  };
};

/**
 * One message from Slack or Telegram: "link CODE" and "unlink" are answered here; an unlinked sender is
 * told how to link and nothing else happens; a linked sender's message (a voice note transcribed first)
 * is a turn of the thread's conversation, through the one turn pipeline.
 */
async function answerMessage(state: StateAdapter, incoming: Incoming): Promise<void> {
  const { channel, externalId, text, post } = incoming;
  await noteEvent(state, channel);
  let locale = incoming.locale;
  try {
    const link = LINK.exec(text);
    if (link) {
      const sender = `${channel}:${externalId}`;
      await enforceLimit("channel_link", sender);
      const user = await redeemLinkCode({ channel, externalId, displayName: incoming.displayName, code: link[1] });
      if (user) await resetLimit("channel_link", sender);
      const t = translatorFor(localeOf(user, incoming.locale), "channels");
      await post(user ? t("linked", { email: user.email }) : t("linkCodeInvalid"));
      return;
    }
    if (UNLINK.test(text)) {
      const t = translatorFor(localeOf(await linkedUser(channel, externalId), incoming.locale), "channels");
      await post((await unlinkChannelAccount(channel, externalId)) ? t("unlinked") : t("notLinked"));
      return;
    }
    const user = await linkedUser(channel, externalId);
    if (!user) {
      await post(translatorFor(locale, "channels")("linkHow"));
      return;
    }
    locale = localeOf(user, locale);
    const t = translatorFor(locale, "channels");
    let said = START.test(text) ? "" : text;
    if (!said && incoming.audio) {
      // a voice note costs transcription as a recording on the web does, counted with the user's recordings there
      await enforceLimit("transcribe", user.id);
      try {
        said = await transcribeVoiceNote(incoming.audio);
      } catch (error) {
        await noteError(state, channel, error);
        await post(t("voiceFailed"));
        return;
      }
    }
    if (!said) return;
    await answerTurn(
      { state, channel, userId: user.id, locale, threadId: incoming.threadId, post },
      { messageId: `${channel}:${incoming.messageId}`, text: said },
    );
  } catch (error) {
    await postFailure(state, channel, post, error, locale);
  }
}

/**
 * What the sender is told when their message could not be answered: a limit's own message (too many
 * messages, and when to try again), else that it failed (noted on the admin page).
 */
async function postFailure(state: StateAdapter, channel: ExternalChannel, post: Incoming["post"], error: unknown, locale: Locale): Promise<void> {
  if (error instanceof AppError && error.type === "rate_limit") {
    await post(error.localizedMessage(locale)).catch(() => {});
    return;
  }
  await noteError(state, channel, error);
  await post(translatorFor(locale, "channels")("failed")).catch(() => {});
}

/** Where a linked user's turn happens: whose, in which thread, and how to post there. */
interface TurnPlace {
  state: StateAdapter;
  channel: ExternalChannel;
  userId: string;
  locale: Locale;
  threadId: string;
  post: Incoming["post"];
}

/** A turn of the thread's conversation (created on its first message) through the one pipeline, its reply posted in the thread. */
async function answerTurn(place: TurnPlace, request: Omit<ChatRequest, "conversationId">): Promise<void> {
  // the user's messages here and on the web count together against one limit
  await enforceLimit("chat", place.userId);
  const conversationId = await conversationForThread(place.userId, place.channel, place.threadId, request.text);
  const reply = await runChannelTurn(place.userId, { ...request, conversationId });
  await postReply(place, reply);
}

/** The routing as one quiet line above the answer, as the web's chip shows it. */
function routingLine(reply: ChannelReply, t: ReturnType<typeof translatorFor<"channels">>): string | null {
  const routing = reply.routing;
  if (!routing) return null;
  const task = routing.task ? `${routing.task.icon ?? ""} ${routing.task.name}`.trim() : null;
  return task ? t(`routing.${routing.action}`, { task }) : t("routing.none");
}

function thumbs(type: keyof typeof TARGETS, id: string, t: ReturnType<typeof translatorFor<"channels">>) {
  return Actions([
    Button({ id: FEEDBACK_ACTION, label: `👍 ${t("thumbsUp")}`, value: `${type}:${id}:u` }),
    Button({ id: FEEDBACK_ACTION, label: `👎 ${t("thumbsDown")}`, value: `${type}:${id}:d` }),
  ]);
}

/**
 * The answer in the thread: the routing as a context line and the answer's text (thumbs under it when
 * there is no deliverable); a deliverable follows as its own formatted message with its Word file (on
 * Slack attached to it, on Telegram just after it), then its thumbs and its task's follow-up actions as
 * buttons.
 */
async function postReply(place: TurnPlace, reply: ChannelReply): Promise<void> {
  const { post, locale } = place;
  const t = translatorFor(locale, "channels");
  const line = routingLine(reply, t);
  const failed = reply.status !== "complete" ? t("answerFailed") : null;
  const answer = [reply.text, failed].filter(Boolean).join("\n\n");
  await post(
    Card({
      children: [
        ...(line ? [CardText(line, { style: "muted" })] : []),
        ...(answer ? [CardText(answer)] : []),
        ...(!reply.version && reply.answerId && reply.status === "complete" ? [thumbs("m", reply.answerId, t)] : []),
      ],
    }),
  );
  const version = reply.version;
  if (!version) return;
  const markdown = `**${version.title}**\n\n${version.body}`;
  const files = await deliverableFiles(place, version);
  if (place.channel === "slack") {
    await post({ markdown, files });
  } else {
    // a file's caption holds 1,024 characters on Telegram: the deliverable is a message of its own, and
    // its Word file follows with the title as caption
    await post({ markdown });
    if (files.length) await post({ markdown: `**${version.title}**`, files });
  }
  const followUps = await followUpChoices(version.versionId, locale);
  await post(
    Card({
      children: [
        CardText(t("rateDeliverable", { title: version.title }), { style: "muted" }),
        thumbs("v", version.versionId, t),
        ...(followUps.length
          ? [Actions(followUps.map(({ index, label }) => Button({ id: FOLLOW_UP_ACTION, label, value: `${version.versionId}:${index}` })))]
          : []),
      ],
    }),
  );
}

/** The deliverable as the .docx the web exports; without it (export failed) the formatted message still goes out. */
async function deliverableFiles(place: TurnPlace, version: NonNullable<ChannelReply["version"]>) {
  try {
    const file = await exportVersion(place.userId, version.deliverableId, version.version, "docx");
    return [{ data: file.content, filename: file.fileName, mimeType: file.contentType }];
  } catch (error) {
    await noteError(place.state, place.channel, error);
    return [];
  }
}

/** A thumbs button: the linked user's vote on that answer or version, the same as the web's (and learned from the same way). */
async function recordFeedback(state: StateAdapter, event: ActionEvent): Promise<void> {
  const channel = event.adapter.name as ExternalChannel;
  await noteEvent(state, channel);
  const [type, id, code] = (event.value ?? "").split(":");
  const target = TARGETS[type as keyof typeof TARGETS];
  const rating = RATINGS[code as keyof typeof RATINGS];
  if (!target || !id || !rating) return;
  const user = await linkedUser(channel, event.user.userId);
  const t = translatorFor(localeOf(user, senderLocale(event.raw)), "channels");
  if (!user) {
    await event.thread?.post(t("linkHow"));
    return;
  }
  try {
    await castVote(user.id, { target: { type: target, id }, rating });
    await event.thread?.postEphemeral(event.user, t("feedbackThanks"), { fallbackToDM: false });
  } catch (error) {
    await noteError(state, channel, error);
  }
}

/**
 * A follow-up action's button: the linked user's turn in the same thread, as pressing it on the web —
 * the action's label is the message, its task starts from the version the button was under. The
 * pipeline checks that the version is in this thread's conversation and the action still offered.
 */
async function runFollowUp(state: StateAdapter, event: ActionEvent): Promise<void> {
  const channel = event.adapter.name as ExternalChannel;
  await noteEvent(state, channel);
  const [versionId, position] = (event.value ?? "").split(":");
  const thread = event.thread;
  if (!versionId || !/^\d+$/.test(position ?? "") || !thread) return;
  const post: Incoming["post"] = (message) => thread.post(message);
  let locale = senderLocale(event.raw);
  try {
    const user = await linkedUser(channel, event.user.userId);
    if (!user) {
      await post(translatorFor(locale, "channels")("linkHow"));
      return;
    }
    locale = localeOf(user, locale);
    const action = await pressedFollowUp(versionId, Number(position), locale);
    if (!action) return;
    // one press is one turn: Slack's trigger id, Telegram's callback query id
    const pressId = event.triggerId ?? (event.raw as { id?: string } | undefined)?.id ?? `${event.messageId}:${Date.now()}`;
    await answerTurn(
      { state, channel, userId: user.id, locale, threadId: thread.id, post },
      { messageId: `${channel}:press:${pressId}`, text: action.label, action: { versionId, targetSlug: action.targetSlug } },
    );
  } catch (error) {
    await postFailure(state, channel, post, error, locale);
  }
}

/**
 * A platform's webhook: the adapter checks the request (signature or secret token) and answers at once;
 * the message itself is handled after the response, as platforms expect an answer within seconds.
 */
export async function handleChannelWebhook(channel: ExternalChannel, request: Request): Promise<Response | null> {
  const bot = channelBot();
  if (!bot.channels.includes(channel)) return null;
  const handler = bot.chat.webhooks[channel];
  // the message is answered after the response; a restart waits for it as for a web turn
  const response = await handler(request, { waitUntil: (task) => after(holdUntilSettled(task)) });
  if (response.status >= 400) await noteError(bot.state, channel, `webhook refused (HTTP ${response.status})`);
  else await noteEvent(bot.state, channel);
  return response;
}
