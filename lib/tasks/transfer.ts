import { z } from "zod";
import { AppError, fieldErrorsOf } from "@/lib/http";
import { convertMojodexSpecs, isMojodexSpecFile } from "./mojodex";
import { listTasks, upsertTasks, type Task } from "./queries";
import { taskInputSchema, taskTranslationsSchema, type InfoField, type TaskInput } from "./schema";

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
    instructions: task.instructions,
    infoToCollect: task.infoToCollect as unknown as InfoField[],
    outputKind: task.outputKind,
    outputTitleFormat: task.outputTitleFormat,
    outputBodyFormat: task.outputBodyFormat,
    icon: task.icon,
    enabled: task.enabled,
  };
}

export async function exportRegistry() {
  return { format: REGISTRY_FORMAT, exportedAt: new Date().toISOString(), tasks: (await listTasks()).map(toTaskInput) };
}

export interface ImportReport {
  format: "switchboard" | "mojodex";
  tasks: { slug: string; result: "created" | "updated" }[];
  ignored: { spec: string; field: string; reason: string }[];
}

/**
 * Imports a Switchboard registry file or Mojodex task specs (one or a list). All or nothing: any
 * invalid task is reported by position and field, and no task is written.
 */
export async function importRegistry(body: unknown): Promise<ImportReport> {
  if (isMojodexSpecFile(body)) {
    const { tasks, ignored } = convertMojodexSpecs(body);
    return { format: "mojodex", tasks: await upsertTasks(tasks), ignored };
  }
  const parsed = registryFileSchema.safeParse(body);
  if (!parsed.success) {
    throw new AppError("bad_request:import", "The file is not a valid task registry; nothing was imported.", fieldErrorsOf(parsed.error));
  }
  return { format: "switchboard", tasks: await upsertTasks(parsed.data.tasks), ignored: [] };
}
