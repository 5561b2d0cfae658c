/** The outcome of an admin API call: the body when it worked, the server's message and field errors when not. */
export type SendResult = { ok: true; body: Record<string, unknown> } | { ok: false; message: string | null; fields: Record<string, string[]> };

/**
 * Calls an admin API route with a JSON body (or a form). A failure never throws: an unreachable server or an error
 * answer comes back as `ok: false`, with the server's message (already in the reader's language) when it sent one.
 */
export async function sendJson(url: string, init: RequestInit = {}): Promise<SendResult> {
  try {
    // a form (an upload) sets its own multipart content type
    const headers = new Headers(init.headers);
    if (!(init.body instanceof FormData) && !headers.has("content-type")) headers.set("content-type", "application/json");
    const response = await fetch(url, { ...init, headers });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.ok) return { ok: true, body };
    return { ok: false, message: typeof body.message === "string" ? body.message : null, fields: (body.fields ?? {}) as Record<string, string[]> };
  } catch {
    return { ok: false, message: null, fields: {} };
  }
}
