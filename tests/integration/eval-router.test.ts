import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { taskEmbeddingText } from "@/lib/embeddings";
import { seedTasks } from "@/lib/tasks";
import { ScriptedModelServer } from "../support/model-server";

// npm run eval:router against the scripted model server: no app server and no database. The router's
// answers are queued in the order the script asks (one conversation after another, turn by turn).

const MODEL = "scripted-fast";
const dataset = [
  {
    id: "minutes-then-end",
    language: "en",
    registry: "seed",
    turns: [
      { user: "Write minutes of today's sync: Ana and me, we agreed to ship on Friday.", assistant: "Minutes – Sync – today…", expected: "meeting-minutes" },
      { user: "Add that Ana owns the release notes.", assistant: "Added.", expected: "meeting-minutes" },
      { user: "Thanks, that's all.", expected: "none" },
    ],
  },
  {
    id: "talks-about-minutes",
    language: "en",
    registry: "seed",
    turns: [
      { user: "My boss hates meeting minutes.", assistant: "Many people do!", expected: "none" },
      { user: "Now write a follow-up email to ACME after today's call.", expected: "follow-up-email" },
    ],
  },
  {
    id: "memo-then-email",
    language: "es",
    registry: "seed",
    turns: [
      { user: "Convierte estas ideas en un memo para dirección: turnos de fin de semana y un chatbot.", assistant: "Memo: …", expected: "memo-from-ideas" },
      { user: "Ahora el correo de seguimiento para el cliente de la reunión de ayer.", expected: "follow-up-email" },
    ],
  },
];
// expected (point):  mm (start) · mm (continue) · none (end) · none (none) · fe (start) · memo (start) · fe (switch)
const answers = [
  '{"task":"meeting-minutes"}',
  '{"task":"meeting-minutes"}',
  '{"task":"none"}',
  '{"task":"meeting-minutes"}', // wrong: the user only talks about minutes → predicted start, expected none
  '{"task":"follow-up-email"}',
  '{"task":"memo-from-ideas"}',
  "maybe minutes?", // not JSON, asked once more…
  "maybe minutes?", // …and again: invalid, the current task (memo) is kept → predicted continue, expected switch
];

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/eval-router.ts", ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The value cell of a summary row. */
function metric(report: string, label: string): string {
  const row = report.split("\n").find((line) => line.startsWith(`| ${label} |`));
  if (!row) throw new Error(`no row "${label}" in the report:\n${report}`);
  return row.split(" | ")[1].replace(/ \|$/, "");
}

describe("npm run eval:router", () => {
  let models: ScriptedModelServer;
  let dir: string;
  let result: Awaited<ReturnType<typeof run>>;
  let report: string;

  beforeAll(async () => {
    models = await new ScriptedModelServer().start();
    models.script(MODEL, ...answers);
    dir = mkdtempSync(path.join(tmpdir(), "eval-router-"));
    writeFileSync(path.join(dir, "tiny.jsonl"), `${dataset.map((c) => JSON.stringify(c)).join("\n")}\n`);
    result = await run(["--model", `compatible:${MODEL}`, "--dataset", path.join(dir, "tiny.jsonl"), "--out", path.join(dir, "report.md")], {
      COMPATIBLE_BASE_URL: `${models.url}/v1`,
      COMPATIBLE_API_KEY: "",
      ROUTER_TIMEOUT_MS: "10000",
    });
    report = readFileSync(path.join(dir, "report.md"), "utf8");
  }, 120_000);

  afterAll(async () => {
    await models?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("replays every turn through the model and writes the report it prints", () => {
    expect(result.code, result.stderr).toBe(0);
    expect(models.pending(MODEL)).toBe(0);
    expect(models.requestsFor(MODEL)).toHaveLength(8);
    expect(result.stdout).toBe(report);
    expect(report).toContain("- Model: `compatible:scripted-fast`");
    expect(report).toContain("3 conversations (en 2, es 1), 7 user turns");
    // progress on stderr: one mark per turn
    expect(result.stderr).toContain("✓✓✓  minutes-then-end");
    expect(result.stderr).toContain("✗✓  talks-about-minutes");
    expect(result.stderr).toContain("✓!  memo-then-email");
  });

  it("uses the expected previous task as the router's current task (teacher forcing)", () => {
    const prompts = models.requestsFor(MODEL).map((r) => r.messages.map((m) => m.content).join("\n"));
    // turn 2 of "talks-about-minutes": the router wrongly chose minutes on turn 1, yet starts from none
    expect(prompts[4]).toContain("Current task: none");
    expect(prompts[4]).toContain("User: My boss hates meeting minutes.\nAssistant: Many people do!\nUser: Now write a follow-up email");
    expect(prompts[6]).toContain("Current task: memo-from-ideas");
    expect(prompts[2]).toContain("Current task: meeting-minutes");
  });

  it("reports accuracy, points, none, invalid answers, latency and tokens", () => {
    expect(metric(report, "Decision accuracy (task or none as expected)")).toBe("5/7 (71.4%)");
    expect(metric(report, "Point accuracy (predicted point = expected point)")).toBe("5/7 (71.4%)");
    expect(metric(report, "Task-selection accuracy (turns expecting a task)")).toBe("4/5 (80.0%)");
    expect(metric(report, "None precision")).toBe("1/1 (100.0%)");
    expect(metric(report, "None recall")).toBe("1/2 (50.0%)");
    expect(metric(report, "Invalid format (validFormat false)")).toBe("1");
    expect(metric(report, "Fallbacks: timeout")).toBe("0");
    expect(metric(report, "Fallbacks: error")).toBe("0");
    expect(metric(report, "Latency p50")).toMatch(/^\d+ ms$/);
    expect(metric(report, "Latency p95")).toMatch(/^\d+ ms$/);
    // the scripted server reports 100 prompt tokens for every completion
    expect(metric(report, "Prompt tokens mean")).toBe("100");
    expect(metric(report, "Prompt tokens max")).toBe("100");
    expect(Number(metric(report, "Estimated prompt tokens mean / max").split(" / ")[1])).toBeGreaterThan(200);

    // rows: expected point; columns: start, continue, switch, end, none, total
    expect(report).toContain("| **start** | 3 | 0 | 0 | 0 | 0 | 3 |");
    expect(report).toContain("| **continue** | 0 | 1 | 0 | 0 | 0 | 1 |");
    expect(report).toContain("| **switch** | 0 | 1 | 0 | 0 | 0 | 1 |");
    expect(report).toContain("| **end** | 0 | 0 | 0 | 1 | 0 | 1 |");
    expect(report).toContain("| **none** | 1 | 0 | 0 | 0 | 0 | 1 |");
    // point | expected | predicted | correct | precision | recall | F1 | one-vs-rest accuracy
    expect(report).toContain("| start | 3 | 4 | 3 | 75.0% | 100.0% | 85.7% | 85.7% |");
    expect(report).toContain("| continue | 1 | 2 | 1 | 50.0% | 100.0% | 66.7% | 85.7% |");
    expect(report).toContain("| switch | 1 | 0 | 0 | n/a | 0.0% | n/a | 85.7% |");
    expect(report).toContain("| none | 1 | 0 | 0 | n/a | 0.0% | n/a | 85.7% |");
    expect(report).toContain("| en | 5 | 4/5 (80.0%) | 4/5 (80.0%) |");
    expect(report).toContain("| es | 2 | 1/2 (50.0%) | 1/2 (50.0%) |");
    // the two turns to look at, with what the model answered
    expect(report).toContain("## Turns to look at (2)");
    expect(report).toContain("| talks-about-minutes | 1 | none | none | meeting-minutes | none → start |");
    expect(report).toContain("| memo-then-email | 2 | memo-from-ideas | follow-up-email | memo-from-ideas | switch → continue | [invalid] maybe minutes? |");
  });

  it("refuses a dataset whose expected task is not in its registry, before calling any model", async () => {
    const bad = path.join(dir, "bad.jsonl");
    writeFileSync(bad, `${JSON.stringify({ id: "x", language: "en", registry: "seed", turns: [{ user: "agenda please", expected: "meeting-agenda" }] })}\n`);
    const before = models.requests.length;
    const refused = await run(["--model", `compatible:${MODEL}`, "--dataset", bad, "--out", path.join(dir, "bad.md")], {
      COMPATIBLE_BASE_URL: `${models.url}/v1`,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('x: meeting-agenda not in registry "seed"');
    expect(models.requests.length).toBe(before);
  });

  it("measures the shortlist on a dataset and a registry export it does not ship, per language", async () => {
    // 40 tasks in the export format: 39 look-alikes and the one the turns ask for (last by name, so no fill by name finds it)
    const tasks = Array.from({ length: 39 }, (_, i) => ({
      slug: `report-${i}`,
      name: `Report ${i}`,
      routerDescription: `The user wants report number ${i} about topic ${i}.`,
      instructions: "Write the report the user asks for.",
      outputKind: "custom",
      outputTitleFormat: "Report",
      outputBodyFormat: "Markdown.",
    }));
    tasks.push({
      ...tasks[0],
      slug: "onboarding-plan",
      name: "Welcome plan",
      routerDescription: "The user welcomes a new hire and wants a plan for their first weeks.",
    });
    (tasks[39] as Record<string, unknown>).exampleRequests = ["Prépare l'accueil de notre nouvelle recrue", "Plan para el primer mes de la nueva empleada"];
    const registry = path.join(dir, "held-out-tasks.json");
    writeFileSync(registry, JSON.stringify({ format: "switchboard.tasks/v1", tasks }));
    const held = path.join(dir, "held-out.jsonl");
    writeFileSync(
      held,
      [
        { id: "fr-1", language: "fr", turns: [{ user: "Une nouvelle recrue arrive lundi, prépare son accueil", expected: "onboarding-plan" }] },
        { id: "es-1", language: "es", turns: [{ user: "La nueva empleada empieza el lunes: ¿un plan para su primer mes?", expected: "onboarding-plan" }] },
        { id: "en-1", language: "en", turns: [{ user: "Sort out the paperwork", expected: "onboarding-plan", paraphrase: true }] },
      ]
        .map((c) => JSON.stringify(c))
        .join("\n"),
    );
    const result = await run(["--shortlist-only", "--dataset", held, "--registry", registry, "--shortlist-size", "5"], {});
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("| Recall (expected task in the shortlist, turns expecting a task) | 2/3 (66.7%) |");
    expect(result.stdout).toContain("| Recall, fr | 1/1 (100.0%) |");
    expect(result.stdout).toContain("| Recall, es | 1/1 (100.0%) |");
    expect(result.stdout).toContain("| Recall, en | 0/1 (0.0%) |");
    expect(result.stdout).toContain("| Recall on paraphrase turns / on the other turns | 0/1 (0.0%) / 2/2 (100.0%) |");

    // a conversation that names no registry needs one on the command line
    const refused = await run(["--shortlist-only", "--dataset", held], {});
    expect(refused.code).not.toBe(0);
  });
});

describe("npm run eval:router -- --shortlist-only --embed", () => {
  let models: ScriptedModelServer;
  let dir: string;
  const EMBED = "scripted-embed";
  // 40 tasks (above the shortlist size); the request shares no word with the memo task
  const filler = Array.from({ length: 40 }, (_, i) => ({
    ...seedTasks[0],
    slug: `filler-${i}`,
    name: `Filler ${i}`,
    routerDescription: `The user wants filler document number ${i}.`,
  }));
  const conversation = {
    id: "paraphrase",
    language: "en",
    registry: "seed",
    turns: [{ user: "Tidy up what is swirling around in my head", expected: "memo-from-ideas" }],
  };

  beforeAll(async () => {
    models = await new ScriptedModelServer().start();
    // fixtures: the memo task and the request share a direction; everything else is noise from a hash
    const memo = seedTasks.find((t) => t.slug === "memo-from-ideas")!;
    models.vectors.set(taskEmbeddingText(memo), [1, 0, 0, 0]);
    models.vectors.set(conversation.turns[0].user, [0.9, 0.1, 0, 0]);
    models.defaultVector = (text) => [0, ...[...createHash("sha256").update(text).digest().subarray(0, 3)].map((byte) => byte + 1)];
    dir = mkdtempSync(path.join(tmpdir(), "eval-embed-"));
    writeFileSync(path.join(dir, "one.jsonl"), `${JSON.stringify(conversation)}\n`);
    writeFileSync(path.join(dir, "filler.json"), JSON.stringify({ format: "switchboard.tasks/v1", tasks: filler }));
  });

  afterAll(async () => {
    await models?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const shortlistOnly = (extra: string[]) =>
    run(["--shortlist-only", "--registry", path.join(dir, "filler.json"), "--dataset", path.join(dir, "one.jsonl"), "--shortlist-size", "3", ...extra], {
      COMPATIBLE_BASE_URL: `${models.url}/v1`,
      COMPATIBLE_API_KEY: "",
    });

  it("fuses the ranking by meaning and reaches the task that words miss", async () => {
    const lexical = await shortlistOnly([]);
    expect(lexical.code, lexical.stderr).toBe(0);
    expect(metric(lexical.stdout, "Recall (expected task in the shortlist, turns expecting a task)")).toBe("0/1 (0.0%)");
    expect(models.requests).toHaveLength(0);

    const fused = await shortlistOnly(["--embed", `compatible:${EMBED}`]);
    expect(fused.code, fused.stderr).toBe(0);
    expect(metric(fused.stdout, "Recall (expected task in the shortlist, turns expecting a task)")).toBe("1/1 (100.0%)");
    expect(fused.stdout).toContain(`fused with the ranking by meaning of \`compatible:${EMBED}\``);
    const inputs = models.requests.filter((r) => r.path === "/v1/embeddings" && r.model === EMBED).flatMap((r) => r.body.input as string[]);
    expect(inputs).toContain(conversation.turns[0].user);
    expect(inputs).toContain(taskEmbeddingText(seedTasks.find((t) => t.slug === "memo-from-ideas")!));
  });
});
