import { describe, expect, it } from "vitest";
import { estimateTokens, type HistoryMessage, recentWithinBudget } from "@/lib/ai/tokens";
import { buildRouterPrompt, DEFAULT_ROUTER_HISTORY_TOKENS, NONE, type RoutableTask, routerTaskLine } from "@/lib/router/prompt";
import { parseSettings } from "@/lib/settings";

const PROMPT_TOKENS = parseSettings({}).ROUTER_PROMPT_TOKENS;

const tasks: RoutableTask[] = [
  { slug: "meeting-minutes", name: "Meeting minutes", routerDescription: "The user wants minutes\n  of a meeting written   from notes." },
  { slug: "follow-up-email", name: "Follow-up email", routerDescription: "The user wants a follow-up email after a call or meeting." },
  { slug: "job-post", name: "Job post", routerDescription: "The user wants a job advertisement written." },
];

describe("buildRouterPrompt", () => {
  it("lists every task on its own line (whitespace collapsed) plus none, and asks for JSON with those options", () => {
    const { system } = buildRouterPrompt({ tasks, currentTask: null, messages: [{ role: "user", content: "hi" }], promptTokens: PROMPT_TOKENS });
    const lines = system.split("\n");
    expect(lines).toContain("- meeting-minutes: The user wants minutes of a meeting written from notes.");
    expect(lines).toContain("- follow-up-email: The user wants a follow-up email after a call or meeting.");
    expect(lines).toContain("- job-post: The user wants a job advertisement written.");
    expect(lines.some((l) => l.startsWith(`- ${NONE}: `))).toBe(true);
    expect(system).toContain('{"task": "<one of: meeting-minutes, follow-up-email, job-post, none>"}');
    for (const task of tasks) expect(lines).toContain(routerTaskLine(task));
  });

  it("names the current task and renders the conversation oldest first with speaker labels", () => {
    const { prompt } = buildRouterPrompt({
      tasks,
      currentTask: "job-post",
      messages: [
        { role: "user", content: "Write a job post\nfor a nurse" },
        { role: "assistant", content: "Which   hospital?" },
        { role: "user", content: "St. Mary's" },
      ],
      promptTokens: PROMPT_TOKENS,
    });
    const lines = prompt.split("\n");
    expect(lines[0]).toBe("Current task: job-post");
    expect(lines.slice(-3)).toEqual(["User: Write a job post for a nurse", "Assistant: Which hospital?", "User: St. Mary's"]);
    expect(buildRouterPrompt({ tasks, currentTask: null, messages: [], promptTokens: PROMPT_TOKENS }).prompt.split("\n")[0]).toBe(`Current task: ${NONE}`);
  });

  it("keeps a 500-message conversation of long messages within the history budget and always includes the latest user message", () => {
    const messages: HistoryMessage[] = Array.from({ length: 500 }, (_, i) => ({
      role: i % 2 === 0 ? "user" : "assistant",
      content: `message ${i} ${"lorem ipsum dolor sit amet ".repeat(200)}`,
    }));
    messages.push({ role: "user", content: `LATEST: now write the follow-up email ${"x".repeat(6000)}` });
    const { system, prompt, estimatedTokens } = buildRouterPrompt({ tasks, currentTask: "meeting-minutes", messages, promptTokens: PROMPT_TOKENS });

    const slack = 60; // the header lines and "User: "/"Assistant: " labels
    expect(estimatedTokens).toBe(estimateTokens(system) + estimateTokens(prompt));
    expect(estimatedTokens).toBeLessThanOrEqual(estimateTokens(system) + DEFAULT_ROUTER_HISTORY_TOKENS + slack);
    const lines = prompt.split("\n");
    expect(lines.at(-1)).toMatch(/^User: LATEST: now write the follow-up email x+…$/);
    // only a recent excerpt: the first messages are gone
    expect(prompt).not.toContain("message 0 ");
    expect(lines.length).toBeGreaterThan(2);
  });

  it("respects a custom history budget", () => {
    const messages: HistoryMessage[] = Array.from({ length: 50 }, (_, i) => ({ role: i % 2 ? "assistant" : "user", content: `m${i} ${"word ".repeat(40)}` }));
    const small = buildRouterPrompt({ tasks, currentTask: null, messages, historyBudget: 120, promptTokens: PROMPT_TOKENS });
    const large = buildRouterPrompt({ tasks, currentTask: null, messages, historyBudget: 2000, promptTokens: PROMPT_TOKENS });
    expect(small.estimatedTokens).toBeLessThanOrEqual(estimateTokens(small.system) + 120 + 40);
    expect(large.estimatedTokens).toBeGreaterThan(small.estimatedTokens + 1000);
    expect(small.prompt).toContain("m49 ");
  });
});

describe("recentWithinBudget", () => {
  const msg = (role: HistoryMessage["role"], content: string): HistoryMessage => ({ role, content });

  it("keeps the newest messages that fit, oldest first", () => {
    // each costs 10 (40 chars → 10 tokens) + 4 = 14 tokens
    const messages = ["a", "b", "c", "d", "e"].map((c, i) => msg(i % 2 ? "assistant" : "user", c.repeat(40)));
    const kept = recentWithinBudget(messages, 30);
    expect(kept).toEqual([messages[3], messages[4]]);
    expect(recentWithinBudget(messages, 28)).toEqual([messages[3], messages[4]]);
    expect(recentWithinBudget(messages, 27)).toEqual([messages[4]]);
    expect(recentWithinBudget(messages, 1_000)).toEqual(messages);
  });

  it("does not skip a message to fit an older, smaller one", () => {
    const messages = [msg("user", "tiny"), msg("assistant", "y".repeat(400)), msg("user", "z".repeat(8))];
    expect(recentWithinBudget(messages, 20)).toEqual([messages[2]]);
  });

  it("cuts a single oversized newest message to the budget, keeping its end", () => {
    const content = `START${"x".repeat(1000)}END`;
    const kept = recentWithinBudget([msg("user", "older"), msg("user", content)], 50);
    expect(kept).toHaveLength(1);
    expect(kept[0].role).toBe("user");
    expect(kept[0].content.length).toBe(200);
    expect(kept[0].content.endsWith("END")).toBe(true);
    expect(kept[0].content).not.toContain("START");
  });

  it("returns nothing for no messages and does not mutate its input", () => {
    expect(recentWithinBudget([], 100)).toEqual([]);
    const messages = [msg("user", "q".repeat(1000))];
    recentWithinBudget(messages, 10);
    expect(messages[0].content).toHaveLength(1000);
  });
});
