import { readFileSync } from "node:fs";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../support/app-server";
import { getConversation } from "../support/chat-client";
import type { TestDatabase } from "../support/database";
import { HttpClient, uniqueEmail } from "../support/http-client";
import type { ScriptedModelServer } from "../support/model-server";
import {
  type PlatformCall,
  SlackApiStandIn,
  signedSlackRequest,
  slackDirectMessage,
  slackMention,
  TELEGRAM_SENDS,
  TelegramApiStandIn,
  telegramButtonPress,
  telegramUpdate,
} from "../support/platform-apis";
import { BEST, expectScriptedRepliesUsed, FAST, startScriptedApp } from "../support/scripted-app";
import { routerSays, speculativeDiscard, withDeliverable } from "../support/scripted-replies";

const SIGNING_SECRET = "slack-signing-secret-for-tests";
const TELEGRAM_SECRET = "telegram-webhook-secret-for-tests";
const WHISPER = "scripted-whisper";
const wav = readFileSync("tests/fixtures/meeting-en.wav");

/**
 * Slack and Telegram (issue 17) against stand-ins of their APIs on 127.0.0.1, reached through the
 * adapters' API address settings, with the scripted model server behind the one turn pipeline.
 */
describe("Slack and Telegram channels", () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let slack: SlackApiStandIn;
  let telegram: TelegramApiStandIn;
  let owner: HttpClient;
  let other: HttpClient;
  let ownerEmail: string;

  beforeAll(async () => {
    slack = await new SlackApiStandIn().start();
    telegram = await new TelegramApiStandIn().start();
    ({ testDb, models, app } = await startScriptedApp((modelsUrl) => ({
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${slack.url}/api/`,
      TELEGRAM_BOT_TOKEN: "123456:test-token",
      TELEGRAM_WEBHOOK_SECRET_TOKEN: TELEGRAM_SECRET,
      TELEGRAM_API_BASE_URL: telegram.url,
      TRANSCRIBE_MODEL: `compatible:${WHISPER}`,
      TRANSCRIBE_BASE_URL: `${modelsUrl}/v1`,
    })));
    ownerEmail = uniqueEmail("channels-owner");
    const otherEmail = uniqueEmail("channels-other");
    [owner, other] = await Promise.all(
      [ownerEmail, otherEmail].map(async (email) => {
        const client = new HttpClient(app.url);
        expect((await client.signUp(email, "channels-password-1")).status).toBe(201);
        expect(await client.signIn(email, "channels-password-1")).toBe(true);
        return client;
      }),
    );
  });

  afterAll(async () => {
    await app?.stop();
    await models?.stop();
    await slack?.stop();
    await telegram?.stop();
    await testDb?.drop();
  });

  const postSlack = (signed: { headers: Record<string, string>; body: string }) =>
    fetch(`${app.url}/api/channels/slack`, { method: "POST", headers: signed.headers, body: signed.body });

  const postTelegram = (body: string, secret: string | null = TELEGRAM_SECRET) =>
    fetch(`${app.url}/api/channels/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
      body,
    });

  async function linkCode(client: HttpClient): Promise<string> {
    const response = await client.request("/api/channels/link-code", { method: "POST" });
    expect(response.status).toBe(201);
    return ((await response.json()) as { code: string }).code;
  }

  /** On a failure, the app's log and what the stand-ins received, to see why. */
  async function explained<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const calls = [...slack.calls, ...telegram.calls].map((c) => `${c.method} ${JSON.stringify(c.body).slice(0, 400)}`);
      throw new Error(`${error instanceof Error ? error.message : error}\n--- app log ---\n${app.output().slice(-4_000)}\n--- calls ---\n${calls.join("\n")}`);
    }
  }

  const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

  /** The DM thread the minutes were asked for in. */
  const MINUTES_THREAD = "1700000003.000001";

  type SlackButton = { action_id: string; value: string; text: { text: string } };
  /** The buttons of a posted message's Block Kit blocks. */
  const buttonsOf = (post: PlatformCall) =>
    (post.body.blocks as { elements?: SlackButton[] }[]).flatMap((block) => block.elements ?? []).filter((element) => element.action_id);

  /** A button pressed in the minutes' DM thread, as Slack posts it to the interactivity address: signed, form-encoded. */
  function pressSlackButton(button: SlackButton, triggerId: string) {
    const payload = {
      type: "block_actions",
      team: { id: "T0000TEAM" },
      user: { id: "U0ANA", username: "ana", name: "Ana" },
      channel: { id: "D0000DM01" },
      container: { type: "message", message_ts: "1800000009.000100", channel_id: "D0000DM01", thread_ts: MINUTES_THREAD },
      message: { ts: "1800000009.000100", thread_ts: MINUTES_THREAD },
      trigger_id: triggerId,
      actions: [{ type: "button", action_id: button.action_id, block_id: "b1", value: button.value, action_ts: String(Date.now() / 1000) }],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return postSlack(signedSlackRequest(body, { secret: SIGNING_SECRET, contentType: "application/x-www-form-urlencoded" }));
  }

  async function slackConversations() {
    const list = (await (await owner.request("/api/conversations")).json()) as { conversations: { id: string; channel: string }[] };
    return list.conversations.filter((c) => c.channel === "slack");
  }

  it("refuses unsigned, wrongly signed, stale and replayed Slack requests, and handles none of them", async () => {
    const body = slackDirectMessage({ eventId: "EvSIGN1", user: "U0STRANGER", text: "hello", ts: "1700000000.000001" });
    const unsigned = await fetch(`${app.url}/api/channels/slack`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(unsigned.status).toBe(401);
    const wrong = await postSlack(signedSlackRequest(body, { secret: "not-the-secret" }));
    expect(wrong.status).toBe(401);
    const stale = await postSlack(signedSlackRequest(body, { secret: SIGNING_SECRET, timestamp: Math.floor(Date.now() / 1000) - 10 * 60 }));
    expect(stale.status).toBe(401);

    // a correctly signed request is accepted once; the same request again is a replay
    const signed = signedSlackRequest(slackDirectMessage({ eventId: "EvSIGN2", user: "U0STRANGER", text: "hello", ts: "1700000000.000002" }), {
      secret: SIGNING_SECRET,
    });
    expect((await postSlack(signed)).status).toBe(200);
    expect((await postSlack(signed)).status).toBe(401);
    await slack.waitForCalls("chat.postMessage", 1);
    await settle();
    // only the accepted one was answered (with the linking message: the sender is not linked)
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("tells an unlinked Slack user how to link, and does nothing else", async () => {
    const before = slack.callsTo("chat.postMessage").length;
    const requestsBefore = models.requests.length;
    const body = slackDirectMessage({ eventId: "EvUNLINKED", user: "U0STRANGER", text: "Write the minutes of today's meeting", ts: "1700000001.000001" });
    expect((await postSlack(signedSlackRequest(body, { secret: SIGNING_SECRET }))).status).toBe(200);
    const posts = await slack.waitForCalls("chat.postMessage", before + 1);
    await settle();
    expect(slack.callsTo("chat.postMessage")).toHaveLength(before + 1);
    expect(JSON.stringify(posts.at(-1)!.body)).toContain("not linked to Switchboard");
    expect(models.requests.length).toBe(requestsBefore);
    const list = (await (await owner.request("/api/conversations")).json()) as { conversations: { channel: string }[] };
    expect(list.conversations.filter((c) => c.channel !== "web")).toEqual([]);
  });

  it("links a Slack user with a one-time code, then a DM routes and the minutes are posted back in the thread — once, though Slack retries", async () => {
    const code = await linkCode(owner);
    let before = slack.callsTo("chat.postMessage").length;
    const link = slackDirectMessage({ eventId: "EvLINK", user: "U0ANA", text: `link ${code.toLowerCase()}`, ts: "1700000002.000001" });
    expect((await postSlack(signedSlackRequest(link, { secret: SIGNING_SECRET }))).status).toBe(200);
    await slack.waitForCalls("chat.postMessage", before + 1);
    expect(JSON.stringify(slack.callsTo("chat.postMessage").at(-1)!.body)).toContain(`Linked to Switchboard as ${ownerEmail}`);

    // the code works once
    before = slack.callsTo("chat.postMessage").length;
    const again = slackDirectMessage({ eventId: "EvLINK2", user: "U0INTRUDER", text: `link ${code}`, ts: "1700000002.000002" });
    expect((await postSlack(signedSlackRequest(again, { secret: SIGNING_SECRET }))).status).toBe(200);
    await slack.waitForCalls("chat.postMessage", before + 1);
    expect(JSON.stringify(slack.callsTo("chat.postMessage").at(-1)!.body)).toContain("unknown or has expired");

    models.script(FAST, routerSays("meeting-minutes"));
    models.script(
      BEST,
      speculativeDiscard("none"),
      withDeliverable("Minutes – ACME kickoff – 2 December", "**Attendees**\n- Ana\n- Bo\n\n**Decisions**\n1. Pilot starts in May", "Here are the minutes."),
    );
    before = slack.callsTo("chat.postMessage").length;
    const threadTs = MINUTES_THREAD;
    const dm = slackDirectMessage({
      eventId: "EvMINUTES",
      user: "U0ANA",
      text: "Please write the minutes: ACME kickoff today with Ana and Bo, we decided the pilot starts in May.",
      ts: threadTs,
    });
    expect((await postSlack(signedSlackRequest(dm, { secret: SIGNING_SECRET }))).status).toBe(200);
    // Slack retries the same event (re-signed, with its retry number): answered once
    const retry = signedSlackRequest(dm, { secret: SIGNING_SECRET, headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } });
    expect((await postSlack(retry)).status).toBe(200);

    // routing context line + answer, the minutes, their thumbs
    const posts = await explained(() => slack.waitForCalls("chat.postMessage", before + 3, 30_000));
    await settle();
    expect(slack.callsTo("chat.postMessage")).toHaveLength(before + 3);
    const inThread = posts.slice(before);
    expect(inThread.map((p) => p.body.thread_ts)).toEqual([threadTs, threadTs, threadTs]);
    const [answer, minutes, rating] = inThread.map((p) => JSON.stringify(p.body));
    expect(answer).toContain('"type":"context"');
    expect(answer).toMatch(/Task: .*Meeting minutes.* \(started\)/);
    expect(answer).toContain("Here are the minutes.");
    expect(minutes).toContain("Minutes – ACME kickoff – 2 December");
    expect(minutes).toContain("Pilot starts in May");
    expect(rating).toContain('"action_id":"fb"');
    // the minutes task's follow-up action is a button under them, as on the web
    expect(buttonsOf(inThread[2]).find((button) => button.action_id === "fu")?.text.text).toBe("Write the follow-up email");
    expectScriptedRepliesUsed(models, app);

    // the minutes are attached to the thread as the Word file the web exports
    const files = slack.filesInThread(threadTs);
    expect(files.map((file) => [file.filename, file.channel])).toEqual([["Minutes-ACME-kickoff-2-December.docx", "D0000DM01"]]);
    const { value: html } = await mammoth.convertToHtml({ buffer: files[0].data! });
    expect(html).toContain("<h1>Minutes – ACME kickoff – 2 December</h1>");
    expect(html).toContain("<li>Pilot starts in May</li>");

    // the conversation is in the owner's web app, marked Slack, with the deliverable; another account cannot see it
    const list = (await (await owner.request("/api/conversations")).json()) as { conversations: { id: string; channel: string }[] };
    const fromSlack = list.conversations.filter((c) => c.channel === "slack");
    expect(fromSlack).toHaveLength(1);
    const view = await getConversation(owner, fromSlack[0].id);
    expect(JSON.stringify(view)).toContain("Minutes – ACME kickoff – 2 December");
    expect((await other.request(`/api/conversations/${fromSlack[0].id}`)).status).toBe(404);
    const others = (await (await other.request("/api/conversations")).json()) as { conversations: { id: string }[] };
    expect(others.conversations.map((c) => c.id)).not.toContain(fromSlack[0].id);
  });

  it("records a Slack thumbs button as the linked user's vote on the deliverable version", async () => {
    const rating = slack.callsTo("chat.postMessage").find((c) => JSON.stringify(c.body).includes('"action_id":"fb"'))!;
    const up = buttonsOf(rating).find((e) => e.action_id === "fb" && e.value.endsWith(":u"))!;
    const versionId = up.value.split(":")[1];
    const pressed = await pressSlackButton(up, "trigger-1");
    expect(pressed.status).toBe(200);

    const conversationId = (await slackConversations())[0].id;
    let votes: { target: { type: string; id: string }; rating: string }[] = [];
    for (let waited = 0; !votes.length && waited < 10_000; waited += 100) {
      votes = ((await (await owner.request(`/api/feedback?conversationId=${conversationId}`)).json()) as { votes: typeof votes }).votes;
      if (!votes.length) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(votes).toEqual([expect.objectContaining({ target: { type: "version", id: versionId }, rating: "up" })]);
  });

  it("runs a Slack follow-up button as the linked user's turn in the same thread: the follow-up email from the minutes", async () => {
    const rating = slack.callsTo("chat.postMessage").find((c) => JSON.stringify(c.body).includes('"action_id":"fu"'))!;
    const followUp = buttonsOf(rating).find((e) => e.action_id === "fu")!;
    const fastBefore = models.requestsFor(FAST).length;
    const email = "Hi Bo,\n\nThank you for the kickoff. As agreed, the pilot starts in May.";
    models.script(BEST, withDeliverable("ACME pilot: next steps", email, "Here is the email."));
    const before = slack.callsTo("chat.postMessage").length;
    expect((await pressSlackButton(followUp, "trigger-follow-up-1")).status).toBe(200);

    const posts = await explained(() => slack.waitForCalls("chat.postMessage", before + 3, 30_000));
    const inThread = posts.slice(before);
    expect(inThread.map((p) => p.body.thread_ts)).toEqual([MINUTES_THREAD, MINUTES_THREAD, MINUTES_THREAD]);
    const [answer, sent] = inThread.map((p) => JSON.stringify(p.body));
    expect(answer).toMatch(/Task: .*Follow-up email.* \(switched\)/);
    expect(answer).toContain("Here is the email.");
    expect(sent).toContain("ACME pilot: next steps");
    expect(sent).toContain("the pilot starts in May");
    expectScriptedRepliesUsed(models, app);
    // the button chose the task (no routing call), and the email was written from the minutes it was under
    expect(models.requestsFor(FAST).length).toBe(fastBefore);
    const executor = JSON.stringify(models.requestsFor(BEST).at(-1)!.messages);
    expect(executor).toContain("Title: Minutes – ACME kickoff – 2 December");
    expect(executor).toContain("Pilot starts in May");
    expect(slack.filesInThread(MINUTES_THREAD).map((file) => file.filename)).toContain("ACME-pilot-next-steps.docx");

    // the same conversation on the web: the press as the user's message, both deliverables
    const conversations = await slackConversations();
    expect(conversations).toHaveLength(1);
    const view = JSON.stringify(await getConversation(owner, conversations[0].id));
    expect(view).toContain("Write the follow-up email");
    expect(view).toContain("ACME pilot: next steps");
    expect(view).toContain("Minutes – ACME kickoff – 2 December");
  });

  it("answers a mention in a Slack channel in the mention's thread", async () => {
    models.script(FAST, routerSays("none"));
    models.script(BEST, "The pilot covers the two sales teams in Lyon.");
    const before = slack.callsTo("chat.postMessage").length;
    const mentionTs = "1700000005.000001";
    const mention = slackMention({ eventId: "EvMENTION", user: "U0ANA", text: "what does the ACME pilot cover?", ts: mentionTs });
    expect((await postSlack(signedSlackRequest(mention, { secret: SIGNING_SECRET }))).status).toBe(200);

    const posts = await explained(() => slack.waitForCalls("chat.postMessage", before + 1, 30_000));
    await settle();
    expect(slack.callsTo("chat.postMessage")).toHaveLength(before + 1);
    const reply = posts.at(-1)!;
    expect(reply.body).toMatchObject({ channel: "C0000CHAN1", thread_ts: mentionTs });
    expect(JSON.stringify(reply.body)).toContain("No task: a general answer");
    expect(JSON.stringify(reply.body)).toContain("The pilot covers the two sales teams in Lyon.");
    expectScriptedRepliesUsed(models, app);
    // the mention addresses the bot; it is not part of what was routed
    const routed = JSON.stringify(models.requestsFor(FAST).at(-1)!.messages);
    expect(routed).toContain("what does the ACME pilot cover?");
    expect(routed).not.toContain("<@UBOT");
    // the channel thread is a conversation of its own in the web app
    expect(await slackConversations()).toHaveLength(2);
  });

  it("refuses a Telegram update without the webhook's secret token", async () => {
    const body = telegramUpdate({ updateId: 1, messageId: 1, userId: 4242, text: "hello" });
    expect((await postTelegram(body, null)).status).toBe(401);
    expect((await postTelegram(body, "wrong-secret")).status).toBe(401);
    await settle();
    expect(telegram.callsTo(TELEGRAM_SENDS)).toHaveLength(0);
  });

  it("links a Telegram user; a voice note is transcribed, routed and answered", async () => {
    const code = await linkCode(owner);
    expect((await postTelegram(telegramUpdate({ updateId: 10, messageId: 10, userId: 4242, text: `/link ${code}` }))).status).toBe(200);
    await telegram.waitForCalls(TELEGRAM_SENDS, 1);
    expect(JSON.stringify(telegram.callsTo(TELEGRAM_SENDS)[0].body)).toContain("Linked to Switchboard");

    telegram.files.set("voice/VOICE1.oga", wav);
    models.script(WHISPER, "Write the minutes of the ACME kickoff: Ana and Bo, the pilot starts in May.");
    models.script(FAST, routerSays("meeting-minutes"));
    models.script(BEST, speculativeDiscard("none"), withDeliverable("Minutes – ACME kickoff", "**Decisions**\n1. Pilot starts in May", "Done."));
    const voice = telegramUpdate({ updateId: 11, messageId: 11, userId: 4242, voice: { fileId: "VOICE1", duration: 3, size: wav.length } });
    expect((await postTelegram(voice)).status).toBe(200);
    const sent = await explained(() => telegram.waitForCalls(TELEGRAM_SENDS, 4, 30_000));
    // the recording went to the transcription engine byte for byte as it was downloaded from the Bot API
    // (the AI SDK names the format from the bytes: the espeak-ng fixture is a WAV)
    expect(models.requestsFor(WHISPER).at(-1)!.body).toMatchObject({ fileSize: wav.length, fileType: "audio/wav" });
    // the transcript is what was routed
    expect(JSON.stringify(models.requestsFor(FAST).at(-1)!.messages)).toContain("the pilot starts in May");
    const [answer, minutes, rating] = sent.slice(1).map((c) => JSON.stringify(c.body));
    expect(answer).toMatch(/Task: .*Meeting minutes.*started/);
    expect(minutes).toContain("Pilot starts in May");
    expect(rating).toContain("inline_keyboard");
    // the minutes' Word file follows them in the chat, titled, as on Slack and the web's export
    const [document] = await explained(() => telegram.waitForCalls("sendDocument", 1));
    expect(document.body).toMatchObject({ chat_id: "4242", name: expect.stringMatching(/^Minutes.*ACME-kickoff\.docx$/) });
    expect(document.body.caption).toContain("ACME kickoff");
    const { value: html } = await mammoth.convertToHtml({ buffer: telegram.documents[0].data });
    expect(html).toContain("<h1>Minutes – ACME kickoff</h1>");
    expect(html).toContain("Pilot starts in May");
    expectScriptedRepliesUsed(models, app);

    const list = (await (await owner.request("/api/conversations")).json()) as { conversations: { channel: string }[] };
    expect(list.conversations.filter((c) => c.channel === "telegram")).toHaveLength(1);
  });

  it("runs a Telegram inline keyboard follow-up button as the linked user's turn in the same chat", async () => {
    const sends = telegram.callsTo(TELEGRAM_SENDS);
    type KeyboardButton = { text: string; callback_data: string };
    const keyboards = sends.map((c) => (c.body.reply_markup as { inline_keyboard?: KeyboardButton[][] } | undefined)?.inline_keyboard ?? []);
    const followUp = keyboards.flat(2).find((button) => button.text === "Write the follow-up email")!;
    expect(followUp, JSON.stringify(keyboards)).toBeDefined();
    const fastBefore = models.requestsFor(FAST).length;
    models.script(BEST, withDeliverable("ACME pilot: next steps", "Hi Ana,\n\nThe pilot starts in May.", "Here is the email."));
    const press = telegramButtonPress({ updateId: 12, queryId: "query-follow-up-1", userId: 4242, messageId: 104, data: followUp.callback_data });
    expect((await postTelegram(press)).status).toBe(200);

    const sent = await explained(() => telegram.waitForCalls(TELEGRAM_SENDS, sends.length + 3, 30_000));
    const [answer, email] = sent.slice(sends.length).map((c) => JSON.stringify(c.body));
    expect(sent.slice(sends.length).map((c) => String(c.body.chat_id))).toEqual(["4242", "4242", "4242"]);
    // (MarkdownV2 escapes the dash)
    expect(answer).toMatch(/Task: .*Follow\W+up email.*switched/);
    expect(email).toContain("ACME pilot: next steps");
    expectScriptedRepliesUsed(models, app);
    expect(models.requestsFor(FAST).length).toBe(fastBefore);
    expect(JSON.stringify(models.requestsFor(BEST).at(-1)!.messages)).toContain("Title: Minutes – ACME kickoff");
    expect(telegram.callsTo("answerCallbackQuery").map((c) => c.body.callback_query_id)).toContain("query-follow-up-1");
  });

  it("tells an unlinked Telegram user how to link in the language of their Telegram app", async () => {
    const before = telegram.callsTo(TELEGRAM_SENDS).length;
    expect((await postTelegram(telegramUpdate({ updateId: 5, messageId: 5, userId: 6262, languageCode: "es-ES", text: "hola" }))).status).toBe(200);
    const sent = await telegram.waitForCalls(TELEGRAM_SENDS, before + 1);
    expect(JSON.stringify(sent[before].body)).toContain("Esta cuenta aún no está vinculada a Switchboard");
  });

  it("limits a sender's link attempts as sign-ins are, and says so in the chat", async () => {
    const before = telegram.callsTo(TELEGRAM_SENDS).length;
    const attempts = 11; // RATE_LIMIT_SIGNIN_PER_15_MINUTES is 10
    for (let i = 0; i < attempts; i++) {
      const guess = telegramUpdate({ updateId: 30 + i, messageId: 30 + i, userId: 5151, text: `/link AAAA-AA${String(i).padStart(2, "2")}` });
      expect((await postTelegram(guess)).status).toBe(200);
      await telegram.waitForCalls(TELEGRAM_SENDS, before + i + 1);
    }
    const replies = telegram
      .callsTo(TELEGRAM_SENDS)
      .slice(before)
      .map((c) => JSON.stringify(c.body));
    expect(replies.slice(0, 10).every((reply) => reply.includes("unknown or has expired"))).toBe(true);
    expect(replies[10]).toMatch(/Too many link attempts from this account\W+Please try again in \d+ minutes/);
  });

  it("tells a linked user over the message limit so in the chat, counting their web messages too, and calls no model", async () => {
    // the web's chat limit counts before the request is read: empty requests use it up
    let refused = false;
    for (let i = 0; i < 40 && !refused; i++) refused = (await owner.request("/api/chat", { method: "POST", json: {} })).status === 429;
    expect(refused).toBe(true);
    const before = telegram.callsTo(TELEGRAM_SENDS).length;
    const requests = models.requests.length;
    expect((await postTelegram(telegramUpdate({ updateId: 50, messageId: 50, userId: 4242, text: "One more thing about ACME" }))).status).toBe(200);
    const sent = await telegram.waitForCalls(TELEGRAM_SENDS, before + 1);
    expect(JSON.stringify(sent[before].body)).toMatch(/Too many messages\W+Please try again in \d+ seconds/);
    await settle();
    expect(models.requests.length).toBe(requests);
    expect(telegram.callsTo(TELEGRAM_SENDS)).toHaveLength(before + 1);
  });

  it("unlinks from the channel and from the web", async () => {
    const before = telegram.callsTo(TELEGRAM_SENDS).length;
    expect((await postTelegram(telegramUpdate({ updateId: 20, messageId: 20, userId: 4242, text: "/unlink" }))).status).toBe(200);
    const sent = await telegram.waitForCalls(TELEGRAM_SENDS, before + 1);
    expect(JSON.stringify(sent[before].body)).toContain("no longer linked");

    const accounts = (await (await owner.request("/api/channels/accounts")).json()) as { accounts: { id: string; channel: string }[] };
    const slackAccount = accounts.accounts.find((a) => a.channel === "slack")!;
    expect(accounts.accounts.map((a) => a.channel)).toEqual(["slack"]);
    expect((await other.request(`/api/channels/accounts/${slackAccount.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await owner.request(`/api/channels/accounts/${slackAccount.id}`, { method: "DELETE" })).status).toBe(204);
    const after = (await (await owner.request("/api/channels/accounts")).json()) as { accounts: unknown[] };
    expect(after.accounts).toEqual([]);
  });
});
