import { z } from "zod";

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "fields.format")
  .refine(
    (value) => !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime()) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    "fields.format",
  );

/** A change to one to-do: done or undone, or its text, owner or due date (null clears them). */
export const todoPatchSchema = z
  .object({
    done: z.boolean().optional(),
    what: z.string().trim().min(1, "fields.todoWhat").max(500).optional(),
    owner: z.string().trim().max(120).nullable().optional(),
    due: date.nullable().optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), "fields.nothingToChange");
export type TodoPatch = z.infer<typeof todoPatchSchema>;

export const todoIdSchema = z.object({ id: z.string().min(1).max(64) });
