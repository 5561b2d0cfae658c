import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { AppError } from "@/lib/http";
import { settings } from "@/lib/settings";

export interface OutgoingEmail {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
}

/** Fails with what to set when the mail server or the sender is missing. */
export function mailSettings() {
  const { SMTP_URL, SMTP_FROM } = settings();
  if (!SMTP_URL || !SMTP_FROM) throw new AppError("unavailable:smtp_settings", { key: "unavailable.smtpSettings" });
  return { url: SMTP_URL, from: SMTP_FROM };
}

/**
 * A mail server's failure as an error that says why, in the reader's language; nothing was sent. A
 * failure without an SMTP reply (refused or dropped connection, timeout, TLS) means the server could not
 * be reached; a reply is quoted.
 */
function sendFailure(error: unknown, url: string): AppError {
  const { code, response, responseCode, rejected } = (error ?? {}) as { code?: string; response?: string; responseCode?: number; rejected?: string[] };
  const host = new URL(url).host;
  if (code === "EAUTH") return new AppError("unavailable:smtp", { key: "unavailable.smtpAuth", values: { host } });
  if (code === "EENVELOPE" && rejected?.length)
    return new AppError("bad_request:send", { key: "bad_request.smtpRecipients", values: { addresses: rejected.join(", ") } });
  if (responseCode && response) return new AppError("unavailable:smtp", { key: "unavailable.smtpRefused", values: { host, reason: response.slice(0, 300) } });
  return new AppError("unavailable:smtp", { key: "unavailable.smtpUnreachable", values: { host } });
}

/** Sends one email through the configured server; answers the Message-ID the server accepted. */
export async function deliver(email: OutgoingEmail): Promise<string> {
  const { url, from } = mailSettings();
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } satisfies SMTPTransport.Options);
  try {
    const info = await transport.sendMail({ from, ...email });
    return info.messageId;
  } catch (error) {
    throw sendFailure(error, url);
  } finally {
    transport.close();
  }
}
