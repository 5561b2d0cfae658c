import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../support/app-server";
import { launchBrowser, signUpInBrowser } from "../support/browser";
import { createConversation, sendTurn } from "../support/chat-client";
import type { TestDatabase } from "../support/database";
import { HttpClient } from "../support/http-client";
import type { ScriptedModelServer } from "../support/model-server";
import { mojodexFollowUpSpec, mojodexTemplateSpec } from "../support/mojodex-specs";
import { BEST, expectScriptedRepliesUsed, startScriptedApp } from "../support/scripted-app";
import { withDeliverable } from "../support/scripted-replies";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 667 };

describe("an admin manages tasks, imports, learnings and insight in Chromium", () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let importFile: string;
  const account = { email: "admin@example.test", password: "admin-password-1" };

  /** Another page of the same admin, at a size, colour scheme and language of its own. */
  async function adminPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP, locale: "en-US", ...options, storageState: await page.context().storageState() });
    return context.newPage();
  }

  beforeAll(async () => {
    const [scripted, launched] = await Promise.all([startScriptedApp(), launchBrowser()]);
    ({ testDb, models, app } = scripted);
    browser = launched;
    page = await browser.newPage({ viewport: DESKTOP, locale: "en-US" });
    // the first account is the administrator
    await signUpInBrowser(page, app.url, account.email, account.password);

    // a member's conversation with a deliverable, whose answer and version they approve: a learning and insight figures
    const member = new HttpClient(app.url);
    expect((await member.signUp("member@example.test", "member-password-1")).status).toBe(201);
    expect(await member.signIn("member@example.test", "member-password-1")).toBe(true);
    const conversationId = await createConversation(member, "Budget review");
    models.script(BEST, withDeliverable("Minutes – Budget review", "**Attendees**: Ana, Bo\n\n**Decisions**\n1. Hiring is frozen"));
    const turn = await sendTurn(member, { conversationId, text: "/meeting-minutes Budget review with Ana and Bo; hiring is frozen." });
    expect(turn.status, JSON.stringify(turn.error)).toBe(200);
    expectScriptedRepliesUsed(models, app);
    const answerId = turn.chunks.find((chunk) => chunk.type === "start")?.messageId;
    for (const target of [
      { type: "version", id: turn.deliverables[0].versionId },
      { type: "message", id: answerId },
    ]) {
      expect((await member.request("/api/feedback", { method: "PUT", json: { target, rating: "up" } })).status).toBe(200);
    }

    importFile = path.join(mkdtempSync(path.join(tmpdir(), "switchboard-import-")), "mojodex-tasks.json");
    writeFileSync(importFile, JSON.stringify([mojodexTemplateSpec(), mojodexFollowUpSpec()]));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  const rows = () => page.getByTestId("task-row");

  it("lists the seeded tasks with what users read, and filters them", async () => {
    await page.getByRole("link", { name: "Admin" }).click();
    await page.getByRole("heading", { name: "Tasks", level: 1, exact: true }).waitFor();
    expect(await rows().count()).toBe(3);
    // the user-facing description, not the router's
    const email = rows().filter({ hasText: "Follow-up email" });
    expect(await email.textContent()).toContain("After a meeting or call, get an email ready to send");
    expect(await email.textContent()).not.toContain("The user wants");
    await page.getByLabel("Search tasks").fill("email");
    expect(await rows().count()).toBe(1);
    await page.getByLabel("Search tasks").fill("");
    await page.getByRole("combobox", { name: "Show" }).click();
    await page.getByRole("option", { name: "Disabled" }).click();
    await page.getByText("No task matches").waitFor();
    await page.getByRole("combobox", { name: "Show" }).click();
    await page.getByRole("option", { name: "All tasks" }).click();
    expect(await rows().count()).toBe(3);
  });

  it("enables, disables, duplicates and deletes from each row, with a toast for each", async () => {
    const memoSwitch = page.getByRole("switch", { name: "Offer “Memo from loose ideas” to users and the router" });
    expect(await memoSwitch.getAttribute("aria-checked")).toBe("true");
    await memoSwitch.click();
    await page.getByText("“Memo from loose ideas” is disabled.").waitFor();
    await expect.poll(() => memoSwitch.getAttribute("aria-checked")).toBe("false");
    await memoSwitch.click();
    await page.getByText("“Memo from loose ideas” is enabled.").waitFor();

    await page.getByRole("button", { name: "Actions for “Follow-up email”" }).click();
    await page.getByRole("menuitem", { name: "Duplicate" }).click();
    await page.getByText("“Follow-up email” duplicated. The copy stays disabled until you review it.").waitFor();
    await expect.poll(() => rows().count()).toBe(4);
    const copy = page.getByRole("switch", { name: "Offer “Follow-up email (copy)” to users and the router" });
    expect(await copy.getAttribute("aria-checked")).toBe("false");

    await page.getByRole("button", { name: "Actions for “Follow-up email (copy)”" }).click();
    await page.getByRole("menuitem", { name: "Delete" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Delete “Follow-up email (copy)”?" });
    await dialog.getByRole("button", { name: "Delete task" }).click();
    await page.getByText("“Follow-up email (copy)” deleted.").waitFor();
    await expect.poll(() => rows().count()).toBe(3);
  });

  it("shows field errors, previews what users, the router and the assistant see, and creates the task", async () => {
    await page.getByRole("link", { name: "New task" }).click();
    await page.getByRole("heading", { name: "New task", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Create task" }).click();
    await page.getByText("Give the task a name.").waitFor();
    await page.getByText("At least 2 characters.").waitFor();

    await page.getByLabel("Name", { exact: true }).fill("Customer interview notes");
    await page.getByLabel("Description for users").fill("Turn an interview with a customer into clear notes.");
    await page.getByRole("tab", { name: "Español" }).click();
    await page.getByLabel("Name in Spanish").fill("Notas de entrevista con cliente");
    await page.getByLabel("Description in Spanish").fill("Convierte una entrevista con un cliente en notas claras.");
    await page.getByLabel("Slug").fill("Bad Slug!");
    await page.getByLabel("When this task applies").fill("The user has just interviewed a customer and wants the notes written up.");
    await page.getByLabel("Instructions for the assistant").fill("Write structured interview notes with quotes and insights.");
    await page.getByRole("button", { name: "Add information" }).click();
    await page.getByLabel("Information 1 name").fill("customer");
    await page.getByLabel("Information 1 description").fill("Who was interviewed");
    await page.getByLabel("Title format").fill("Interview – <customer> – <date>");
    await page.getByLabel("Body format").fill("Markdown: context, quotes, insights, follow-ups.");
    // example requests: Enter opens the next row, in any language, and the preview lists them
    await page.getByRole("button", { name: "Add an example request" }).click();
    await page.getByLabel("Example request 1", { exact: true }).fill("Notes from my call with a customer this morning");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Example request 2");
    await page.keyboard.type("Resume la entrevista con el cliente");
    expect(await page.getByTestId("examples-preview").textContent()).toBe(
      "“Notes from my call with a customer this morning”“Resume la entrevista con el cliente”",
    );
    await page.getByRole("button", { name: "Create task" }).click();
    await page.getByText("Lower-case letters and digits, words joined by - or _.").waitFor();

    await page.getByLabel("Slug").fill("customer-interview");
    expect(await page.getByTestId("router-preview").textContent()).toBe(
      "- customer-interview: The user has just interviewed a customer and wants the notes written up.",
    );
    const executorPreview = page.getByTestId("executor-preview");
    expect(await executorPreview.textContent()).toContain("Current task: Customer interview notes.");
    expect(await executorPreview.textContent()).toContain("- customer (required): Who was interviewed");
    // the scrolling prompt is a named region the keyboard reaches
    const promptRegion = page.getByRole("region", { name: "What the assistant is told" });
    expect(await promptRegion.getAttribute("tabindex")).toBe("0");
    await promptRegion.focus();
    expect(await page.evaluate(() => document.activeElement?.querySelector('[data-testid="executor-preview"]') !== null)).toBe(true);
    const users = page.getByRole("complementary", { name: "Preview" });
    await users.getByText("Notas de entrevista con cliente").waitFor();
    // English, and French falling back to it; Spanish has its own
    expect(await users.getByText("Turn an interview with a customer into clear notes.").count()).toBe(2);
    await page.getByRole("button", { name: "Create task" }).click();

    await page.getByText("“Customer interview notes” created.").waitFor();
    await page.getByRole("heading", { name: "Tasks", level: 1, exact: true }).waitFor();
    await page.getByText("/customer-interview").waitFor();
    expect(await rows().count()).toBe(4);

    // the translation is kept
    await page.getByRole("link", { name: "Customer interview notes" }).click();
    await page.getByRole("heading", { name: "Edit “Customer interview notes”" }).waitFor();
    expect(await page.getByLabel("Name in Spanish").inputValue()).toBe("Notas de entrevista con cliente");
    expect(await page.getByLabel("Example request 2", { exact: true }).inputValue()).toBe("Resume la entrevista con el cliente");
    await page.getByRole("link", { name: "Cancel" }).click();
    await page.getByRole("heading", { name: "Tasks", level: 1, exact: true }).waitFor();
  });

  it("shows a task's values in its form before the page is interactive", async () => {
    // register() fills inputs once scripts run; the server must render them, or a slow phone shows an empty form
    const noScript = await adminPage({ javaScriptEnabled: false });
    try {
      await noScript.goto(`${app.url}/admin/tasks`);
      const edit = await noScript.getByRole("link", { name: "Meeting minutes" }).getAttribute("href");
      await noScript.goto(`${app.url}${edit}`);
      expect(await noScript.getByLabel("Name", { exact: true }).inputValue()).toBe("Meeting minutes");
      expect(await noScript.getByLabel("When this task applies").inputValue()).toMatch(/meeting/);
      expect(await noScript.getByLabel("Name in Spanish").inputValue()).toBe("Acta de reunión");
    } finally {
      await noScript.context().close();
    }
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
    await page.screenshot({ path: "tests/.artifacts/admin-task-form.png", fullPage: true });
    await page.getByRole("link", { name: "Cancel" }).click();
  });

  it("validates the form in the admin's language", async () => {
    const spanish = await adminPage({ locale: "es-ES" });
    await spanish.goto(`${app.url}/admin/tasks/new`);
    await spanish.getByRole("heading", { name: "Nueva tarea", level: 1 }).waitFor();
    await spanish.getByRole("button", { name: "Crear tarea" }).click();
    await spanish.getByText("Ponle un nombre a la tarea.").waitFor();
    await spanish.getByText("Al menos 2 caracteres.").waitFor();
    expect(await spanish.getByLabel("Nombre en francés").count()).toBe(1);
    await spanish.context().close();
  });

  it("previews an import, flags a likely duplicate and template text, and imports the chosen task disabled", async () => {
    await page.goto(`${app.url}/admin/tasks`);
    await page.getByRole("link", { name: "Import" }).click();
    await page.getByRole("heading", { name: "Import tasks", level: 1 }).waitFor();
    await page.getByLabel("Task file to import").setInputFiles(importFile);
    await page.getByRole("heading", { name: "What this file will do" }).waitFor();
    const planned = page.getByTestId("import-task");
    expect(await planned.count()).toBe(2);
    await page.getByText("A Mojodex file: 2 new tasks, no update.").waitFor();
    const template = planned.filter({ hasText: "<USER TASK NAME>" });
    await template.getByText("15 fields still hold template text").waitFor();
    const followUp = planned.filter({ hasText: "/follow-up_email" });
    await followUp.getByText("Same name as “Follow-up email” (/follow-up-email).").waitFor();
    // nothing goes live unless the admin says so
    expect(await followUp.getByRole("switch", { name: "Enable after import" }).getAttribute("aria-checked")).toBe("false");
    await page.getByText("How the file was read").click();
    await page.getByText("The task's name and description for users reading in French.").waitFor();
    await template.getByRole("switch", { name: "Create this task" }).click();
    await page.getByRole("button", { name: "Import 1 task" }).click();

    await page.getByText("Imported: 1 task created, 0 updated.").waitFor();
    await page.getByRole("heading", { name: "Tasks", level: 1, exact: true }).waitFor();
    await page.getByText("/follow-up_email").waitFor();
    expect(await page.getByText("/system_task_name").count()).toBe(0);
    const imported = page.getByRole("switch", { name: "Offer “Follow-up email” to users and the router" });
    expect(await imported.count()).toBe(2);
    expect(await imported.evaluateAll((switches) => switches.map((s) => s.getAttribute("aria-checked")).sort())).toEqual(["false", "true"]);
  });

  it("lays the task list out as readable cards on a phone", async () => {
    const phone = await adminPage({ viewport: PHONE });
    await phone.goto(`${app.url}/admin/tasks`);
    await phone.getByTestId("task-row").first().waitFor();
    const layout = await phone.evaluate(() => {
      /** how many lines a piece of text inside `root` takes on screen */
      const linesOf = (root: Element, text: string) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent?.indexOf(text) ?? -1;
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + text.length);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        }
        return -1;
      };
      const search = document.querySelector<HTMLInputElement>('input[aria-label="Search tasks"]')!;
      const style = getComputedStyle(search);
      const context = document.createElement("canvas").getContext("2d")!;
      context.font = `${style.fontSize} ${style.fontFamily}`;
      const rows = [...document.querySelectorAll('[data-testid="task-row"]')].map((row) => ({
        width: Math.round(row.getBoundingClientRect().width),
        nameLines: linesOf(row, "Memo from loose ideas"),
        userDescription: row.textContent?.includes("Drop in scattered notes or ideas") ?? false,
        visibleDeleteButtons: [...row.querySelectorAll("button")].filter((b) => b.textContent?.trim() === "Delete" && b.offsetParent !== null).length,
      }));
      return {
        pageWidth: document.documentElement.scrollWidth,
        placeholderFits: context.measureText(search.placeholder).width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) <= search.clientWidth,
        memo: rows.find((row) => row.nameLines > 0),
        rows,
      };
    });
    console.log("task list at 375 px:", JSON.stringify(layout));
    expect(layout.pageWidth).toBeLessThanOrEqual(PHONE.width);
    expect(layout.placeholderFits).toBe(true);
    expect(layout.memo).toMatchObject({ nameLines: 1, userDescription: true });
    for (const row of layout.rows) {
      expect(row.width).toBeLessThanOrEqual(PHONE.width);
      expect(row.visibleDeleteButtons).toBe(0);
    }
    // the row's actions are one menu, reachable by touch
    const menu = phone.getByRole("button", { name: "Actions for “Memo from loose ideas”" });
    const box = await menu.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(36);
    await phone.screenshot({ path: "tests/.artifacts/admin-tasks-phone.png", fullPage: true });
    await phone.context().close();
  });

  it("reviews a learning: edit in a dialog, turn it off, delete it after confirming", async () => {
    await page.goto(`${app.url}/admin/learnings`);
    await page.getByRole("heading", { name: "Learnings", level: 1 }).waitFor();
    const learning = page.getByTestId("learning");
    expect(await learning.count()).toBe(1);
    await learning.getByText("Example deliverable").waitFor();
    await learning.getByText("Thumbs up by member@example.test").waitFor();

    await learning.getByRole("button", { name: "Actions for this learning" }).click();
    await page.getByRole("menuitem", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit learning" });
    await dialog.getByLabel("Expected output").fill("**Attendees**: Ana, Bo\n\n**Decisions**\n1. Hiring is frozen until June");
    await dialog.getByRole("button", { name: "Save" }).click();
    await page.getByText("Learning saved.").waitFor();
    await learning.getByText("Hiring is frozen until June").waitFor();

    await learning.getByRole("switch", { name: "Use this learning" }).click();
    await page.getByText("Learning turned off.").waitFor();
    await learning.getByText("Disabled", { exact: true }).waitFor();

    await page.getByRole("combobox", { name: "Status" }).click();
    await page.getByRole("option", { name: "Active", exact: true }).click();
    await page.getByText("No learning matches these filters").waitFor();
    expect(page.url()).toContain("status=active");
    await page.getByRole("combobox", { name: "Status" }).click();
    await page.getByRole("option", { name: "Active and disabled" }).click();
    await learning.first().waitFor();

    await learning.getByRole("button", { name: "Actions for this learning" }).click();
    await page.getByRole("menuitem", { name: "Delete" }).click();
    await page.getByRole("alertdialog", { name: "Delete this learning?" }).getByRole("button", { name: "Delete learning" }).click();
    await page.getByText("Learning deleted.").waitFor();
    await page.getByText("No learnings yet").waitFor();
  });

  it("shows insight's thumbs-up rate per target, each labelled", async () => {
    await page.goto(`${app.url}/admin/insight`);
    await page.getByRole("heading", { name: "Routing insight", level: 1 }).waitFor();
    const rate = async (target: string) => (await page.getByTestId(`rating-${target}`).textContent()) ?? "";
    console.log("insight rates:", await rate("answer"), "|", await rate("taskChoice"), "|", await rate("version"));
    expect(await rate("answer")).toMatch(/^Answers100%/);
    expect(await rate("answer")).toContain("1 up · 0 down");
    expect(await rate("version")).toMatch(/^Deliverable versions100%/);
    expect(await rate("taskChoice")).toMatch(/^Task choices—.*No votes yet/);
    await page.getByRole("figure", { name: "Decisions by action, per day" }).locator("svg").first().waitFor();
  });
});
