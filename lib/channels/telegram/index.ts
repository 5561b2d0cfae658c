import { createTelegramAdapter } from "@chat-adapter/telegram";
import { ConsoleLogger } from "chat";
import { settings } from "@/lib/settings";

export function telegramConfigured(): boolean {
  const { TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET_TOKEN } = settings();
  return Boolean(TELEGRAM_BOT_TOKEN && TELEGRAM_WEBHOOK_SECRET_TOKEN);
}

/** The Chat SDK's Telegram adapter in webhook mode: an update without the secret token given to setWebhook is refused. */
export function createTelegramChannel() {
  const { TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET_TOKEN, TELEGRAM_API_BASE_URL } = settings();
  return createTelegramAdapter({
    botToken: TELEGRAM_BOT_TOKEN,
    secretToken: TELEGRAM_WEBHOOK_SECRET_TOKEN,
    apiUrl: TELEGRAM_API_BASE_URL,
    mode: "webhook",
    logger: new ConsoleLogger("warn", "telegram"),
  });
}
