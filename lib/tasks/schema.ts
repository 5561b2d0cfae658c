import { z } from "zod";
import { OutputKind } from "@/lib/db/generated/enums";
import { LOCALES, type Locale } from "@/lib/i18n";

export const TASK_SLUG_PATTERN = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

export const infoFieldSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the information a name.")
    .max(80)
    .regex(/^[a-z][a-z0-9_]*$/, "Use lower-case letters, digits and underscores, starting with a letter."),
  description: z.string().trim().min(1, "Describe what to collect.").max(500),
  required: z.boolean().default(true),
});

/** The name and description users see, in another interface language; empty means "as in the default". */
export const taskTranslationSchema = z.object({
  name: z.string().trim().max(120).optional(),
  description: z.string().trim().max(500).optional(),
});
export const taskTranslationsSchema = z.partialRecord(z.enum(LOCALES), taskTranslationSchema);
export type TaskTranslations = z.infer<typeof taskTranslationsSchema>;

export const taskInputSchema = z.object({
  slug: z
    .string()
    .trim()
    .min(2, "At least 2 characters.")
    .max(64, "At most 64 characters.")
    .regex(TASK_SLUG_PATTERN, "Lower-case letters and digits, words joined by - or _."),
  name: z.string().trim().min(1, "Give the task a name.").max(120),
  /** for users, in the words of a user ("Turn your notes into minutes"); the router reads routerDescription */
  description: z.string().trim().max(500).default(""),
  translations: taskTranslationsSchema.default({}),
  routerDescription: z
    .string()
    .trim()
    .min(10, "Say in at least 10 characters when this task applies.")
    .max(1000),
  instructions: z.string().trim().min(10, "Write at least 10 characters of instructions.").max(8000),
  infoToCollect: z
    .array(infoFieldSchema)
    .max(30, "At most 30 pieces of information.")
    .default([])
    .refine((fields) => new Set(fields.map((f) => f.name)).size === fields.length, "Names must be unique."),
  outputKind: z.enum(OutputKind),
  outputTitleFormat: z.string().trim().min(1, "Say how to title the deliverable.").max(1000),
  outputBodyFormat: z.string().trim().min(1, "Say how to write the deliverable.").max(4000),
  icon: z.string().trim().max(64).nullish(),
  enabled: z.boolean().default(true),
});

export type InfoField = z.infer<typeof infoFieldSchema>;
export type TaskInput = z.infer<typeof taskInputSchema>;

/** What a user reading in `locale` sees of a task: its translation where there is one, else the default text. */
export function localizeTask(task: { name: string; description: string; translations: unknown }, locale: Locale): { name: string; description: string } {
  const parsed = taskTranslationsSchema.safeParse(task.translations);
  const translation = parsed.success ? parsed.data[locale] : undefined;
  return { name: translation?.name || task.name, description: translation?.description || task.description };
}
