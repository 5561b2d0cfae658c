import { createHmac } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { closeServer, listenOnLoopback } from "./loopback-server";

/** One Web API / Bot API call the app made to a stand-in. */
export interface PlatformCall {
  method: string;
  body: Record<string, unknown>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A form body's fields, with the JSON-encoded ones (Slack's blocks) decoded. */
function parseBody(text: string, contentType: string): Record<string, unknown> {
  if (!text) return {};
  if (contentType.includes("application/json")) return JSON.parse(text) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    try {
      out[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    } catch {
      out[key] = value;
    }
  }
  return out;
}

/** A multipart/form-data request's fields and files (an upload to Slack, a document sent to Telegram). */
const multipartOf = (req: IncomingMessage, raw: Buffer) =>
  new Response(new Uint8Array(raw), { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData();

/** A small HTTP stand-in on 127.0.0.1 that records every call and answers it as the platform would. */
abstract class PlatformStandIn {
  readonly calls: PlatformCall[] = [];
  url = "";
  private server: Server | undefined;

  protected abstract answer(req: IncomingMessage, res: ServerResponse, path: string, body: string, raw: Buffer): Promise<void> | void;

  async start(): Promise<this> {
    ({ server: this.server, url: this.url } = await listenOnLoopback(
      async (req, res) => {
        const raw = await readBody(req);
        return this.answer(req, res, (req.url ?? "").split("?")[0], raw.toString("utf8"), raw);
      },
      (error) => ({ ok: false, error: String(error) }),
    ));
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  callsTo(method: string | string[]): PlatformCall[] {
    const methods = typeof method === "string" ? [method] : method;
    return this.calls.filter((c) => methods.includes(c.method));
  }

  /** Waits until `count` calls to a method have arrived (the app answers webhooks first and posts after). */
  async waitForCalls(method: string | string[], count: number, timeoutMs = 20_000): Promise<PlatformCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.callsTo(method).length < count) {
      if (Date.now() > deadline) throw new Error(`${method}: ${this.callsTo(method).length} of ${count} calls after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.callsTo(method);
  }
}

const send = (res: ServerResponse, body: unknown): void => {
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
};

export const SLACK_BOT_USER = "UBOT00001";
export const SLACK_TEAM = "T0000TEAM";

/** A file the app uploaded to Slack, and where it was shared. */
export interface SlackFile {
  id: string;
  filename: string;
  data?: Buffer;
  channel?: string;
  threadTs?: string;
}

/**
 * The Slack Web API as the Chat SDK's adapter uses it: auth.test, users.info, chat.postMessage,
 * chat.postEphemeral, and a file upload's three steps (files.getUploadURLExternal, the upload to the
 * address it gave, files.completeUploadExternal sharing it into a channel's thread).
 */
export class SlackApiStandIn extends PlatformStandIn {
  private nextTs = 1_800_000_000;
  readonly files = new Map<string, SlackFile>();

  protected async answer(req: IncomingMessage, res: ServerResponse, path: string, text: string, raw: Buffer) {
    const upload = /^\/upload\/(\w+)$/.exec(path);
    if (upload) return this.receiveUpload(req, res, upload[1], raw);
    const method = path.replace(/^\/api\//, "").replace(/^\//, "");
    const body = parseBody(text, req.headers["content-type"] ?? "");
    this.calls.push({ method, body });
    switch (method) {
      case "auth.test":
        return send(res, { ok: true, user_id: SLACK_BOT_USER, user: "switchboard", team_id: SLACK_TEAM, bot_id: "B0000BOT" });
      case "users.info":
        return send(res, { ok: true, user: { id: body.user, name: "ana", real_name: "Ana Example", profile: { display_name: "Ana" } } });
      case "files.getUploadURLExternal": {
        const id = `F${String(this.files.size + 1).padStart(8, "0")}`;
        this.files.set(id, { id, filename: String(body.filename) });
        return send(res, { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id });
      }
      case "files.completeUploadExternal": {
        const shared = (body.files as { id: string }[]).map(({ id }) => {
          const file = this.files.get(id);
          if (file) Object.assign(file, { channel: body.channel_id, threadTs: body.thread_ts });
          return { id, name: file?.filename };
        });
        return send(res, { ok: true, files: shared });
      }
      case "chat.postMessage":
        this.nextTs += 1;
        return send(res, { ok: true, channel: body.channel, ts: `${this.nextTs}.000100`, message: { text: body.text, ts: `${this.nextTs}.000100` } });
      default:
        return send(res, { ok: true });
    }
  }

  /** The upload step: the file's bytes, sent as the Web API client sends them (multipart, in the field "body"). */
  private async receiveUpload(req: IncomingMessage, res: ServerResponse, id: string, raw: Buffer) {
    this.calls.push({ method: "upload", body: { id } });
    const file = this.files.get(id);
    const form = await multipartOf(req, raw);
    const part = form.get("body");
    if (!file || !(part instanceof Blob)) {
      res.writeHead(400).end();
      return;
    }
    file.data = Buffer.from(await part.arrayBuffer());
    res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${file.data.length}`);
  }

  /** The files shared into one thread, with their bytes. */
  filesInThread(threadTs: string): SlackFile[] {
    return [...this.files.values()].filter((file) => file.threadTs === threadTs && file.data);
  }

  /** Everything the app posted into one thread, as text: message text and every block's text. */
  postedText(threadTs: string): string {
    return this.callsTo("chat.postMessage")
      .filter((c) => c.body.thread_ts === threadTs)
      .map((c) => JSON.stringify(c.body))
      .join("\n");
  }
}

/** A Slack Events API request signed as Slack signs it (v0 HMAC-SHA256 of "v0:timestamp:body"). */
export function signedSlackRequest(
  body: string,
  options: { secret: string; timestamp?: number; headers?: Record<string, string>; contentType?: string },
): { headers: Record<string, string>; body: string } {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac("sha256", options.secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return {
    body,
    headers: {
      "content-type": options.contentType ?? "application/json",
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": signature,
      ...options.headers,
    },
  };
}

type SlackMessageInput = { eventId: string; user: string; text: string; ts: string; channel?: string };

/** An Events API callback around one event. */
const slackEventCallback = (eventId: string, event: Record<string, unknown>) =>
  JSON.stringify({
    token: "unused",
    team_id: SLACK_TEAM,
    api_app_id: "A0000APP",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: { ...event, team: SLACK_TEAM },
  });

/** A Slack DM event (message.im) from a user. */
export function slackDirectMessage(input: SlackMessageInput) {
  const { eventId, user, text, ts } = input;
  return slackEventCallback(eventId, { type: "message", channel_type: "im", channel: input.channel ?? "D0000DM01", user, text, ts });
}

/** A mention of the bot in a channel (app_mention), its text starting with the bot's user id as Slack writes it. */
export function slackMention(input: SlackMessageInput) {
  const { eventId, user, text, ts } = input;
  return slackEventCallback(eventId, { type: "app_mention", channel: input.channel ?? "C0000CHAN1", user, text: `<@${SLACK_BOT_USER}> ${text}`, ts });
}

export const TELEGRAM_BOT_ID = 7_000_001;

/** What the bot sends into a chat: plain and MarkdownV2 messages, and rich (markdown) ones. */
export const TELEGRAM_SENDS = ["sendMessage", "sendRichMessage"];

/** The Telegram Bot API as the Chat SDK's adapter uses it: getMe, sendMessage, sendRichMessage, getFile and the file download. */
export class TelegramApiStandIn extends PlatformStandIn {
  /** what GET /file/bot<token>/<path> serves, by file path */
  readonly files = new Map<string, Buffer>();
  /** the documents the bot sent (sendDocument, multipart), with their bytes */
  readonly documents: { chatId: string; caption: string; name: string; data: Buffer }[] = [];
  private nextMessageId = 100;

  protected async answer(req: IncomingMessage, res: ServerResponse, path: string, text: string, raw: Buffer) {
    const file = /^\/file\/bot[^/]+\/(.+)$/.exec(path);
    if (file) {
      this.calls.push({ method: "file", body: { path: file[1] } });
      const data = this.files.get(file[1]);
      if (!data) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(data);
      return;
    }
    const method = /^\/bot[^/]+\/(\w+)$/.exec(path)?.[1] ?? path;
    if (method === "sendDocument") {
      const form = await multipartOf(req, raw);
      const document = form.get("document");
      if (!(document instanceof File)) {
        res.writeHead(400).end();
        return;
      }
      const sent = {
        chatId: String(form.get("chat_id")),
        caption: String(form.get("caption") ?? ""),
        name: document.name,
        data: Buffer.from(await document.arrayBuffer()),
      };
      this.documents.push(sent);
      this.calls.push({ method, body: { chat_id: sent.chatId, caption: sent.caption, name: sent.name } });
      this.nextMessageId += 1;
      return send(res, {
        ok: true,
        result: { message_id: this.nextMessageId, date: Math.floor(Date.now() / 1000), chat: { id: sent.chatId, type: "private" } },
      });
    }
    const body = parseBody(text, req.headers["content-type"] ?? "");
    this.calls.push({ method, body });
    switch (method) {
      case "getMe":
        return send(res, { ok: true, result: { id: TELEGRAM_BOT_ID, is_bot: true, first_name: "Switchboard", username: "switchboard_bot" } });
      case "getFile":
        return send(res, { ok: true, result: { file_id: body.file_id, file_unique_id: `u-${body.file_id}`, file_path: `voice/${body.file_id}.oga` } });
      case "sendMessage":
      case "sendRichMessage":
        this.nextMessageId += 1;
        return send(res, {
          ok: true,
          result: { message_id: this.nextMessageId, date: Math.floor(Date.now() / 1000), chat: { id: body.chat_id, type: "private" }, text: body.text },
        });
      default:
        return send(res, { ok: true, result: true });
    }
  }
}

/** A private-chat update from a Telegram user: text, or a voice note. */
export function telegramUpdate(input: {
  updateId: number;
  messageId: number;
  userId: number;
  firstName?: string;
  /** the sender's app language, as Telegram sends it */
  languageCode?: string;
  text?: string;
  voice?: { fileId: string; duration: number; size: number };
}) {
  const firstName = input.firstName ?? "Bo";
  return JSON.stringify({
    update_id: input.updateId,
    message: {
      message_id: input.messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: input.userId, type: "private", first_name: firstName },
      from: { id: input.userId, is_bot: false, first_name: firstName, language_code: input.languageCode ?? "en" },
      ...(input.text ? { text: input.text } : {}),
      // Telegram marks a leading /command as an entity
      ...(input.text?.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: input.text.split(" ")[0].length }] } : {}),
      ...(input.voice
        ? {
            voice: {
              file_id: input.voice.fileId,
              file_unique_id: `u-${input.voice.fileId}`,
              duration: input.voice.duration,
              mime_type: "audio/ogg",
              file_size: input.voice.size,
            },
          }
        : {}),
    },
  });
}

/** A press of an inline keyboard button under one of the bot's messages in a private chat. */
export function telegramButtonPress(input: { updateId: number; queryId: string; userId: number; messageId: number; data: string }) {
  const from = { id: input.userId, is_bot: false, first_name: "Bo", language_code: "en" };
  return JSON.stringify({
    update_id: input.updateId,
    callback_query: {
      id: input.queryId,
      from,
      chat_instance: `instance-${input.userId}`,
      data: input.data,
      message: {
        message_id: input.messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: input.userId, type: "private", first_name: "Bo" },
        from: { id: TELEGRAM_BOT_ID, is_bot: true, first_name: "Switchboard", username: "switchboard_bot" },
        text: "rating",
      },
    },
  });
}
