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
});

describe("sign-up input", () => {
  it("normalises the email and requires 8 characters of password", () => {
    expect(signUpSchema.parse({ email: " Ada@Example.COM ", password: "longenough" }).email).toBe("ada@example.com");
    const result = signUpSchema.safeParse({ email: "not-an-email", password: "short" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path[0]).sort()).toEqual(["email", "password"]);
  });
});
