// npm run eval:scripted — the router evaluation end to end without a real model: a scripted
// OpenAI-compatible server on 127.0.0.1 answers the router, and eval:router measures it on the
// shipped dataset. The server's answers are queued in dataset order (eval:router replays the turns in
// that order, one request each): the expected task, except every 9th turn answers "none", every 13th
// the wrong task, and every 29th turn answers prose twice (an invalid format, asked again, then kept).
// The report exercises every column and its numbers can be checked by hand; it says nothing about a
// real model's quality — run eval:router with --model for that.
import "./settings";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseDataset } from "../eval/evaluation";
import { ScriptedModelServer } from "../tests/support/model-server";

const MODEL = "scripted-router";
const dataset = process.argv[2] ?? "eval/router-dataset.jsonl";
const { conversations, problems } = parseDataset(readFileSync(dataset, "utf8"));
if (problems.length) throw new Error(problems.join("\n"));

const server = await new ScriptedModelServer().start();
let turn = 0;
for (const conversation of conversations) {
  for (const step of conversation.turns) {
    turn++;
    const answer = (task: string) => JSON.stringify({ task });
    if (turn % 29 === 0) server.script(MODEL, "I think it is about minutes, maybe?", "Probably a memo.");
    else if (turn % 13 === 0) server.script(MODEL, answer(step.expected === "meeting-minutes" ? "follow-up-email" : "meeting-minutes"));
    else if (turn % 9 === 0) server.script(MODEL, answer("none"));
    else server.script(MODEL, answer(step.expected));
  }
}
// asynchronous: the scripted server answers from this process while the evaluation runs
const child = spawn(
  process.execPath,
  ["--import", "tsx", "scripts/eval-router.ts", "--model", `compatible:${MODEL}`, "--dataset", dataset, "--out", "eval/report-scripted.md"],
  {
    stdio: "inherit",
    env: { ...process.env, COMPATIBLE_BASE_URL: `${server.url}/v1` },
  },
);
const status = await new Promise<number | null>((resolve) => child.on("exit", resolve));
await server.stop();
console.error(`scripted answers left unused: ${server.pending(MODEL)} (0 means one request per turn, in order)`);
process.exit(status ?? 1);
