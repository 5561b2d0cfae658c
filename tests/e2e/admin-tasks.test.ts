import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { launchBrowser, signUpInBrowser } from "../support/browser";
import { createTestDatabase, type TestDatabase } from "../support/database";

describe("an admin manages tasks in Chromium", () => {
  let testDb: TestDatabase;
  let app: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    testDb = await createTestDatabase("pglite");
    [app, browser] = await Promise.all([startApp(testDb.env), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signUpInBrowser(page, app.url, "admin@example.test", "admin-password-1");
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await testDb?.drop();
  });

  it("lists the seeded tasks and filters them", async () => {
    await page.getByRole("link", { name: "Admin" }).click();
    await page.getByRole("heading", { name: "Tasks" }).waitFor();
    expect(await page.getByTestId("task-row").count()).toBe(3);
    await page.getByLabel("Search tasks").fill("email");
    expect(await page.getByTestId("task-row").count()).toBe(1);
    await page.getByLabel("Search tasks").fill("");
  });

  it("shows field errors, previews the prompts, and creates the task", async () => {
    await page.getByRole("link", { name: "New task" }).click();
    await page.getByRole("button", { name: "Create task" }).click();
    await page.getByText("Give the task a name.").waitFor();
    await page.getByText("At least 2 characters.").waitFor();

    await page.getByLabel("Name", { exact: true }).fill("Customer interview notes");
    await page.getByLabel("Slug").fill("Bad Slug!");
    await page.getByLabel("When this task applies").fill("The user has just interviewed a customer and wants the notes written up.");
    await page.getByLabel("Instructions for the assistant").fill("Write structured interview notes with quotes and insights.");
    await page.getByRole("button", { name: "Add information" }).click();
    await page.getByLabel("Information 1 name").fill("customer");
    await page.getByLabel("Information 1 description").fill("Who was interviewed");
    await page.getByLabel("Title format").fill("Interview – <customer> – <date>");
    await page.getByLabel("Body format").fill("Markdown: context, quotes, insights, follow-ups.");
    await page.getByRole("button", { name: "Create task" }).click();
    await page.getByText("Lower-case letters and digits, words joined by - or _.").waitFor();

    await page.getByLabel("Slug").fill("customer-interview");
    expect(await page.getByTestId("router-preview").textContent()).toBe(
      "- customer-interview: The user has just interviewed a customer and wants the notes written up.",
    );
    const executorPreview = await page.getByTestId("executor-preview").textContent();
    expect(executorPreview).toContain("Current task: Customer interview notes.");
    expect(executorPreview).toContain("- customer (required): Who was interviewed");
    await page.getByRole("button", { name: "Create task" }).click();

    await page.getByRole("heading", { name: "Tasks" }).waitFor();
    await page.getByText("/customer-interview").waitFor();
    expect(await page.getByTestId("task-row").count()).toBe(4);
  });

  it("refuses a slug that is already taken, with the message on the field", async () => {
    await page.getByRole("link", { name: "New task" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Another");
    await page.getByLabel("Slug").fill("customer-interview");
    await page.getByLabel("When this task applies").fill("Whenever the user wants another thing done.");
    await page.getByLabel("Instructions for the assistant").fill("Do the other thing carefully.");
    await page.getByLabel("Title format").fill("Another");
    await page.getByLabel("Body format").fill("Markdown.");
    await page.getByRole("button", { name: "Create task" }).click();
    await page.getByText("This slug is already used by another task.").waitFor();
    await page.screenshot({ path: "tests/.artifacts/admin-task-form.png" });
  });
});
