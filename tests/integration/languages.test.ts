import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startApp } from "../support/app-server";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database";
import { HttpClient, uniqueEmail } from "../support/http-client";

/** The interface language: the account's choice, else the browser's (Accept-Language), else English. */
describe(`interface language on ${testDatabaseKind()}`, () => {
  let testDb: TestDatabase;
  let app: AppServer;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    app = await startApp(testDb.env);
  });

  afterAll(async () => {
    await app?.stop();
    await testDb?.drop();
  });

  const lang = (html: string) => /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1];

  it("follows the browser's language before sign-in, and English for a language it does not speak", async () => {
    const anonymous = new HttpClient(app.url);
    const spanish = await (await anonymous.request("/signin", { headers: { "accept-language": "es-MX,es;q=0.9,en;q=0.5" } })).text();
    expect(lang(spanish)).toBe("es");
    expect(spanish).toContain("Hola de nuevo");
    const french = await (await anonymous.request("/signup", { headers: { "accept-language": "fr-CA" } })).text();
    expect(lang(french)).toBe("fr");
    expect(french).toContain("Créez votre compte");
    const german = await (await anonymous.request("/signin", { headers: { "accept-language": "de-DE,de;q=0.9" } })).text();
    expect(lang(german)).toBe("en");
    expect(german).toContain("Welcome back");
  });

  it("answers API errors in the browser's language", async () => {
    const anonymous = new HttpClient(app.url);
    const response = await anonymous.request("/api/conversations", { headers: { "accept-language": "fr" } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "unauthorized:auth", message: "Vous devez d’abord vous connecter." });
    // field errors too, with the limits the schema sets
    const signUp = await anonymous.request("/api/signup", { method: "POST", json: { email: "nope", password: "short" }, headers: { "accept-language": "es" } });
    expect(signUp.status).toBe(400);
    expect(await signUp.json()).toMatchObject({
      code: "bad_request:signup",
      message: "Algunos campos no son válidos.",
      fields: { email: ["Introduce un correo electrónico válido."], password: ["Usa al menos 8 caracteres."] },
    });
  });

  it("answers API errors in the account's language once chosen, whatever the browser says", async () => {
    const user = new HttpClient(app.url);
    const email = uniqueEmail("francophone");
    expect((await user.signUp(email, "francophone-password")).status).toBe(201);
    expect(await user.signIn(email, "francophone-password")).toBe(true);
    expect((await user.request("/api/account", { method: "PATCH", json: { locale: "fr" } })).status).toBe(200);
    // the session token carries the language for API errors: the account menu refreshes it after a change
    const { csrfToken } = (await (await user.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await user.request("/api/auth/session", { method: "POST", json: { csrfToken, data: {} } });
    const missing = await user.request("/api/conversations/no-such-conversation", { headers: { "accept-language": "es" } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: "not_found:chat", message: "Cette conversation n’existe pas." });
  });

  it("uses the account's language over the browser's once chosen, and the browser's again when reset", async () => {
    const user = new HttpClient(app.url);
    const email = uniqueEmail("polyglot");
    expect((await user.signUp(email, "polyglot-password")).status).toBe(201);
    expect(await user.signIn(email, "polyglot-password")).toBe(true);
    const page = async () => (await user.request("/", { headers: { "accept-language": "es" } })).text();
    expect(lang(await page())).toBe("es");

    const chosen = await user.request("/api/account", { method: "PATCH", json: { locale: "fr" } });
    expect(chosen.status).toBe(200);
    expect((await chosen.json()).user.locale).toBe("fr");
    expect(lang(await page())).toBe("fr");

    const invalid = await user.request("/api/account", { method: "PATCH", json: { locale: "de" } });
    expect(invalid.status).toBe(400);
    expect(lang(await page())).toBe("fr");

    expect((await user.request("/api/account", { method: "PATCH", json: { locale: null } })).status).toBe(200);
    expect(lang(await page())).toBe("es");
  });
});
