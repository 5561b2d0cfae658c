import path from "node:path";
import nextEnv from "@next/env";
import { dropBlankVariables } from "./blank";

/**
 * Reads the .env files into process.env the way Next.js does, with Next's own loader: .env.local,
 * .env.<mode>, .env (mode production, development with dev, test under NODE_ENV=test), never over a
 * variable the environment already has. They are read from ENV_DIR, or else the current folder (the
 * project's). Every script calls this before anything else; the Next server gets the result from
 * scripts/start.ts and does not read them again (Next's loader marks the environment as read).
 */
export function loadEnvFiles({ dev = false } = {}): void {
  const dir = path.resolve(process.env.ENV_DIR?.trim() || ".");
  nextEnv.loadEnvConfig(dir, dev, { info: () => {}, error: (...args: unknown[]) => console.error(...args) });
  // Next's loader sets this itself once it has read a file; set it also when there was none, so that a
  // server started from here never reads the project folder's files on top of ENV_DIR's
  process.env.__NEXT_PROCESSED_ENV = "true";
  dropBlankVariables();
}
