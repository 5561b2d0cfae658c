import { z } from "zod";

// What the send sheet sends; also checked in the browser before the request. No server-only imports.

const address = z.string().trim().toLowerCase().pipe(z.email("fields.email"));

export const sendRequestSchema = z.object({
  to: z.array(address).min(1, "fields.recipientsRequired").max(50),
  cc: z.array(address).max(50).default([]),
  subject: z.string().trim().min(1, "fields.subjectRequired").max(300),
  body: z.string().trim().min(1, "fields.bodyRequired").max(100_000),
  /** made when the sheet opens: pressing twice (or retrying a request whose answer was lost) sends once */
  idempotencyKey: z.uuid(),
});

/** A list of addresses as typed in one field: separated by commas, semicolons or spaces. */
export const splitAddresses = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

/**
 * The sheet's first values from the deliverable: the version's title is the subject (the email task's
 * title format is its subject line), its text the body, and any addresses the text names the recipients.
 */
export function draftOf(version: { title: string; body: string }) {
  const found = version.body.match(new RegExp(z.regexes.email.source.replace(/^\^|\$$/g, ""), "g")) ?? [];
  return { to: [...new Set(found.map((a) => a.toLowerCase()))], cc: [] as string[], subject: version.title, body: version.body };
}
