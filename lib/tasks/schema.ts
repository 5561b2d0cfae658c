import { z } from "zod";
import { OutputKind } from "@/lib/db/generated/enums";
import { LOCALES, type Locale } from "@/lib/i18n/locales";

/** A task as a chip or a deliverable names it. */
export interface TaskRef {
  slug: string;
  name: string;
  icon: string | null;
}

export const TASK_SLUG_PATTERN = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
const INFO_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;

/** Limits of a task's fields, shared by the schema and the form's hints. */
export const TASK_LIMITS = {
  slugMin: 2,
  slugMax: 64,
  nameMax: 120,
  descriptionMax: 500,
  routerDescriptionMin: 10,
  routerDescriptionMax: 1000,
  instructionsMin: 10,
  instructionsMax: 8000,
  infoMax: 30,
  infoNameMax: 80,
  infoDescriptionMax: 500,
  titleFormatMax: 1000,
  bodyFormatMax: 4000,
  iconMax: 64,
  exampleRequestsMax: 20,
  exampleRequestMax: 300,
  followUpActionsMax: 5,
  followUpLabelMax: 60,
} as const;

/**
 * What the validation says, by rule. The server answers in English (API errors are translated
 * centrally); the admin form passes its own catalog's wording, so the same rules speak the admin's language.
 */
export const taskMessages = {
  slugTooShort: "At least 2 characters.",
  slugTooLong: "At most 64 characters.",
  slugFormat: "Lower-case letters and digits, words joined by - or _.",
  nameRequired: "Give the task a name.",
  nameTooLong: "At most 120 characters.",
  descriptionTooLong: "At most 500 characters.",
  routerDescriptionTooShort: "Say in at least 10 characters when this task applies.",
  routerDescriptionTooLong: "At most 1,000 characters.",
  instructionsTooShort: "Write at least 10 characters of instructions.",
  instructionsTooLong: "At most 8,000 characters.",
  infoTooMany: "At most 30 pieces of information.",
  infoNamesUnique: "Names must be unique.",
  infoNameRequired: "Give the information a name.",
  infoNameFormat: "Use lower-case letters, digits and underscores, starting with a letter.",
  infoNameTooLong: "At most 80 characters.",
  infoDescriptionRequired: "Describe what to collect.",
  infoDescriptionTooLong: "At most 500 characters.",
  titleFormatRequired: "Say how to title the deliverable.",
  titleFormatTooLong: "At most 1,000 characters.",
  bodyFormatRequired: "Say how to write the deliverable.",
  bodyFormatTooLong: "At most 4,000 characters.",
  outputKind: "Choose minutes, email, memo or custom.",
  iconTooLong: "At most 64 characters.",
  exampleRequestsTooMany: "At most 20 example requests.",
  exampleRequestEmpty: "Write the request or remove the row.",
  exampleRequestTooLong: "At most 300 characters.",
  followUpTooMany: "At most 5 follow-up actions.",
  followUpLabelRequired: "Give the button a label.",
  followUpLabelTooLong: "At most 60 characters.",
  followUpTargetRequired: "Choose the task the button starts.",
  followUpTargetsUnique: "Each follow-up action must start a different task.",
};
export type TaskMessages = typeof taskMessages;

/** The rules of a task definition, worded with `m`. */
export function taskSchemas(m: TaskMessages) {
  const L = TASK_LIMITS;
  const infoField = z.object({
    name: z.string().trim().min(1, m.infoNameRequired).max(L.infoNameMax, m.infoNameTooLong).regex(INFO_NAME_PATTERN, m.infoNameFormat),
    description: z.string().trim().min(1, m.infoDescriptionRequired).max(L.infoDescriptionMax, m.infoDescriptionTooLong),
    required: z.boolean().default(true),
  });
  /** The name and description users see, in another interface language; empty means "as in the default". */
  const translation = z.object({
    name: z.string().trim().max(L.nameMax, m.nameTooLong).optional(),
    description: z.string().trim().max(L.descriptionMax, m.descriptionTooLong).optional(),
  });
  const translations = z.partialRecord(z.enum(LOCALES), translation);
  /**
   * A follow-up action: a button under this task's finished deliverable that starts the target task in
   * the same conversation, with the deliverable as its context. Its label is in the task's default
   * language, with optional translations like the task's name; that the target exists is checked on save.
   */
  const followUpAction = z.object({
    target: z.string().trim().min(1, m.followUpTargetRequired).max(L.slugMax, m.slugTooLong).regex(TASK_SLUG_PATTERN, m.slugFormat),
    label: z.string().trim().min(1, m.followUpLabelRequired).max(L.followUpLabelMax, m.followUpLabelTooLong),
    translations: z.partialRecord(z.enum(LOCALES), z.string().trim().max(L.followUpLabelMax, m.followUpLabelTooLong)).default({}),
  });
  const task = z.object({
    slug: z.string().trim().min(L.slugMin, m.slugTooShort).max(L.slugMax, m.slugTooLong).regex(TASK_SLUG_PATTERN, m.slugFormat),
    name: z.string().trim().min(1, m.nameRequired).max(L.nameMax, m.nameTooLong),
    /** for users, in the words of a user ("Turn your notes into minutes"); the router reads routerDescription */
    description: z.string().trim().max(L.descriptionMax, m.descriptionTooLong).default(""),
    translations: translations.default({}),
    routerDescription: z.string().trim().min(L.routerDescriptionMin, m.routerDescriptionTooShort).max(L.routerDescriptionMax, m.routerDescriptionTooLong),
    /** typical requests that call for this task, in any language; the router's shortlist searches them */
    exampleRequests: z
      .array(z.string().trim().min(1, m.exampleRequestEmpty).max(L.exampleRequestMax, m.exampleRequestTooLong))
      .max(L.exampleRequestsMax, m.exampleRequestsTooMany)
      .default([]),
    instructions: z.string().trim().min(L.instructionsMin, m.instructionsTooShort).max(L.instructionsMax, m.instructionsTooLong),
    infoToCollect: z
      .array(infoField)
      .max(L.infoMax, m.infoTooMany)
      .default([])
      .refine((fields) => new Set(fields.map((f) => f.name)).size === fields.length, m.infoNamesUnique),
    outputKind: z.enum(OutputKind, m.outputKind),
    outputTitleFormat: z.string().trim().min(1, m.titleFormatRequired).max(L.titleFormatMax, m.titleFormatTooLong),
    outputBodyFormat: z.string().trim().min(1, m.bodyFormatRequired).max(L.bodyFormatMax, m.bodyFormatTooLong),
    icon: z.string().trim().max(L.iconMax, m.iconTooLong).nullish(),
    followUpActions: z
      .array(followUpAction)
      .max(L.followUpActionsMax, m.followUpTooMany)
      .default([])
      .refine((actions) => new Set(actions.map((a) => a.target)).size === actions.length, m.followUpTargetsUnique),
    enabled: z.boolean().default(true),
    // issue 15 (todos-check): what happens to a final deliverable
    /** its action items (who/what/when) become its author's to-dos */
    extractTodos: z.boolean().default(false),
    /** the fast model checks it against the required information and output format; a fail is revised once */
    qualityCheck: z.boolean().default(false),
  });
  return { infoField, translation, translations, followUpAction, task };
}

const englishSchemas = taskSchemas(taskMessages);
export const infoFieldSchema = englishSchemas.infoField;
export const taskTranslationSchema = englishSchemas.translation;
export const taskTranslationsSchema = englishSchemas.translations;
export const taskInputSchema = englishSchemas.task;
export const followUpActionSchema = englishSchemas.followUpAction;

export type TaskTranslations = z.infer<typeof taskTranslationsSchema>;
export type InfoField = z.infer<typeof infoFieldSchema>;
export type TaskInput = z.infer<typeof taskInputSchema>;
export type FollowUpAction = z.infer<typeof followUpActionSchema>;

/** What a user reading in `locale` sees of a task: its translation where there is one, else the default text. */
export function localizeTask(task: { name: string; description: string; translations: unknown }, locale: Locale): { name: string; description: string } {
  const parsed = taskTranslationsSchema.safeParse(task.translations);
  const translation = parsed.success ? parsed.data[locale] : undefined;
  return { name: translation?.name || task.name, description: translation?.description || task.description };
}

/** A task's follow-up actions as stored (a JSON column); anything unreadable counts as none. */
export function followUpActionsOf(task: { followUpActions: unknown }): FollowUpAction[] {
  const parsed = z.array(followUpActionSchema).safeParse(task.followUpActions);
  return parsed.success ? parsed.data : [];
}

/** A follow-up action's label for a reader of `locale`: its translation where there is one, else the default label. */
export function localizeFollowUpLabel(action: Pick<FollowUpAction, "label" | "translations">, locale: Locale): string {
  return action.translations?.[locale] || action.label;
}
