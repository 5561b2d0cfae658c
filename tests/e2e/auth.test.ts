import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startApp } from "../support/app-server";
import { launchBrowser } from "../support/browser";
import { createTestDatabase, type TestDatabase } from "../support/database";

describe("signing up, in and out in Chromium", () => {
  let testDb: TestDatabase;
  let app: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    testDb = await createTestDatabase("pglite");
    [app, browser] = await Promise.all([startApp({ ...testDb.env, RATE_LIMIT_SIGNIN_PER_15_MINUTES: "3" }), launchBrowser()]);
    // English whatever the machine's language, so the assertions below read the English catalog
    page = await browser.newPage({ locale: "en-US" });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await testDb?.drop();
  });

  it("sends a visitor to sign-in", async () => {
    await page.goto(`${app.url}/`);
    await page.waitForURL(/\/signin$/);
    await expect(page.getByRole("heading", { name: "Welcome back" }).isVisible()).resolves.toBe(true);
  });

  it("shows field errors for a bad email and a short password, and keeps what was typed", async () => {
    await page.goto(`${app.url}/signup`);
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("Enter a valid email address.").waitFor();
    await page.getByText("Use at least 8 characters.").waitFor();
    expect(await page.getByLabel("Email").inputValue()).toBe("not-an-email");
  });

  it("creates an account and lands on the empty chat page with the seeded tasks", async () => {
    await page.getByLabel("Name (optional)").fill("Grace");
    await page.getByLabel("Email").fill("grace@example.test");
    await page.getByLabel("Password").fill("correct-horse-battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "What are you working on?" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    await page.getByRole("button", { name: "Account menu" }).click();
    expect(await page.getByTestId("current-user").textContent()).toBe("Grace");
    await page.keyboard.press("Escape");
    const tasks = page.getByRole("list", { name: "Tasks the assistant can do" }).getByRole("listitem");
    expect(await tasks.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining("Meeting minutes"), expect.stringContaining("Follow-up email")]),
    );
    // no model is configured in this run: the page says what to set instead of failing later
    await page.getByText(/Set MODEL_BEST/).waitFor();
  });

  it("signs out, refuses a wrong password, and signs back in", async () => {
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    await page.getByLabel("Email").fill("grace@example.test");
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "The email or password is incorrect." }).waitFor();
    await page.getByLabel("Password").fill("correct-horse-battery");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "What are you working on?" }).waitFor();
  });

  it("stays on the host the user came from when signing out (the app's own address says 127.0.0.1)", async () => {
    const viaLocalhost = app.url.replace("127.0.0.1", "localhost");
    const other = await browser.newPage({ locale: "en-US" });
    await other.goto(`${viaLocalhost}/signin`);
    await other.getByLabel("Email").fill("grace@example.test");
    await other.getByLabel("Password").fill("correct-horse-battery");
    await other.getByRole("button", { name: "Sign in" }).click();
    await other.getByRole("heading", { name: "What are you working on?" }).waitFor();
    await other.getByRole("button", { name: "Account menu" }).click();
    await other.getByRole("menuitem", { name: "Sign out" }).click();
    await other.waitForURL(/\/signin$/);
    expect(new URL(other.url()).host).toBe(new URL(viaLocalhost).host);
    await other.close();
  });

  it("says in words, in the reader's language, when to try again after too many attempts", async () => {
    await fetch(`${app.url}/api/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "linus@example.test", password: "right-password-1" }),
    });
    const spanish = await browser.newPage({ locale: "es-ES" });
    await spanish.goto(`${app.url}/signin`);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await spanish.getByLabel("Correo electrónico").fill("linus@example.test");
      await spanish.getByLabel("Contraseña").fill(`wrong-${attempt}`);
      // each attempt waits for its own answer (Next's route announcer is an empty alert of its own)
      await Promise.all([
        spanish.waitForResponse((response) => response.url().includes("/api/auth/callback/credentials")),
        spanish.getByRole("button", { name: "Iniciar sesión" }).click(),
      ]);
      await spanish.getByRole("alert").filter({ hasText: /\S/ }).waitFor();
    }
    await spanish.getByRole("alert").filter({ hasText: "Vuelve a intentarlo dentro de 15 minutos." }).waitFor();
    await spanish.close();
  });
});
