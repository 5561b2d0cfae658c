/** Template text left in a task file: a field whose whole value is a placeholder such as "<USER TASK NAME>". */
export type Placeholder = { field: string; text: string };

// A value that is nothing but one bracketed slot: <…>, […], {…} or {{…}}. Slots inside real text
// ("Minutes – <meeting title> – <date>", "[Your name]") are how formats are written, and are left alone.
const WHOLE_PLACEHOLDER = /^(?:<[^<>]+>|\[[^[\]]+\]|\{\{[^{}]+\}\}|\{[^{}]+\})$/;

/** Every string in a spec or task (nested objects and lists included) that is only a placeholder, with its path. */
export function placeholdersIn(value: unknown, path = ""): Placeholder[] {
  if (typeof value === "string") return WHOLE_PLACEHOLDER.test(value.trim()) ? [{ field: path, text: value.trim() }] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => placeholdersIn(item, path ? `${path}.${index}` : String(index)));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => placeholdersIn(item, path ? `${path}.${key}` : key));
  }
  return [];
}
