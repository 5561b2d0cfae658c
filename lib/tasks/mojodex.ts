import { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/http/errors";
import { DEFAULT_LOCALE, isLocale, type Locale, translatorFor } from "@/lib/i18n";
import { type Placeholder, placeholdersIn } from "./placeholders";
import { type FollowUpAction, TASK_LIMITS, type TaskInput, type TaskTranslations, taskInputSchema } from "./schema";

// Converts task specs written for Hoomano's Mojodex assistant (its task JSON files) into Switchboard tasks.
// Pure: no database, no I/O. The caller decides what to do with the tasks (preview, save...).

const ROUTER_DESCRIPTION_MAX = 1000;
const INSTRUCTIONS_MAX = 8000;
const NAME_MAX = 120;
const DESCRIPTION_MAX = 500;
const SLUG_MAX = 64;
const INFO_NAME_MAX = 80;
const SPEC_LABEL_NAME_MAX = 80;

/** A note of the import report: what one field of one spec became, or why it was left out. */
export type MojodexNote = { spec: string; field: string; reason: string };
export type MojodexConversion = {
  tasks: TaskInput[];
  /** fields of the displayed data that were used, and how */
  used: MojodexNote[];
  ignored: MojodexNote[];
  /** per task (by slug): template text left in the spec, e.g. "<USER TASK NAME>" */
  placeholders: Record<string, Placeholder[]>;
  /** per task (by slug): its spec's name and, per follow-up action, the field it came from (predefined_actions.N) */
  sources: Record<string, { spec: string; followUpActions: string[] }>;
};
type Translate = ReturnType<typeof translatorFor<"admin">>;

// ---------------------------------------------------------------------------------------------------------------
// Schema

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value)})`;
    case "number":
    case "bigint":
      return `a number (${String(value)})`;
    case "boolean":
      return `a boolean (${String(value)})`;
    case "object":
      return "an object";
    default:
      return `a ${typeof value}`;
  }
}

/** Required, non-empty text; `what` completes "give …". */
function text(what: string) {
  return z
    .string({
      error: (issue) => (issue.input === undefined ? `Missing: give ${what}.` : `Expected text (${what}), got ${describeValue(issue.input)}.`),
    })
    .trim()
    .min(1, `Empty: give ${what}.`);
}

function optionalText(what: string) {
  return z
    .string({ error: (issue) => `Expected text (${what}), got ${describeValue(issue.input)}.` })
    .trim()
    .nullish();
}

function list<T extends z.ZodType>(item: T, what: string) {
  return z.array(item, {
    error: (issue) =>
      issue.input === undefined ? `Missing: give ${what} (a list, which may be empty).` : `Expected a list of ${what}, got ${describeValue(issue.input)}.`,
  });
}

function object<T extends z.ZodRawShape>(shape: T, what: string) {
  return z.object(shape, {
    error: (issue) => (issue.input === undefined ? `Missing: give ${what}.` : `Expected ${what} (an object), got ${describeValue(issue.input)}.`),
  });
}

const infoToExtractSchema = object(
  {
    info_name: text('the name of the information, e.g. "participants"'),
    description: text("a description of the information to collect"),
  },
  "an information to extract with info_name and description",
);

const jsonInputSchema = object(
  {
    input_name: text('the name of the input, e.g. "meeting_informations"'),
    description_for_user: optionalText("the input's description for the user"),
    description_for_system: optionalText("the input's description for the assistant"),
    placeholder: z.unknown().optional(),
    type: z.unknown().optional(),
  },
  "a form input with input_name and descriptions",
);

const displayedDataSchema = object(
  {
    language_code: text('the language code, e.g. "en"'),
    name_for_user: text("the task name shown to users"),
    definition_for_user: optionalText("the task definition shown to users"),
    json_input: list(jsonInputSchema, "form inputs").default([]),
  },
  "displayed data for one language",
);

/** One Mojodex task spec. Unknown extra keys are allowed (and stripped); `convertMojodexSpecs` reports them as ignored. */
export const mojodexSpecSchema = object(
  {
    name_for_system: text('the task\'s system name, e.g. "prepare_meeting_minutes"'),
    definition_for_system: text("what the task is for, written for the assistant"),
    final_instruction: text("the instruction the assistant follows to write the deliverable"),
    output_format_instruction_title: text("how to title the deliverable"),
    output_format_instruction_draft: text("how to write the deliverable"),
    output_type: text('the kind of deliverable, e.g. "email"'),
    icon: optionalText("an emoji"),
    infos_to_extract: list(infoToExtractSchema, "information to extract"),
    task_displayed_data: list(displayedDataSchema, "displayed data, one per language").default([]),
    predefined_actions: z.unknown().optional(),
    platforms: z.unknown().optional(),
    datetime: z.unknown().optional(),
  },
  "a Mojodex task spec",
);

export type MojodexSpec = z.output<typeof mojodexSpecSchema>;

/** One of a spec's predefined_actions: the task it starts and its button's name per language. */
const predefinedActionSchema = z.object({
  task_name: z.string().trim().min(1),
  displayed_data: z.array(z.object({ language_code: z.string().trim().min(1), name: z.string().trim().min(1), message_prefix: z.string().nullish() })).min(1),
});

const KNOWN_KEYS = new Set(Object.keys(mojodexSpecSchema.shape));

// ---------------------------------------------------------------------------------------------------------------
// Detection

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when the input looks like a Mojodex task spec file: an object, or a list whose first element is one, with name_for_system. */
const MOJODEX_KEYS = ["name_for_system", "definition_for_system", "final_instruction", "infos_to_extract", "task_displayed_data"];

/**
 * True when the input looks like Mojodex specs: a list (Switchboard's own file is an object) or an
 * object carrying Mojodex's keys. A list whose first spec lacks name_for_system still counts, so the
 * error names that spec and field instead of calling the file unknown.
 */
export function isMojodexSpecFile(input: unknown): boolean {
  const specs = Array.isArray(input) ? input : [input];
  return specs.some((spec) => isPlainObject(spec) && MOJODEX_KEYS.some((key) => Object.hasOwn(spec, key)));
}

// ---------------------------------------------------------------------------------------------------------------
// Name helpers

function stripDiacritics(value: string): string {
  return value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
}

/** name_for_system → slug matching TASK_SLUG_PATTERN (may be too short; taskInputSchema says so). */
export function mojodexSlug(nameForSystem: string): string {
  return stripDiacritics(nameForSystem)
    .toLowerCase()
    .replace(/\s+/g, "_")
    .replace(/[^a-z0-9_-]/g, "")
    .replace(/[-_]{2,}/g, (run) => run[0])
    .replace(/^[-_]+|[-_]+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/[-_]+$/, "");
}

/** A Mojodex info/input name → Switchboard info name (/^[a-z][a-z0-9_]*$/), or null when nothing usable is left. */
export function mojodexInfoName(raw: string): string | null {
  const cleaned = stripDiacritics(raw)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!cleaned) return null;
  const name = /^[a-z]/.test(cleaned) ? cleaned : `info_${cleaned}`;
  return name.slice(0, INFO_NAME_MAX).replace(/_+$/, "");
}

function prettify(nameForSystem: string): string {
  const words = nameForSystem.replace(/_+/g, " ").replace(/\s+/g, " ").trim();
  return truncateAtWord(words.charAt(0).toUpperCase() + words.slice(1), NAME_MAX);
}

/** Cuts at a word boundary (when one is close) and ends with "…", within max characters. */
function truncateAtWord(value: string, max: number): string {
  if (value.length <= max) return value;
  const hard = value.slice(0, max - 1);
  const lastSpace = hard.search(/\s\S*$/);
  const cut = lastSpace >= max * 0.8 ? hard.slice(0, lastSpace) : hard;
  return `${cut.replace(/[\s,;:.\-–—]+$/, "")}…`;
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .trim()
      .replace(/[.!?…\s]+$/, "")
      .toLowerCase();
  return norm(a) === norm(b);
}

function isEnglish(languageCode: string): boolean {
  return /^en(?:[-_].*)?$/i.test(languageCode.trim());
}

function hasContent(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

function listOf(values: string[]): string {
  return values.join(", ");
}

// ---------------------------------------------------------------------------------------------------------------
// Conversion of one valid spec

type FieldPath = string;
type SourceMap = {
  name: FieldPath;
  infos: { name: FieldPath; description: FieldPath }[];
};

type SpecConversion = { ok: true; task: TaskInput; used: MojodexNote[]; ignored: MojodexNote[]; followUpFields: string[] } | { ok: false; errors: FieldErrors };

const switchboardLabels: Record<string, string> = {
  slug: "the task slug",
  name: "the task name",
  description: "the task description",
  routerDescription: "the router description",
  instructions: "the instructions",
  infoToCollect: "the information to collect (infos_to_extract, or the json_input entries)",
  outputKind: "the output kind",
  outputTitleFormat: "the title format",
  outputBodyFormat: "the body format",
  icon: "the icon",
};

const switchboardSources: Record<string, FieldPath> = {
  slug: "name_for_system",
  routerDescription: "definition_for_system",
  instructions: "final_instruction",
  infoToCollect: "infos_to_extract",
  outputKind: "output_type",
  outputTitleFormat: "output_format_instruction_title",
  outputBodyFormat: "output_format_instruction_draft",
  icon: "icon",
};

/** The interface language a Mojodex language code ("fr", "fr_FR", "es-MX") stands for, if Switchboard has it. */
function interfaceLocale(languageCode: string): Locale | null {
  const primary = languageCode.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(primary) ? primary : null;
}

/** A language code's name in the reader's language ("French", "francés"), or the code itself. */
function languageName(languageCode: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(languageCode.trim().replace(/_/g, "-")) ?? languageCode;
  } catch {
    return languageCode;
  }
}

/**
 * A spec's predefined_actions as follow-up actions: each starts the task its task_name names (a task
 * of the registry or the file, written with - or _ either way), labelled with its displayed names.
 * Whether that task exists is the import's to say (lib/tasks/transfer.ts); what cannot become an
 * action is noted here.
 */
function followUpActionsOf(spec: MojodexSpec, knownSlugs: string[], t: Translate, locale: Locale) {
  const actions: FollowUpAction[] = [];
  const fields: string[] = [];
  const used: Omit<MojodexNote, "spec">[] = [];
  const ignored: Omit<MojodexNote, "spec">[] = [];
  const list = Array.isArray(spec.predefined_actions) ? spec.predefined_actions : hasContent(spec.predefined_actions) ? [spec.predefined_actions] : [];
  const label = (name: string) => truncateAtWord(name, TASK_LIMITS.followUpLabelMax);
  list.forEach((raw, index) => {
    const field = `predefined_actions.${index}`;
    const parsed = predefinedActionSchema.safeParse(raw);
    if (!parsed.success) {
      ignored.push({ field, reason: t("import.notes.actionUnreadable") });
      return;
    }
    const { task_name, displayed_data } = parsed.data;
    const target = sameSlugIn(mojodexSlug(task_name), knownSlugs);
    if (actions.some((a) => a.target === target)) {
      ignored.push({ field, reason: t("import.notes.actionTwice", { task: target }) });
      return;
    }
    if (actions.length >= TASK_LIMITS.followUpActionsMax) {
      ignored.push({ field, reason: t("import.notes.actionTooMany", { max: TASK_LIMITS.followUpActionsMax }) });
      return;
    }
    const defaultEntry = displayed_data.find((entry) => isEnglish(entry.language_code)) ?? displayed_data[0];
    const translations: FollowUpAction["translations"] = {};
    const unused: typeof displayed_data = [];
    for (const entry of displayed_data) {
      if (entry === defaultEntry) continue;
      const language = interfaceLocale(entry.language_code);
      if (language && language !== interfaceLocale(defaultEntry.language_code) && !translations[language]) translations[language] = label(entry.name);
      else unused.push(entry);
    }
    actions.push({ target, label: label(defaultEntry.name), translations });
    fields.push(field);
    used.push({ field, reason: t("import.notes.action", { label: defaultEntry.name, task: target }) });
    if (displayed_data.some((entry) => hasContent(entry.message_prefix))) {
      ignored.push({ field: `${field}.displayed_data.message_prefix`, reason: t("import.notes.actionMessagePrefix") });
    }
    const languages = unused;
    if (languages.length) {
      ignored.push({
        field: `${field}.displayed_data`,
        reason: t("import.notes.actionLanguages", { languages: listOf(languages.map((entry) => languageName(entry.language_code, locale))) }),
      });
    }
  });
  return { actions, fields, used, ignored };
}

/** The slug as written, or the one known slug it names with - and _ swapped ("follow_up_email" → "follow-up-email"). */
function sameSlugIn(slug: string, knownSlugs: string[]): string {
  if (knownSlugs.includes(slug)) return slug;
  const loose = (s: string) => s.replace(/_/g, "-");
  const matches = knownSlugs.filter((known) => loose(known) === loose(slug));
  return matches.length === 1 ? matches[0] : slug;
}

function convertSpec(spec: MojodexSpec, raw: Record<string, unknown>, t: Translate, locale: Locale, knownSlugs: string[]): SpecConversion {
  const errors: FieldErrors = {};
  const addError = (field: FieldPath, message: string) => {
    errors[field] = [...(errors[field] ?? []), message];
  };
  const specName = spec.name_for_system;
  const used: MojodexNote[] = [];
  const ignored: MojodexNote[] = [];
  const use = (field: string, reason: string) => used.push({ spec: specName, field, reason });
  const ignore = (field: string, reason: string) => ignored.push({ spec: specName, field, reason });

  // The default displayed data (Mojodex's fallback language is English, else the first entry) gives the
  // task's name and description; the entries in Switchboard's other interface languages give translations.
  const displayed = spec.task_displayed_data;
  const englishIndex = displayed.findIndex((entry) => isEnglish(entry.language_code));
  const usedIndex = englishIndex >= 0 ? englishIndex : displayed.length ? 0 : -1;
  const defaultEntry = usedIndex >= 0 ? displayed[usedIndex] : undefined;
  const usedPath = `task_displayed_data.${usedIndex}`;

  const sources: SourceMap = { name: defaultEntry ? `${usedPath}.name_for_user` : "name_for_system", infos: [] };
  const name = defaultEntry ? defaultEntry.name_for_user : prettify(specName);
  const description = truncateAtWord(defaultEntry?.definition_for_user ?? "", DESCRIPTION_MAX);
  const translations: TaskTranslations = {};
  displayed.forEach((entry, index) => {
    if (index === usedIndex) {
      use(`task_displayed_data.${index}`, t("import.notes.defaultLanguage", { language: languageName(entry.language_code, locale) }));
      return;
    }
    const target = interfaceLocale(entry.language_code);
    const language = languageName(entry.language_code, locale);
    if (!target || target === interfaceLocale(defaultEntry?.language_code ?? "") || translations[target]) {
      ignore(`task_displayed_data.${index}`, t(target ? "import.notes.languageTwice" : "import.notes.languageUnsupported", { language }));
      return;
    }
    translations[target] = {
      name: truncateAtWord(entry.name_for_user, NAME_MAX),
      description: truncateAtWord(entry.definition_for_user ?? "", DESCRIPTION_MAX),
    };
    use(`task_displayed_data.${index}`, t("import.notes.translation", { language }));
    if (entry.json_input.length) ignore(`task_displayed_data.${index}.json_input`, t("import.notes.translatedInputs", { language }));
  });

  // Router description: the system definition, plus the user-facing one when it says something else.
  let routerDescription = spec.definition_for_system;
  const userDefinition = defaultEntry?.definition_for_user ?? "";
  if (routerDescription.length > ROUTER_DESCRIPTION_MAX) {
    routerDescription = truncateAtWord(routerDescription, ROUTER_DESCRIPTION_MAX);
    ignore(
      "definition_for_system",
      t("import.notes.routerDescriptionCut", { max: ROUTER_DESCRIPTION_MAX, userDefinitionLeftOut: userDefinition ? "yes" : "no" }),
    );
  } else if (userDefinition && !sameText(userDefinition, routerDescription)) {
    const joined = `${routerDescription}${/[.!?…:]$/.test(routerDescription) ? "" : "."} ${userDefinition}`;
    if (joined.length > ROUTER_DESCRIPTION_MAX) {
      ignore(`${usedPath}.definition_for_user`, t("import.notes.userDefinitionCut", { max: ROUTER_DESCRIPTION_MAX }));
    }
    routerDescription = truncateAtWord(joined, ROUTER_DESCRIPTION_MAX);
  }

  let instructions = `${spec.definition_for_system}\n\n${spec.final_instruction}`;
  if (instructions.length > INSTRUCTIONS_MAX) {
    instructions = truncateAtWord(instructions, INSTRUCTIONS_MAX);
    ignore(
      spec.definition_for_system.length >= INSTRUCTIONS_MAX ? "definition_for_system" : "final_instruction",
      t("import.notes.instructionsCut", { max: INSTRUCTIONS_MAX }),
    );
  }

  // Information to collect. Mojodex's infos_to_extract lists all the information the assistant needs; the
  // json_input of the displayed data is the form through which the user gives it. So the form's questions
  // repeat infos_to_extract and are merged into it; only a spec without infos_to_extract collects them.
  const infoToCollect: TaskInput["infoToCollect"] = [];
  const firstPathByName = new Map<string, FieldPath>();
  spec.infos_to_extract.forEach((info, index) => {
    const path = `infos_to_extract.${index}`;
    const infoName = mojodexInfoName(info.info_name);
    if (!infoName) {
      addError(`${path}.info_name`, "Cannot be turned into a name of lower-case letters, digits and underscores.");
      return;
    }
    const earlier = firstPathByName.get(infoName);
    if (earlier) {
      addError(`${path}.info_name`, `Becomes "${infoName}", like ${earlier}.info_name; names must be unique.`);
      return;
    }
    firstPathByName.set(infoName, path);
    infoToCollect.push({ name: infoName, description: info.description, required: true });
    sources.infos.push({ name: `${path}.info_name`, description: `${path}.description` });
  });
  const inputs = defaultEntry?.json_input ?? [];
  if (inputs.length && infoToCollect.length) {
    use(
      `${usedPath}.json_input`,
      t("import.notes.inputsMerged", { inputs: listOf(inputs.map((i) => i.input_name)), infos: listOf(infoToCollect.map((i) => i.name)) }),
    );
  } else if (inputs.length) {
    inputs.forEach((input, index) => {
      const path = `${usedPath}.json_input.${index}`;
      const inputName = mojodexInfoName(input.input_name);
      if (!inputName) {
        addError(`${path}.input_name`, "Cannot be turned into a name of lower-case letters, digits and underscores.");
        return;
      }
      if (firstPathByName.has(inputName)) return; // the same question twice in the form
      const inputDescription = input.description_for_system || input.description_for_user;
      if (!inputDescription) {
        addError(`${path}.description_for_system`, "Missing: give description_for_system or description_for_user.");
        return;
      }
      firstPathByName.set(inputName, path);
      infoToCollect.push({ name: inputName, description: inputDescription, required: true });
      sources.infos.push({
        name: `${path}.input_name`,
        description: `${path}.${input.description_for_system ? "description_for_system" : "description_for_user"}`,
      });
    });
    use(`${usedPath}.json_input`, t("import.notes.inputsCollected", { inputs: listOf(infoToCollect.map((i) => i.name)) }));
  }

  if (Object.keys(errors).length) return { ok: false, errors };

  const followUps = followUpActionsOf(spec, knownSlugs, t, locale);
  const candidate = {
    slug: mojodexSlug(specName),
    name,
    description,
    translations,
    routerDescription,
    instructions,
    infoToCollect,
    outputKind: outputKindOf(spec.output_type),
    outputTitleFormat: spec.output_format_instruction_title,
    outputBodyFormat: spec.output_format_instruction_draft,
    icon: spec.icon || null,
    followUpActions: followUps.actions,
    // minutes carry action items: they become to-dos (the admin can switch it for other tasks)
    extractTodos: outputKindOf(spec.output_type) === "minutes",
    // an import is reviewed before it goes live: the admin enables it (lib/tasks/transfer.ts)
    enabled: false,
  };
  const parsed = taskInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [field, index, sub] = issue.path;
      if (field === "infoToCollect" && typeof index === "number" && (sub === "name" || sub === "description")) {
        const info = candidate.infoToCollect[index];
        const label = sub === "name" ? `the information name "${info?.name}"` : `the description of "${info?.name}"`;
        addError(sources.infos[index]?.[sub] ?? "infos_to_extract", `As ${label} in Switchboard: ${issue.message}`);
        continue;
      }
      const key = String(field ?? "");
      const source = key === "name" ? sources.name : (switchboardSources[key] ?? (key || "_"));
      const label = key === "slug" ? `the task slug "${candidate.slug}"` : (switchboardLabels[key] ?? key);
      addError(source, `As ${label} in Switchboard: ${issue.message}`);
    }
    return { ok: false, errors };
  }

  used.push(...followUps.used.map((note) => ({ spec: specName, ...note })));
  ignored.push(...followUps.ignored.map((note) => ({ spec: specName, ...note })));

  // What Switchboard has no use for.
  if (hasContent(spec.platforms)) {
    const platforms = Array.isArray(spec.platforms) ? spec.platforms.map(String) : [String(spec.platforms)];
    ignore("platforms", t("import.notes.platforms", { platforms: listOf(platforms) }));
  }
  if (hasContent(spec.datetime)) ignore("datetime", t("import.notes.datetime"));
  const withPlaceholder = inputs.filter((input) => hasContent(input.placeholder));
  if (withPlaceholder.length) {
    ignore("json_input.placeholder", t("import.notes.inputPlaceholders", { inputs: listOf(withPlaceholder.map((i) => i.input_name)) }));
  }
  const withType = inputs.filter((input) => hasContent(input.type));
  if (withType.length) {
    ignore("json_input.type", t("import.notes.inputTypes", { inputs: listOf(withType.map((i) => `${i.input_name}: ${String(i.type)}`)) }));
  }
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) ignore(key, t("import.notes.unknownField"));
  }

  return { ok: true, task: parsed.data, used, ignored, followUpFields: followUps.fields };
}

function outputKindOf(outputType: string): TaskInput["outputKind"] {
  const type = outputType.toLowerCase();
  if (type.includes("minute")) return "minutes";
  if (type.includes("mail")) return "email";
  if (type.includes("memo") || type.includes("document") || type.includes("note")) return "memo";
  return "custom";
}

// ---------------------------------------------------------------------------------------------------------------
// Entry point

function specLabel(index: number, raw: unknown): string {
  const name = isPlainObject(raw) && typeof raw.name_for_system === "string" ? raw.name_for_system.trim() : "";
  if (!name) return `spec ${index + 1}`;
  const shown = name.length > SPEC_LABEL_NAME_MAX ? `${name.slice(0, SPEC_LABEL_NAME_MAX - 1)}…` : name;
  return `spec ${index + 1} (name_for_system ${JSON.stringify(shown)})`;
}

/**
 * Converts one Mojodex task spec, or a list of them, into Switchboard tasks. All or nothing: when any spec is
 * invalid it throws AppError("bad_request:import") whose fields say which spec and which Mojodex field is wrong.
 */
export function convertMojodexSpecs(
  input: unknown,
  {
    locale = DEFAULT_LOCALE,
    knownSlugs = [],
  }: {
    locale?: Locale;
    /** the registry's slugs, which follow-up actions may start besides the file's tasks */
    knownSlugs?: string[];
  } = {},
): MojodexConversion {
  const t = translatorFor(locale, "admin");
  if (!Array.isArray(input) && !isPlainObject(input)) {
    throw new AppError("bad_request:import", {
      key: "bad_request.importNotMojodex",
      fields: { _: [`Expected a Mojodex task spec (an object) or a list of them, got ${describeValue(input)}.`] },
    });
  }
  const rawSpecs: unknown[] = Array.isArray(input) ? input : [input];
  if (rawSpecs.length === 0) {
    throw new AppError("bad_request:import", { key: "bad_request.importEmptyList", fields: { _: ["fields.importEmptyList"] } });
  }

  const fields: FieldErrors = {};
  const invalidSpecs = new Set<number>();
  const addError = (index: number, field: string, messages: string[]) => {
    invalidSpecs.add(index);
    const key = field ? `${specLabel(index, rawSpecs[index])}.${field}` : specLabel(index, rawSpecs[index]);
    fields[key] = [...(fields[key] ?? []), ...messages];
  };

  const tasks: TaskInput[] = [];
  const used: MojodexNote[] = [];
  const ignored: MojodexNote[] = [];
  const placeholders: MojodexConversion["placeholders"] = {};
  const sources: MojodexConversion["sources"] = {};
  const fileSlugs = rawSpecs.flatMap((raw) => (isPlainObject(raw) && typeof raw.name_for_system === "string" ? [mojodexSlug(raw.name_for_system)] : []));
  const targetSlugs = [...new Set([...fileSlugs, ...knownSlugs])];
  const firstByName = new Map<string, number>();
  const firstBySlug = new Map<string, number>();

  rawSpecs.forEach((raw, index) => {
    // Duplicates are judged on the raw name so they are reported even when the spec has other problems.
    const rawName = isPlainObject(raw) && typeof raw.name_for_system === "string" ? raw.name_for_system.trim() : "";
    if (rawName) {
      const earlier = firstByName.get(rawName);
      if (earlier === undefined) firstByName.set(rawName, index);
      else addError(index, "name_for_system", [`Same name_for_system as spec ${earlier + 1}; each task needs its own.`]);
    }

    const parsed = mojodexSpecSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) addError(index, issue.path.join("."), [issue.message]);
      return;
    }
    const converted = convertSpec(parsed.data, raw as Record<string, unknown>, t, locale, targetSlugs);
    if (!converted.ok) {
      for (const [field, messages] of Object.entries(converted.errors)) addError(index, field === "_" ? "" : field, messages);
      return;
    }
    const earlierSlug = firstBySlug.get(converted.task.slug);
    if (earlierSlug !== undefined) {
      if (firstByName.get(rawName) === index) {
        addError(index, "name_for_system", [`Becomes the task slug "${converted.task.slug}", like spec ${earlierSlug + 1}; each task needs its own.`]);
      }
      return;
    }
    firstBySlug.set(converted.task.slug, index);
    tasks.push(converted.task);
    used.push(...converted.used);
    ignored.push(...converted.ignored);
    const template = placeholdersIn(raw);
    if (template.length) placeholders[converted.task.slug] = template;
    sources[converted.task.slug] = { spec: parsed.data.name_for_system, followUpActions: converted.followUpFields };
  });

  if (invalidSpecs.size) {
    throw new AppError("bad_request:import", {
      key: "bad_request.importInvalidSpecs",
      values: { invalid: invalidSpecs.size, total: rawSpecs.length },
      fields,
    });
  }
  return { tasks, used, ignored, placeholders, sources };
}
