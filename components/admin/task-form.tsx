"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { AlertCircle, CornerDownRight, Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { type ReactNode, useEffect, useId, useMemo, useState } from "react";
import {
  type Control,
  Controller,
  type FieldError,
  type FieldErrors,
  type FieldPath,
  get,
  type UseFormRegister,
  useFieldArray,
  useForm,
  useWatch,
} from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { IconButton } from "@/components/ui/icon-button";
import { Input, Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { toast } from "@/components/ui/toaster";
import { buildExecutorSystemPrompt } from "@/lib/executor/prompt";
import { type Locale, localeName } from "@/lib/i18n/locales";
import { routerTaskLine } from "@/lib/router/prompt";
import { localizeFollowUpLabel, localizeTask, TASK_LIMITS, type TaskInput, type TaskMessages, taskMessages, taskSchemas } from "@/lib/tasks/schema";
import { Section } from "./page-header";
import { sendJson } from "./send-json";
import { TaskIcon } from "./task-icon";

type FormInput = z.input<ReturnType<typeof taskSchemas>["task"]>;

/** The interface languages a task is translated into; English is the task's own name and description. */
const TRANSLATED: Exclude<Locale, "en">[] = ["es", "fr"];
const OUTPUT_KINDS = ["minutes", "email", "memo", "custom"] as const;

const emptyTask: FormInput = {
  slug: "",
  name: "",
  description: "",
  translations: {},
  routerDescription: "",
  exampleRequests: [],
  instructions: "",
  infoToCollect: [],
  outputKind: "custom",
  outputTitleFormat: "",
  outputBodyFormat: "",
  icon: "",
  followUpActions: [],
  enabled: true,
  extractTodos: false,
  qualityCheck: false,
};

/** A task a follow-up action may start. */
export interface FollowUpTarget {
  id: string;
  slug: string;
  name: string;
  enabled: boolean;
}

function errorAt(errors: unknown, path: string): FieldError | undefined {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], errors) as FieldError | undefined;
}

/** A labelled control with its hint and error linked for screen readers. */
function Labelled({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: (described: string | undefined) => ReactNode;
}) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children(described)}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}

/** A switch with its label and hint, linked for screen readers. */
function SwitchRow({ id, label, hint, checked, onChange }: { id: string; label: string; hint: string; checked: boolean; onChange(value: boolean): void }) {
  return (
    <div className="flex items-start gap-3">
      <Switch id={id} checked={checked} onCheckedChange={onChange} aria-describedby={`${id}-hint`} className="mt-0.5" />
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      </div>
    </div>
  );
}

/**
 * The task's example requests, one row each: Enter in a row adds a row below it, and removing a row
 * moves the focus to the row before it (or to the add button), so the list can be edited from the keyboard.
 */
const exampleRowId = (index: number) => `task-example-${index}`;

function ExampleRequests({ value, onChange, errors }: { value: string[]; onChange: (value: string[]) => void; errors: unknown }) {
  const t = useTranslations("admin.taskForm.examples");
  const hintId = useId();
  // the row to focus once the list has re-rendered with it (-1: the add button)
  const [focusNext, setFocusNext] = useState<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again when the rows change, until the row to focus exists
  useEffect(() => {
    if (focusNext === null) return;
    const target = document.getElementById(focusNext < 0 ? "task-example-add" : exampleRowId(focusNext));
    if (!target) return;
    target.focus();
    setFocusNext(null);
  }, [focusNext, value.length]);
  const focusRow = (index: number) => setFocusNext(index);
  const insert = (index: number) => {
    onChange([...value.slice(0, index), "", ...value.slice(index)]);
    focusRow(index);
  };
  const remove = (index: number) => {
    onChange(value.filter((_, i) => i !== index));
    focusRow(value.length > 1 ? Math.max(0, index - 1) : -1);
  };
  const listError =
    (errors as { message?: string; root?: { message?: string } } | undefined)?.message ??
    (errors as { root?: { message?: string } } | undefined)?.root?.message;
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={hintId}>
      <legend className="text-sm font-medium">{t("title")}</legend>
      <p id={hintId} className="-mt-1 text-xs text-muted-foreground">
        {t("hint")}
      </p>
      {value.length === 0 && <p className="rounded-lg bg-surface px-3 py-2 text-sm text-muted-foreground">{t("empty")}</p>}
      <ol className="flex flex-col gap-2">
        {value.map((request, index) => {
          const error = (errors as Record<number, { message?: string } | undefined> | undefined)?.[index]?.message;
          const errorId = `example-${index}-error`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a row has no identity beyond its place in the list
            <li key={index} data-testid="example-row" className="flex flex-col gap-1">
              <div className="flex items-start gap-2">
                <Input
                  id={exampleRowId(index)}
                  aria-label={t("request", { n: index + 1 })}
                  placeholder={t("placeholder")}
                  value={request}
                  maxLength={TASK_LIMITS.exampleRequestMax}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? errorId : undefined}
                  onChange={(event) => onChange(value.map((v, i) => (i === index ? event.target.value : v)))}
                  onKeyDown={(event) => {
                    if (event.key === "Enter" && !event.nativeEvent.isComposing) {
                      event.preventDefault();
                      if (value.length < TASK_LIMITS.exampleRequestsMax) insert(index + 1);
                    }
                  }}
                />
                <IconButton label={t("remove", { n: index + 1 })} onClick={() => remove(index)}>
                  <Trash2 />
                </IconButton>
              </div>
              {error && (
                <p id={errorId} className="text-sm text-destructive">
                  {error}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      {listError && <p className="text-sm text-destructive">{listError}</p>}
      <div>
        <Button
          id="task-example-add"
          type="button"
          variant="secondary"
          disabled={value.length >= TASK_LIMITS.exampleRequestsMax}
          onClick={() => insert(value.length)}
        >
          <Plus aria-hidden="true" />
          {t("add")}
        </Button>
      </div>
    </fieldset>
  );
}

/**
 * The task's follow-up actions, one row each: the button's label (English, with its translations) and
 * the task it starts, chosen among the other tasks. Whether that task still exists is checked on save.
 */
function FollowUpActionsEditor({
  control,
  register,
  errors,
  targets,
  initial,
  languageName,
}: {
  control: Control<FormInput, unknown, TaskInput>;
  register: UseFormRegister<FormInput>;
  errors: FieldErrors<FormInput>["followUpActions"];
  targets: FollowUpTarget[];
  initial: (name: FieldPath<FormInput>) => string | undefined;
  languageName: (locale: Locale) => string;
}) {
  const t = useTranslations("admin.taskForm.followUp");
  const actions = useFieldArray({ control, name: "followUpActions" });
  const listError = errors?.message ?? errors?.root?.message;
  const options = targets.map((target) => ({
    value: target.slug,
    label: target.enabled ? target.name : t("disabledTarget", { task: target.name }),
  }));
  return (
    <div className="flex flex-col gap-3">
      {actions.fields.length === 0 && <p className="rounded-lg bg-surface px-3 py-2 text-sm text-muted-foreground">{t("empty")}</p>}
      {actions.fields.map((item, index) => {
        const rowErrors = errors?.[index];
        const n = index + 1;
        const labelId = `follow-up-${index}-label`;
        const targetId = `follow-up-${index}-target`;
        return (
          <div key={item.id} data-testid="follow-up-row" className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-3">
            <div className="grid grid-cols-[minmax(0,1fr)_auto] items-start gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,14rem)_auto]">
              <div className="col-span-2 sm:col-span-1">
                <Labelled id={labelId} label={t("label", { n })} error={rowErrors?.label?.message}>
                  {(described) => (
                    <Input
                      id={labelId}
                      placeholder={t("labelPlaceholder")}
                      maxLength={TASK_LIMITS.followUpLabelMax}
                      aria-invalid={rowErrors?.label ? true : undefined}
                      aria-describedby={described}
                      defaultValue={initial(`followUpActions.${index}.label`)}
                      {...register(`followUpActions.${index}.label`)}
                    />
                  )}
                </Labelled>
              </div>
              <Controller
                control={control}
                name={`followUpActions.${index}.target`}
                render={({ field }) => (
                  <Labelled id={targetId} label={t("target", { n })} error={rowErrors?.target?.message}>
                    {(described) => (
                      <Select
                        id={targetId}
                        value={field.value ?? ""}
                        onValueChange={field.onChange}
                        placeholder={t("chooseTarget")}
                        aria-invalid={rowErrors?.target ? true : undefined}
                        options={
                          // a target that is no longer a task stays visible, so the error beside it makes sense
                          field.value && !options.some((o) => o.value === field.value) ? [{ value: field.value, label: field.value }, ...options] : options
                        }
                        {...(described ? { "aria-describedby": described } : {})}
                      />
                    )}
                  </Labelled>
                )}
              />
              <IconButton label={t("remove", { n })} onClick={() => actions.remove(index)} className="mt-6">
                <Trash2 />
              </IconButton>
            </div>
            <div className="grid gap-3 sm:grid-cols-2">
              {TRANSLATED.map((locale) => {
                const id = `follow-up-${index}-${locale}`;
                return (
                  <Labelled
                    key={locale}
                    id={id}
                    label={t("translatedLabel", { n, language: languageName(locale) })}
                    error={rowErrors?.translations?.[locale]?.message}
                  >
                    {(described) => (
                      <Input
                        id={id}
                        lang={locale}
                        maxLength={TASK_LIMITS.followUpLabelMax}
                        aria-describedby={described}
                        defaultValue={initial(`followUpActions.${index}.translations.${locale}`)}
                        {...register(`followUpActions.${index}.translations.${locale}`)}
                      />
                    )}
                  </Labelled>
                );
              })}
            </div>
          </div>
        );
      })}
      {listError && <p className="text-sm text-destructive">{listError}</p>}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="button"
          variant="secondary"
          disabled={actions.fields.length >= TASK_LIMITS.followUpActionsMax || targets.length === 0}
          onClick={() => actions.append({ label: "", target: "", translations: {} })}
        >
          <Plus aria-hidden="true" />
          {t("add")}
        </Button>
        {targets.length === 0 && <p className="text-sm text-muted-foreground">{t("noTargets")}</p>}
      </div>
    </div>
  );
}

/** Create or edit a task, with what users, the router and the assistant will see of it, as it is typed. */
export function TaskForm({
  task,
  tasks,
}: {
  task?: TaskInput & { id: string } /** the registry: what follow-up actions may start */;
  tasks: FollowUpTarget[];
}) {
  const t = useTranslations("admin.taskForm");
  const tv = useTranslations("admin.taskForm.validation");
  const router = useRouter();
  const readerLocale = useLocale();
  /** a language's name in the admin's language ("Spanish", "espagnol") */
  const languageName = (locale: Locale) => new Intl.DisplayNames([readerLocale], { type: "language" }).of(locale) ?? locale;
  const [formError, setFormError] = useState<string | null>(null);
  // the same rules as the server, worded in the admin's language
  const schema = useMemo(() => {
    const messages = Object.fromEntries(Object.keys(taskMessages).map((key) => [key, tv(key as keyof TaskMessages, { ...TASK_LIMITS })])) as TaskMessages;
    return taskSchemas(messages).task;
  }, [tv]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, TaskInput>({ resolver: zodResolver(schema), defaultValues: task ?? emptyTask });
  // register() fills a field only once the page is interactive: the server renders its value too, so a
  // task being edited never shows as an empty form while the page loads
  const initial = (name: FieldPath<FormInput>) => get(task ?? emptyTask, name) as string | undefined;
  const info = useFieldArray({ control, name: "infoToCollect" });
  const values = useWatch({ control }) as FormInput;

  async function onSubmit(input: TaskInput) {
    setFormError(null);
    const result = await sendJson(task ? `/api/tasks/${task.id}` : "/api/tasks", { method: task ? "PUT" : "POST", body: JSON.stringify(input) });
    if (!result.ok) {
      for (const [field, messages] of Object.entries(result.fields)) setError(field as FieldPath<FormInput>, { message: messages[0] });
      setFormError(result.message ?? t("unreachable"));
      return;
    }
    toast.success(t(task ? "toast.saved" : "toast.created", { name: input.name }));
    router.push("/admin/tasks");
    router.refresh();
  }

  const text = (name: FieldPath<FormInput>, label: ReactNode, { hint, multiline, rows = 4 }: { hint?: ReactNode; multiline?: boolean; rows?: number } = {}) => {
    const id = `task-${name.replace(/\./g, "-")}`;
    const error = errorAt(errors, name)?.message;
    return (
      <Labelled id={id} label={label} hint={hint} error={error}>
        {(described) => {
          const props = { id, "aria-invalid": error ? true : undefined, "aria-describedby": described, defaultValue: initial(name), ...register(name) };
          return multiline ? <Textarea rows={rows} {...props} /> : <Input {...props} />;
        }}
      </Labelled>
    );
  };

  const previewTask = {
    slug: values.slug || "your-task",
    name: values.name || t("preview.placeholderName"),
    routerDescription: values.routerDescription || t("preview.placeholderRouter"),
    instructions: values.instructions || t("preview.placeholderInstructions"),
    infoToCollect: (values.infoToCollect ?? []).map((f) => ({ name: f?.name ?? "", description: f?.description ?? "", required: f?.required ?? true })),
    outputKind: values.outputKind ?? "custom",
    outputTitleFormat: values.outputTitleFormat || t("preview.placeholderTitle"),
    outputBodyFormat: values.outputBodyFormat || t("preview.placeholderBody"),
  };
  const userView = (locale: Locale) =>
    localizeTask({ name: values.name || t("preview.placeholderName"), description: values.description ?? "", translations: values.translations ?? {} }, locale);
  const infoErrors = errors.infoToCollect;
  const previewExamples = (values.exampleRequests ?? []).map((request) => request?.trim()).filter(Boolean);
  const previewFollowUps = (values.followUpActions ?? []).flatMap((action) =>
    action?.label?.trim() ? [{ label: action.label.trim(), translations: action.translations ?? {} }] : [],
  );

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,24rem)]">
      <form onSubmit={handleSubmit(onSubmit)} noValidate className="flex min-w-0 flex-col gap-5" aria-label={task ? t("editLabel") : t("newLabel")}>
        <Section title={t("users.title")} description={t("users.description")}>
          <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_7rem]">
            {text("name", t("name"), { hint: t("nameHint") })}
            {text("icon", t("icon"), { hint: t("iconHint") })}
          </div>
          {text("description", t("userDescription"), { hint: t("userDescriptionHint"), multiline: true, rows: 2 })}
          <div className="flex flex-col gap-2">
            <p className="text-sm font-medium">{t("translations")}</p>
            <p className="text-xs text-muted-foreground">{t("translationsHint")}</p>
            <Tabs defaultValue={TRANSLATED[0]}>
              <TabsList aria-label={t("translations")}>
                {TRANSLATED.map((locale) => (
                  <TabsTrigger key={locale} value={locale} lang={locale}>
                    {localeName(locale)}
                    {errors.translations?.[locale] && <AlertCircle className="text-destructive" role="img" aria-label={t("translationHasErrors")} />}
                  </TabsTrigger>
                ))}
              </TabsList>
              {TRANSLATED.map((locale) => (
                <TabsContent key={locale} value={locale} forceMount className="flex flex-col gap-4 data-[state=inactive]:hidden">
                  {text(`translations.${locale}.name`, t("translatedName", { language: languageName(locale) }))}
                  {text(`translations.${locale}.description`, t("translatedDescription", { language: languageName(locale) }), { multiline: true, rows: 2 })}
                </TabsContent>
              ))}
            </Tabs>
          </div>
        </Section>

        <Section title={t("routing.title")} description={t("routing.description")}>
          {text("slug", t("slug"), { hint: t("slugHint") })}
          {text("routerDescription", t("routerDescription"), { hint: t("routerDescriptionHint"), multiline: true, rows: 3 })}
          <Controller
            control={control}
            name="exampleRequests"
            render={({ field }) => <ExampleRequests value={field.value ?? []} onChange={field.onChange} errors={errors.exampleRequests} />}
          />
          <Controller
            control={control}
            name="enabled"
            render={({ field }) => (
              <SwitchRow id="task-enabled" label={t("enabled")} hint={t("enabledHint")} checked={field.value ?? true} onChange={field.onChange} />
            )}
          />
        </Section>

        <Section title={t("work.title")} description={t("work.description")}>
          {text("instructions", t("instructions"), { multiline: true, rows: 6 })}

          <fieldset className="flex flex-col gap-3">
            <legend className="text-sm font-medium">{t("info.title")}</legend>
            <p className="-mt-1 text-xs text-muted-foreground">{t("info.hint")}</p>
            {info.fields.length === 0 && <p className="rounded-lg bg-surface px-3 py-2 text-sm text-muted-foreground">{t("info.empty")}</p>}
            {info.fields.map((item, index) => {
              const rowErrors = infoErrors?.[index];
              const nameId = `info-${index}-name`;
              const descriptionId = `info-${index}-description`;
              return (
                <div
                  key={item.id}
                  data-testid="info-row"
                  className="grid gap-2 rounded-lg border border-border bg-surface p-3 sm:grid-cols-[11rem_minmax(0,1fr)_auto_auto] sm:items-start"
                >
                  <div className="flex flex-col gap-1">
                    <Input
                      aria-label={t("info.name", { n: index + 1 })}
                      placeholder={t("info.namePlaceholder")}
                      className="font-mono"
                      aria-invalid={rowErrors?.name ? true : undefined}
                      aria-describedby={rowErrors?.name ? `${nameId}-error` : undefined}
                      defaultValue={initial(`infoToCollect.${index}.name`)}
                      {...register(`infoToCollect.${index}.name`)}
                    />
                    {rowErrors?.name && (
                      <p id={`${nameId}-error`} className="text-sm text-destructive">
                        {rowErrors.name.message}
                      </p>
                    )}
                  </div>
                  <div className="flex flex-col gap-1">
                    <Input
                      aria-label={t("info.description", { n: index + 1 })}
                      placeholder={t("info.descriptionPlaceholder")}
                      aria-invalid={rowErrors?.description ? true : undefined}
                      aria-describedby={rowErrors?.description ? `${descriptionId}-error` : undefined}
                      defaultValue={initial(`infoToCollect.${index}.description`)}
                      {...register(`infoToCollect.${index}.description`)}
                    />
                    {rowErrors?.description && (
                      <p id={`${descriptionId}-error`} className="text-sm text-destructive">
                        {rowErrors.description.message}
                      </p>
                    )}
                  </div>
                  <Controller
                    control={control}
                    name={`infoToCollect.${index}.required`}
                    render={({ field }) => (
                      <label className="flex min-h-11 items-center gap-2 text-sm pointer-fine:min-h-9">
                        <Switch checked={field.value ?? true} onCheckedChange={field.onChange} aria-label={t("info.requiredFor", { n: index + 1 })} />
                        <span aria-hidden="true">{t("info.required")}</span>
                      </label>
                    )}
                  />
                  <IconButton label={t("info.remove", { n: index + 1 })} onClick={() => info.remove(index)} className="justify-self-end">
                    <Trash2 />
                  </IconButton>
                </div>
              );
            })}
            {(infoErrors?.message || infoErrors?.root?.message) && (
              <p className="text-sm text-destructive">{infoErrors?.message ?? infoErrors?.root?.message}</p>
            )}
            <div>
              <Button type="button" variant="secondary" onClick={() => info.append({ name: "", description: "", required: true })}>
                <Plus aria-hidden="true" />
                {t("info.add")}
              </Button>
            </div>
          </fieldset>

          <Controller
            control={control}
            name="outputKind"
            render={({ field }) => (
              <Labelled id="task-outputKind" label={t("outputKind")} error={errors.outputKind?.message}>
                {() => (
                  <Select
                    id="task-outputKind"
                    className="sm:w-64"
                    value={field.value ?? "custom"}
                    onValueChange={field.onChange}
                    options={OUTPUT_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
                  />
                )}
              </Labelled>
            )}
          />
          {text("outputTitleFormat", t("titleFormat"), { hint: t("titleFormatHint"), multiline: true, rows: 2 })}
          {text("outputBodyFormat", t("bodyFormat"), { hint: t("bodyFormatHint"), multiline: true, rows: 4 })}
        </Section>

        <Section title={t("followUp.title")} description={t("followUp.hint")}>
          <FollowUpActionsEditor
            control={control}
            register={register}
            errors={errors.followUpActions}
            targets={tasks.filter((target) => target.id !== task?.id)}
            initial={initial}
            languageName={languageName}
          />
        </Section>

        {/* issue 15 (todos-check): what happens to a final deliverable */}
        <Section title={t("finishTitle")} description={t("finishDescription")}>
          <Controller
            control={control}
            name="extractTodos"
            render={({ field }) => (
              <SwitchRow
                id="task-extractTodos"
                label={t("extractTodos")}
                hint={t("extractTodosHint")}
                checked={field.value ?? false}
                onChange={field.onChange}
              />
            )}
          />
          <Controller
            control={control}
            name="qualityCheck"
            render={({ field }) => (
              <SwitchRow
                id="task-qualityCheck"
                label={t("qualityCheck")}
                hint={t("qualityCheckHint")}
                checked={field.value ?? false}
                onChange={field.onChange}
              />
            )}
          />
        </Section>

        {formError && <Notice tone="danger">{formError}</Notice>}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" asChild>
            <Link href="/admin/tasks">{t("cancel")}</Link>
          </Button>
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? t("saving") : task ? t("save") : t("create")}
          </Button>
        </div>
      </form>

      <aside aria-label={t("preview.label")} className="flex min-w-0 flex-col gap-4 lg:sticky lg:top-4 lg:self-start">
        <div className="flex flex-col gap-2">
          <h2 className="text-base font-semibold">{t("preview.users")}</h2>
          <ul className="flex flex-col gap-2">
            {(["en", ...TRANSLATED] as Locale[]).map((locale) => {
              const view = userView(locale);
              return (
                <li key={locale} lang={locale} className="flex gap-3 rounded-xl border border-border p-3">
                  <TaskIcon icon={values.icon} />
                  <div className="min-w-0">
                    <p className="text-xs font-medium text-muted-foreground">{localeName(locale)}</p>
                    <p className="text-sm font-medium">{view.name}</p>
                    <p className="text-sm text-muted-foreground">{view.description || t("preview.noDescription")}</p>
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
        <div className="flex flex-col gap-2">
          <h2 className="text-base font-semibold">{t("preview.followUp")}</h2>
          {previewFollowUps.length ? (
            <ul data-testid="follow-up-preview" className="flex flex-col gap-2">
              {(["en", ...TRANSLATED] as Locale[]).map((locale) => (
                <li key={locale} lang={locale} className="flex flex-col gap-1.5">
                  <span className="text-xs font-medium text-muted-foreground">{localeName(locale)}</span>
                  <span className="flex flex-wrap gap-2">
                    {previewFollowUps.map((action, index) => (
                      <span
                        // biome-ignore lint/suspicious/noArrayIndexKey: two rows may say the same; the place tells them apart
                        key={index}
                        className="inline-flex min-h-8 items-center gap-2 rounded-lg border border-input bg-background px-3 py-1.5 text-xs font-medium"
                      >
                        <CornerDownRight aria-hidden="true" className="size-4 shrink-0" />
                        {localizeFollowUpLabel(action, locale)}
                      </span>
                    ))}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">{t("preview.noFollowUp")}</p>
          )}
        </div>
        <div className="flex flex-col gap-2">
          <h2 className="text-base font-semibold">{t("preview.router")}</h2>
          <pre data-testid="router-preview" className="whitespace-pre-wrap break-words rounded-lg bg-muted p-3 font-mono text-xs">
            {routerTaskLine(previewTask)}
          </pre>
          <h3 className="text-sm font-medium">{t("examples.previewTitle")}</h3>
          {previewExamples.length ? (
            <ul data-testid="examples-preview" className="flex flex-col gap-1 rounded-lg bg-muted p-3 text-xs">
              {previewExamples.map((request, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: two rows may say the same; the place tells them apart
                <li key={index}>“{request}”</li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">{t("examples.empty")}</p>
          )}
        </div>
        <div className="flex flex-col gap-2">
          <h2 id="executor-preview-title" className="text-base font-semibold">
            {t("preview.assistant")}
          </h2>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard (axe: scrollable-region-focusable) */}
          <section aria-labelledby="executor-preview-title" tabIndex={0} className="max-h-[60vh] overflow-auto rounded-lg bg-muted p-3">
            <pre data-testid="executor-preview" className="whitespace-pre-wrap break-words font-mono text-xs">
              {buildExecutorSystemPrompt({ task: previewTask, latestDeliverable: null, now: new Date(0) }).replace(
                "Today is 1970-01-01.",
                "Today is <the date>.",
              )}
            </pre>
          </section>
        </div>
      </aside>
    </div>
  );
}
