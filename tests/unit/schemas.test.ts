import { describe, expect, it } from "vitest";
import { signUpSchema } from "@/lib/auth/users";
import { seedTasks, taskInputSchema } from "@/lib/tasks";

describe("task definitions", () => {
  it("accepts every seed task as it is", () => {
    for (const task of seedTasks) expect(taskInputSchema.safeParse(task).success, task.slug).toBe(true);
    expect(new Set(seedTasks.map((t) => t.slug)).size).toBe(3);
  });

  it("rejects a malformed task with a message per field", () => {
    const result = taskInputSchema.safeParse({
      ...seedTasks[0],
      slug: "Meeting Minutes!",
      outputKind: "poem",
      infoToCollect: [
        { name: "date", description: "When" },
        { name: "date", description: "Again" },
      ],
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["slug", "outputKind", "infoToCollect"]));
  });

  it("bounds the example requests: how many, how long, none empty", () => {
    const paths = (exampleRequests: unknown) =>
      taskInputSchema.safeParse({ ...seedTasks[0], exampleRequests }).error?.issues.map((i) => [i.path.join("."), i.message]) ?? [];
    expect(taskInputSchema.parse({ ...seedTasks[0], exampleRequests: undefined }).exampleRequests).toEqual([]);
    expect(paths(["  Write up the meeting  "])).toEqual([]);
    expect(paths(Array.from({ length: 21 }, (_, i) => `request ${i}`))).toEqual([["exampleRequests", "At most 20 example requests."]]);
    expect(paths(["ok", "   ", "x".repeat(301)])).toEqual([
      ["exampleRequests.1", "Write the request or remove the row."],
      ["exampleRequests.2", "At most 300 characters."],
    ]);
    for (const task of seedTasks) expect(task.exampleRequests?.length, task.slug).toBeGreaterThanOrEqual(6);
  });

  it("bounds the follow-up actions: how many, label length, a valid and distinct target each", () => {
    const issues = (followUpActions: unknown) =>
      taskInputSchema.safeParse({ ...seedTasks[0], followUpActions }).error?.issues.map((i) => [i.path.join("."), i.message]) ?? [];
    const action = (target: string, label = "Do the next thing") => ({ target, label });
    expect(taskInputSchema.parse({ ...seedTasks[0], followUpActions: undefined }).followUpActions).toEqual([]);
    expect(taskInputSchema.parse({ ...seedTasks[0], followUpActions: [action("memo", "  Write a memo  ")] }).followUpActions).toEqual([
      { target: "memo", label: "Write a memo", translations: {} },
    ]);
    expect(issues(Array.from({ length: 6 }, (_, i) => action(`task-${i}`)))).toEqual([["followUpActions", "At most 5 follow-up actions."]]);
    expect(issues([action("a-task", "   "), action("b-task", "x".repeat(61)), action("Not A Slug"), action("")])).toEqual([
      ["followUpActions.0.label", "Give the button a label."],
      ["followUpActions.1.label", "At most 60 characters."],
      ["followUpActions.2.target", "Lower-case letters and digits, words joined by - or _."],
      ["followUpActions.3.target", "Choose the task the button starts."],
      ["followUpActions.3.target", "Lower-case letters and digits, words joined by - or _."],
    ]);
    expect(issues([{ ...action("a-task"), translations: { es: "y".repeat(61), de: "Weiter" } }]).map(([path]) => path)).toEqual([
      "followUpActions.0.translations.es",
      "followUpActions.0.translations",
    ]);
    expect(issues([action("a-task"), action("a-task", "Again")])).toEqual([["followUpActions", "Each follow-up action must start a different task."]]);
  });

  it("seeds meeting minutes with a follow-up email button, labelled in every interface language", () => {
    const minutes = seedTasks.find((t) => t.slug === "meeting-minutes")!;
    expect(minutes.followUpActions).toEqual([
      { target: "follow-up-email", label: "Write the follow-up email", translations: { es: expect.any(String), fr: expect.any(String) } },
    ]);
    const slugs = new Set(seedTasks.map((t) => t.slug));
    for (const task of seedTasks) for (const a of task.followUpActions) expect(slugs.has(a.target), `${task.slug} → ${a.target}`).toBe(true);
  });
});

describe("sign-up input", () => {
  it("normalises the email and requires 8 characters of password", () => {
    expect(signUpSchema.parse({ email: " Ada@Example.COM ", password: "longenough" }).email).toBe("ada@example.com");
    const result = signUpSchema.safeParse({ email: "not-an-email", password: "short" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path[0]).sort()).toEqual(["email", "password"]);
  });
});
