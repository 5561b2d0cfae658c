import { appSettingsSchema } from "./schema";

/**
 * Removes blank settings from process.env, so that libraries reading the environment themselves agree
 * that they are not set: @ai-sdk/openai throws when it loads with an empty OPENAI_BASE_URL, and next-auth
 * would take an empty NEXTAUTH_URL for an address.
 */
export function dropBlankVariables() {
  for (const name of Object.keys(appSettingsSchema.shape)) {
    if (process.env[name] !== undefined && !process.env[name]?.trim()) delete process.env[name];
  }
}
