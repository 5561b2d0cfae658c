// The first import of every script: reads the .env files as Next does, then parses and validates every
// setting, so that a bad value stops the script with the variable's name and why, before anything runs.

import { SettingsError, settings } from "../lib/settings";
import { loadEnvFiles } from "../lib/settings/env-files";

/** Runs read(); a SettingsError ends the process with its message. */
export function exitOnBadSettings<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

// `npm run dev` (scripts/start.ts --dev) reads the development files, as `next dev` would
loadEnvFiles({ dev: process.argv.includes("--dev") });
exitOnBadSettings(settings);
