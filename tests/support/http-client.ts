import { Agent, fetch as undiciFetch } from "undici";

/**
 * A minimal browser stand-in for API tests: keeps cookies and signs in through next-auth's real
 * credentials flow (CSRF token, callback, session cookie). With a localAddress (127.0.0.2, …: all of
 * 127.0.0.0/8 is this machine) it connects from that address, as another client would.
 */
export class HttpClient {
  private readonly cookies = new Map<string, string>();
  private readonly agent: Agent | undefined;

  constructor(
    readonly baseUrl: string,
    { localAddress }: { localAddress?: string } = {},
  ) {
    this.agent = localAddress ? new Agent({ localAddress }) : undefined;
  }

  async request(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    let body = init.body;
    if (init.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(init.json);
    }
    const url = `${this.baseUrl}${path}`;
    const response = this.agent
      ? ((await undiciFetch(url, {
          method: init.method,
          headers,
          body: body as string | undefined,
          redirect: "manual",
          dispatcher: this.agent,
        })) as unknown as Response)
      : await fetch(url, { ...init, headers, body, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || !value) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  get(path: string) {
    return this.request(path);
  }

  post(path: string, json: unknown) {
    return this.request(path, { method: "POST", json });
  }

  async signUp(email: string, password: string, name?: string) {
    return this.post("/api/signup", { email, password, name });
  }

  /** Signs in; true when next-auth set a session cookie. */
  async signIn(email: string, password: string): Promise<boolean> {
    return (await this.signInAttempt(email, password)).signedIn;
  }

  /** Signs in, and says why not: next-auth's error (CredentialsSignin for a wrong password, or what authorize threw). */
  async signInAttempt(email: string, password: string): Promise<{ signedIn: boolean; error: string | null }> {
    const { csrfToken } = (await (await this.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await this.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
    });
    const { url } = (await response.json()) as { url: string };
    return { signedIn: this.hasSession(), error: new URL(url).searchParams.get("error") };
  }

  async signOut() {
    const { csrfToken } = (await (await this.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await this.request("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, json: "true" }).toString(),
    });
  }

  hasSession(): boolean {
    return [...this.cookies.keys()].some((name) => name.endsWith("next-auth.session-token"));
  }
}

let counter = 0;
/** A unique address per call, so tests never depend on each other's accounts. */
export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${Date.now().toString(36)}-${process.pid}-${counter++}@example.test`;
}
