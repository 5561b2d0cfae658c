import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appSettingsSchema, benchSettingsSchema, parseSettings, SettingsError } from "@/lib/settings";

const README = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");

/** The variables named in the first column of the README's settings tables (`A` / `B` rows name two). */
function readmeSettings(): string[] {
  const section = README.slice(README.indexOf("## Settings"), README.indexOf("\n## ", README.indexOf("## Settings") + 1));
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .flatMap((line) => [...line.split("|")[1].matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]));
}

describe("settings", () => {
  it("are all in the README's settings tables, and the tables name no setting the schemas do not know", () => {
    const known = [...Object.keys(appSettingsSchema.shape), ...Object.keys(benchSettingsSchema.shape)];
    const documented = readmeSettings();
    expect(
      known.filter((name) => !documented.includes(name)),
      "settings missing from the README",
    ).toEqual([]);
    expect(
      documented.filter((name) => !known.includes(name)),
      "README rows for settings nothing reads",
    ).toEqual([]);
  });

  it("have their defaults when unset, and an empty or blank variable counts as unset", () => {
    const defaults = parseSettings({});
    expect(defaults).toMatchObject({
      PORT: 3000,
      ROUTER_TIMEOUT_MS: 5_000,
      ROUTER_PROMPT_TOKENS: 1_400,
      DATA_DIR: ".data",
      OLLAMA_BASE_URL: "http://127.0.0.1:11434",
    });
    expect(defaults.DATABASE_URL).toBeUndefined();
    const blank = parseSettings({ OPENAI_BASE_URL: "", MODEL_BEST: "  ", ROUTER_TIMEOUT_MS: "", DATABASE_URL: "" });
    expect(blank.OPENAI_BASE_URL).toBeUndefined();
    expect(blank.MODEL_BEST).toBeUndefined();
    expect(blank.ROUTER_TIMEOUT_MS).toBe(5_000);
    expect(blank.DATABASE_URL).toBeUndefined();
  });

  it("are parsed: numbers, addresses without a trailing slash, model specs, a lower-case admin address", () => {
    const parsed = parseSettings({
      ROUTER_TIMEOUT_MS: "750",
      COMPATIBLE_BASE_URL: "http://127.0.0.1:8080/v1/",
      OLLAMA_BASE_URL: "http://gpu:11434/api/",
      MODEL_FAST: "ollama:llama3.2:3b",
      ADMIN_EMAIL: " Boss@Example.test ",
      SMTP_URL: "smtps://user:secret@mail.example.com:465",
      SMTP_FROM: "Switchboard <switchboard@example.com>",
    });
    expect(parsed).toMatchObject({
      ROUTER_TIMEOUT_MS: 750,
      COMPATIBLE_BASE_URL: "http://127.0.0.1:8080/v1",
      OLLAMA_BASE_URL: "http://gpu:11434",
      MODEL_FAST: { provider: "ollama", model: "llama3.2:3b" },
      ADMIN_EMAIL: "boss@example.test",
      SMTP_URL: "smtps://user:secret@mail.example.com:465",
      SMTP_FROM: "Switchboard <switchboard@example.com>",
    });
    expect(parseSettings({ SMTP_FROM: "switchboard@example.com" }).SMTP_FROM).toBe("switchboard@example.com");
  });

  it("refuse bad values, naming every variable and why, and never printing a value", () => {
    const read = () =>
      parseSettings({
        ROUTER_TIMEOUT_MS: "abc",
        PORT: "70000",
        DATABASE_URL: "mysql://root:hunter2@db/app",
        MODEL_BEST: "gpt-4",
        TRANSCRIBE_MODEL: "ollama:whisper",
        SMTP_URL: "http://mail.example.com",
        SMTP_FROM: "Switchboard <not an address>",
      });
    expect(read).toThrow(SettingsError);
    const message = (() => {
      try {
        read();
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/ROUTER_TIMEOUT_MS: must be a whole number/);
    expect(message).toMatch(/PORT: must be a port number/);
    expect(message).toMatch(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ connection string/);
    expect(message).toMatch(/MODEL_BEST: use provider:model/);
    expect(message).toMatch(/TRANSCRIBE_MODEL: use openai:<model> or compatible:<model>/);
    expect(message).toMatch(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ address/);
    expect(message).toMatch(/SMTP_FROM: must be an address, alone or as Name <address>/);
    expect(message).not.toContain("hunter2");
  });
});
