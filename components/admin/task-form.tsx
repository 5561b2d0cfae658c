"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useFieldArray, useForm, useWatch, type FieldPath } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { buildExecutorSystemPrompt } from "@/lib/executor/prompt";
import { routerTaskLine } from "@/lib/router/prompt";
import { taskInputSchema, type TaskInput } from "@/lib/tasks/schema";

type FormInput = z.input<typeof taskInputSchema>;

const emptyTask: FormInput = {
  slug: "",
  name: "",
  routerDescription: "",
  instructions: "",
  infoToCollect: [],
  outputKind: "custom",
  outputTitleFormat: "",
  outputBodyFormat: "",
  icon: "",
  enabled: true,
};

const inputClass =
  "min-h-11 w-full rounded-lg border border-zinc-300 bg-transparent px-3 py-2 text-base aria-[invalid]:border-red-500 dark:border-zinc-700";

function FieldError({ message, id }: { message?: string; id: string }) {
  return message ? (
    <p id={id} className="text-sm text-red-600 dark:text-red-400">
      {message}
    </p>
  ) : null;
}

/** Create or edit a task, with the exact router line and executor prompt it will produce. */
export function TaskForm({ task }: { task?: TaskInput & { id: string } }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, TaskInput>({ resolver: zodResolver(taskInputSchema), defaultValues: task ?? emptyTask });
  const info = useFieldArray({ control, name: "infoToCollect" });
  const values = useWatch({ control }) as FormInput;

  async function onSubmit(input: TaskInput) {
    setFormError(null);
    try {
      const response = await fetch(task ? `/api/tasks/${task.id}` : "/api/tasks", {
        method: task ? "PUT" : "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(input),
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        for (const [field, messages] of Object.entries((body?.fields ?? {}) as Record<string, string[]>)) {
          setError(field as FieldPath<FormInput>, { message: messages[0] });
        }
        setFormError(body?.message ?? "The task could not be saved.");
        return;
      }
      router.push("/admin/tasks");
      router.refresh();
    } catch {
      setFormError("The server could not be reached. Nothing was lost; try again.");
    }
  }

  const field = (name: FieldPath<FormInput>, label: string, hint?: string, multiline = false) => {
    const error = name.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], errors) as
      | { message?: string }
      | undefined;
    const id = `task-${name}`;
    const props = { id, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : undefined, className: inputClass, ...register(name) };
    return (
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {hint && <p className="text-xs text-zinc-500">{hint}</p>}
        {multiline ? <textarea rows={4} {...props} /> : <input {...props} />}
        <FieldError id={`${id}-error`} message={error?.message} />
      </div>
    );
  };

  const previewTask = {
    slug: values.slug || "your-task",
    name: values.name || "Your task",
    routerDescription: values.routerDescription || "(when this task applies)",
    instructions: values.instructions || "(instructions)",
    infoToCollect: (values.infoToCollect ?? []).map((f) => ({ name: f?.name ?? "", description: f?.description ?? "", required: f?.required ?? true })),
    outputKind: values.outputKind ?? "custom",
    outputTitleFormat: values.outputTitleFormat || "(title format)",
    outputBodyFormat: values.outputBodyFormat || "(body format)",
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
      <form onSubmit={handleSubmit(onSubmit)} noValidate className="flex flex-col gap-4" aria-label={task ? "Edit task" : "New task"}>
        <div className="grid gap-4 sm:grid-cols-2">
          {field("name", "Name", "Shown to users, e.g. “Meeting minutes”.")}
          {field("slug", "Slug", "Used by the router and in /slug commands: lower-case words joined by - or _.")}
        </div>
        {field("routerDescription", "When this task applies", "The router reads this to decide; describe what the user says or wants.", true)}
        {field("instructions", "Instructions for the assistant", undefined, true)}

        <fieldset className="flex flex-col gap-2 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800">
          <legend className="px-1 text-sm font-medium">Information to collect</legend>
          {info.fields.length === 0 && <p className="text-sm text-zinc-500">Nothing yet. The assistant asks for required information before writing.</p>}
          {info.fields.map((item, index) => (
            <div key={item.id} className="grid gap-2 rounded-lg bg-zinc-50 p-2 sm:grid-cols-[10rem_minmax(0,1fr)_auto_auto] dark:bg-zinc-900" data-testid="info-row">
              <div>
                <input aria-label={`Information ${index + 1} name`} placeholder="name" className={inputClass} aria-invalid={errors.infoToCollect?.[index]?.name ? true : undefined} {...register(`infoToCollect.${index}.name`)} />
                <FieldError id={`info-${index}-name`} message={errors.infoToCollect?.[index]?.name?.message} />
              </div>
              <div>
                <input aria-label={`Information ${index + 1} description`} placeholder="what to collect" className={inputClass} aria-invalid={errors.infoToCollect?.[index]?.description ? true : undefined} {...register(`infoToCollect.${index}.description`)} />
                <FieldError id={`info-${index}-description`} message={errors.infoToCollect?.[index]?.description?.message} />
              </div>
              <label className="flex min-h-11 items-center gap-2 text-sm">
                <input type="checkbox" className="size-5" {...register(`infoToCollect.${index}.required`)} /> required
              </label>
              <Button type="button" variant="ghost" aria-label={`Remove information ${index + 1}`} onClick={() => info.remove(index)}>
                Remove
              </Button>
            </div>
          ))}
          <FieldError id="info-error" message={errors.infoToCollect?.message ?? errors.infoToCollect?.root?.message} />
          <div>
            <Button type="button" variant="secondary" onClick={() => info.append({ name: "", description: "", required: true })}>
              Add information
            </Button>
          </div>
        </fieldset>

        <div className="grid gap-4 sm:grid-cols-2">
          <div className="flex flex-col gap-1">
            <label htmlFor="task-outputKind" className="text-sm font-medium">Output kind</label>
            <select id="task-outputKind" className={inputClass} {...register("outputKind")}>
              <option value="minutes">Meeting minutes</option>
              <option value="email">Email</option>
              <option value="memo">Memo</option>
              <option value="custom">Custom</option>
            </select>
          </div>
          {field("icon", "Icon", "An emoji, optional.")}
        </div>
        {field("outputTitleFormat", "Title format", undefined, true)}
        {field("outputBodyFormat", "Body format", undefined, true)}
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" className="size-5" {...register("enabled")} /> Enabled (offered to the router)
        </label>

        {formError && (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
            {formError}
          </p>
        )}
        <div className="flex gap-2">
          <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Saving…" : task ? "Save task" : "Create task"}</Button>
          <Link href="/admin/tasks" className="inline-flex min-h-11 items-center rounded-lg px-4 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
            Cancel
          </Link>
        </div>
      </form>

      <section aria-label="Preview" className="flex min-w-0 flex-col gap-3 lg:sticky lg:top-4 lg:self-start">
        <h2 className="text-sm font-semibold">What the router sees</h2>
        <pre data-testid="router-preview" className="overflow-x-auto whitespace-pre-wrap rounded-lg bg-zinc-100 p-3 text-xs dark:bg-zinc-900">
          {routerTaskLine(previewTask)}
        </pre>
        <h2 className="text-sm font-semibold">The assistant&apos;s instructions for this task</h2>
        <pre data-testid="executor-preview" className="max-h-[60vh] overflow-auto whitespace-pre-wrap rounded-lg bg-zinc-100 p-3 text-xs dark:bg-zinc-900">
          {buildExecutorSystemPrompt({ task: previewTask, latestDeliverable: null, now: new Date(0) }).replace("Today is 1970-01-01.", "Today is <the date>.")}
        </pre>
      </section>
    </div>
  );
}
