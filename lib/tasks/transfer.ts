import { z } from "zod";
import { AppError, type FieldErrors, invalidInput } from "@/lib/http";
import { DEFAULT_LOCALE, type Locale, translatorFor } from "@/lib/i18n";
import { type LikelyDuplicate, likelyDuplicates } from "./duplicates";
import { convertMojodexSpecs, isMojodexSpecFile, type MojodexConversion, type MojodexNote } from "./mojodex";
import { type Placeholder, placeholdersIn } from "./placeholders";
import { listTasks, type Task, upsertTasks } from "./queries";
import { followUpActionsOf, type InfoField, type TaskInput, taskInputSchema, taskTranslationsSchema } from "./schema";

/** Switchboard's own registry file; what export writes, import reads back unchanged. */
export const REGISTRY_FORMAT = "switchboard.tasks/v1";

export const registryFileSchema = z.object({
  format: z.literal(REGISTRY_FORMAT, `Expected "format": "${REGISTRY_FORMAT}".`),
  exportedAt: z.string().optional(),
  tasks: z
    .array(taskInputSchema)
    .min(1, "The file has no tasks.")
    .refine((tasks) => new Set(tasks.map((t) => t.slug)).size === tasks.length, "Two tasks in the file have the same slug."),
});

export function toTaskInput(task: Task): TaskInput {
  return {
    slug: task.slug,
    name: task.name,
    description: task.description,
    translations: taskTranslationsSchema.catch({}).parse(task.translations),
    routerDescription: task.routerDescription,
    exampleRequests: task.exampleRequests,
    instructions: task.instructions,
    infoToCollect: task.infoToCollect as unknown as InfoField[],
    outputKind: task.outputKind,
    outputTitleFormat: task.outputTitleFormat,
    outputBodyFormat: task.outputBodyFormat,
    icon: task.icon,
    followUpActions: followUpActionsOf(task),
    enabled: task.enabled,
    extractTodos: task.extractTodos,
    qualityCheck: task.qualityCheck,
  };
}

export async function exportRegistry() {
  return { format: REGISTRY_FORMAT, exportedAt: new Date().toISOString(), tasks: (await listTasks()).map(toTaskInput) };
}

/** What the admin decides in the import preview; every slug must be one of the file's. */
export const importOptionsSchema = z
  .object({
    /** only report what would happen; nothing is written */
    dryRun: z.boolean().default(false),
    /** tasks to enable after the import; a new task starts disabled and an updated one keeps its state otherwise */
    enable: z.array(z.string().trim().min(1)).default([]),
    /** tasks to disable after the import */
    disable: z.array(z.string().trim().min(1)).default([]),
    /** tasks of the file not to import */
    skip: z.array(z.string().trim().min(1)).default([]),
  })
  .refine((o) => !o.enable.some((slug) => o.disable.includes(slug)), { path: ["enable"], message: "A task cannot be both enabled and disabled." });
export type ImportOptions = z.input<typeof importOptionsSchema>;

export interface ImportedTask {
  slug: string;
  name: string;
  description: string;
  icon: string | null;
  /** what the import does (or, in a dry run, would do) with this task */
  action: "create" | "update" | "skip";
  /** whether the task is enabled after the import */
  enabled: boolean;
  /** the task with this slug that the import updates */
  existing: { id: string; name: string; enabled: boolean } | null;
  /** existing tasks under another slug that look like the same task */
  duplicates: LikelyDuplicate[];
  /** fields left as template text, e.g. "<USER TASK NAME>" */
  placeholders: Placeholder[];
}

export interface ImportReport {
  format: "switchboard" | "mojodex";
  dryRun: boolean;
  tasks: ImportedTask[];
  /** Mojodex: the displayed data and form inputs that were used, and for what */
  used: MojodexNote[];
  /** Mojodex: what Switchboard has no use for; either format: follow-up actions whose task is in neither the registry nor the import */
  ignored: MojodexNote[];
}

/** The tasks of either kind of file, with what the report says about them. */
function readFile(body: unknown, locale: Locale, knownSlugs: string[]): MojodexConversion & { format: ImportReport["format"] } {
  if (isMojodexSpecFile(body)) return { format: "mojodex", ...convertMojodexSpecs(body, { locale, knownSlugs }) };
  const parsed = registryFileSchema.safeParse(body);
  if (!parsed.success) {
    throw new AppError("bad_request:import", { key: "bad_request.importInvalidFile", issues: parsed.error.issues });
  }
  const rawTasks = (body as { tasks: unknown[] }).tasks;
  const placeholders = Object.fromEntries(
    parsed.data.tasks.map((task, index) => [task.slug, placeholdersIn(rawTasks[index])] as const).filter(([, found]) => found.length),
  );
  return { format: "switchboard", tasks: parsed.data.tasks, used: [], ignored: [], placeholders, sources: {} };
}

/**
 * The tasks without the follow-up actions whose task is in neither the registry nor the tasks being
 * imported (a skipped task does not count), each left out with a note in the report.
 */
function withKnownTargets(tasks: TaskInput[], knownSlugs: Set<string>, sources: MojodexConversion["sources"], locale: Locale) {
  const t = translatorFor(locale, "admin");
  const ignored: MojodexNote[] = [];
  const kept = tasks.map((task) => ({
    ...task,
    followUpActions: task.followUpActions.filter((action, index) => {
      if (knownSlugs.has(action.target)) return true;
      const source = sources[task.slug];
      ignored.push({
        spec: source?.spec ?? task.slug,
        field: source?.followUpActions[index] ?? `followUpActions.${index}`,
        reason: t("import.notes.actionTargetMissing", { task: action.target }),
      });
      return false;
    }),
  }));
  return { tasks: kept, ignored };
}

/**
 * Imports a Switchboard registry file or Mojodex task specs (one or a list). All or nothing: any
 * invalid task is reported by position and field, and no task is written. Imported tasks go live only
 * when the admin says so: a new task starts disabled, an updated one keeps its state, unless `enable`
 * or `disable` names it. A dry run reports the same plan (with likely duplicates and template text)
 * and writes nothing.
 */
export async function importRegistry(body: unknown, options: ImportOptions = {}, locale: Locale = DEFAULT_LOCALE): Promise<ImportReport> {
  const parsedOptions = importOptionsSchema.safeParse(options);
  if (!parsedOptions.success) throw invalidInput(parsedOptions.error, "import");
  const { dryRun, enable, disable, skip } = parsedOptions.data;
  const existing = await listTasks();
  const file = readFile(
    body,
    locale,
    existing.map((task) => task.slug),
  );
  const t = translatorFor(locale, "errors");

  const slugs = new Set(file.tasks.map((task) => task.slug));
  const unknown: FieldErrors = {};
  for (const [key, list] of Object.entries({ enable, disable, skip })) {
    const missing = list.filter((slug) => !slugs.has(slug));
    if (missing.length) unknown[key] = missing.map((slug) => t("fields.importNoSuchTask", { slug }));
  }
  if (Object.keys(unknown).length) throw new AppError("bad_request:import", { key: "bad_request.importUnknownOptions", fields: unknown });

  const bySlug = new Map(existing.map((task) => [task.slug, task]));
  const targets = withKnownTargets(
    file.tasks,
    new Set([...bySlug.keys(), ...file.tasks.map((task) => task.slug).filter((slug) => !skip.includes(slug))]),
    file.sources,
    locale,
  );
  const planned = targets.tasks.map((task) => {
    const current = bySlug.get(task.slug);
    const enabled = enable.includes(task.slug) ? true : disable.includes(task.slug) ? false : (current?.enabled ?? false);
    return { input: { ...task, enabled }, current };
  });
  const toWrite = planned.filter(({ input }) => !skip.includes(input.slug)).map(({ input }) => input);
  if (!dryRun && toWrite.length) await upsertTasks(toWrite);

  return {
    format: file.format,
    dryRun,
    used: file.used,
    ignored: [...file.ignored, ...targets.ignored],
    tasks: planned.map(({ input, current }) => ({
      slug: input.slug,
      name: input.name,
      description: input.description,
      icon: input.icon ?? null,
      action: skip.includes(input.slug) ? "skip" : current ? "update" : "create",
      enabled: skip.includes(input.slug) ? (current?.enabled ?? false) : input.enabled,
      existing: current ? { id: current.id, name: current.name, enabled: current.enabled } : null,
      duplicates: likelyDuplicates(input, existing),
      placeholders: file.placeholders[input.slug] ?? [],
    })),
  };
}
