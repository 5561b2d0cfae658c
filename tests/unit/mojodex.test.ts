import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors";
import { convertMojodexSpecs, isMojodexSpecFile, mojodexSpecSchema } from "@/lib/tasks/mojodex";
import { TASK_SLUG_PATTERN, taskInputSchema } from "@/lib/tasks/schema";
import { seedTasks } from "@/lib/tasks/seed-tasks";

// Specs written in the format of Mojodex's task JSON files (see its task_spec.json and sales assistant examples).

function meetingMinutesSpec() {
  return {
    platforms: ["webapp", "mobile"],
    task_type: "instruct",
    predefined_actions: [
      {
        task_name: "follow_up_email",
        displayed_data: [
          { language_code: "en", name: "Follow-up email", message_prefix: "Prepare a follow-up email from these minutes." },
          { language_code: "fr", name: "E-mail de suivi", message_prefix: "Prépare un e-mail de suivi à partir de ce compte-rendu." },
        ],
      },
    ],
    task_displayed_data: [
      {
        language_code: "en",
        name_for_user: "Meeting Minutes",
        definition_for_user: "Prepare clear minutes and next steps for your meeting",
        json_input: [
          {
            input_name: "meeting_informations",
            description_for_user: "How was your meeting?",
            description_for_system: "Information the user gave about the meeting (participants, date, key topics, follow-up actions...)",
            placeholder: "Record a complete recap of what was discussed.",
            type: "text_area",
          },
        ],
      },
      {
        language_code: "fr",
        name_for_user: "Compte-rendu de réunion",
        definition_for_user: "Préparez un compte-rendu clair de votre réunion",
        json_input: [
          {
            input_name: "informations_reunion",
            description_for_user: "Comment s'est passée votre réunion ?",
            description_for_system: "Informations que l'utilisateur a fournies sur la réunion",
            placeholder: "Enregistrez un résumé de ce qui a été discuté.",
            type: "text_area",
          },
        ],
      },
    ],
    name_for_system: "prepare_meeting_minutes",
    definition_for_system: "The user needs assistance to prepare meeting minutes",
    final_instruction: "Write well structured, detailed meeting minutes including all the information provided by the user.",
    output_format_instruction_title: "SHORT CONTEXT - DATE OF THE DAY",
    output_format_instruction_draft: "CONTENT OF THE MEETING MINUTES",
    output_type: "meeting_minutes",
    icon: "📝",
    infos_to_extract: [
      { info_name: "key_topics", description: "Key topics discussed in the meeting" },
      { info_name: "participants", description: "Participants of the meeting" },
      { info_name: "Date of meeting", description: "Date of the meeting" },
      { info_name: "followup_actions", description: "Follow-up actions, if any" },
    ],
  };
}

function followUpEmailSpec() {
  return {
    platforms: ["mobile", "webapp"],
    predefined_actions: [],
    datetime: "2024-03-12T09:30:00Z",
    task_displayed_data: [
      {
        language_code: "en",
        name_for_user: "Follow-up email",
        definition_for_user: "Get a preliminary follow-up email for your meeting",
        json_input: [
          {
            input_name: "meeting_informations",
            description_for_user: "How was your meeting?",
            description_for_system: "Information the user gave about the meeting (participants, date, key topics...)",
            placeholder: "Record a quick summary of what was discussed.",
            type: "text_area",
          },
        ],
      },
    ],
    name_for_system: "follow_up_email",
    definition_for_system: "The user needs assistance to prepare a follow-up email.",
    final_instruction: "Write a follow-up email the user can send as is.",
    output_format_instruction_title: "EMAIL SUBJECT",
    output_format_instruction_draft: "CONTENT OF THE EMAIL",
    output_type: "email",
    icon: "💌",
    infos_to_extract: [
      { info_name: "meeting_notes", description: "The notes taken by the user about the meeting" },
      { info_name: "call_to_action", description: "The follow-up the user expects from the meeting, if any" },
    ],
  };
}

function linkedinPostSpec() {
  return {
    platforms: ["webapp"],
    predefined_actions: [],
    task_displayed_data: [
      {
        language_code: "fr",
        name_for_user: "Post LinkedIn",
        definition_for_user: "Rédigez un post LinkedIn à partir d'une actualité de l'entreprise",
        json_input: [
          {
            input_name: "sujet_du_post",
            description_for_user: "De quoi voulez-vous parler ?",
            placeholder: "Notre nouvelle offre, un événement, un recrutement...",
            type: "text_area",
          },
        ],
      },
      {
        language_code: "es",
        name_for_user: "Publicación de LinkedIn",
        definition_for_user: "Redacte una publicación de LinkedIn",
        json_input: [],
      },
    ],
    name_for_system: "linkedin_post",
    definition_for_system: "The user wants to write a LinkedIn post about news from their company",
    final_instruction: "Write an engaging LinkedIn post of at most 1300 characters that ends with a question to the reader.",
    output_format_instruction_title: "TOPIC OF THE POST",
    output_format_instruction_draft: "TEXT OF THE POST WITH 3 HASHTAGS",
    output_type: "linkedin_post",
    icon: "💼",
    infos_to_extract: [
      { info_name: "news", description: "The company news the post is about" },
      { info_name: "target_audience", description: "Who the post is for" },
    ],
  };
}

function importError(input: unknown): AppError {
  try {
    convertMojodexSpecs(input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected convertMojodexSpecs to throw");
}

describe("isMojodexSpecFile", () => {
  it("recognises a spec object and a list of specs, and nothing else", () => {
    expect(isMojodexSpecFile(meetingMinutesSpec())).toBe(true);
    expect(isMojodexSpecFile([followUpEmailSpec(), linkedinPostSpec()])).toBe(true);
    expect(isMojodexSpecFile(seedTasks[0])).toBe(false);
    expect(isMojodexSpecFile(seedTasks)).toBe(false);
    expect(isMojodexSpecFile([])).toBe(false);
    expect(isMojodexSpecFile("prepare_meeting_minutes")).toBe(false);
    expect(isMojodexSpecFile(null)).toBe(false);
    // a list with any Mojodex spec is read as Mojodex, so a broken first spec is reported by field
    expect(isMojodexSpecFile([{ slug: "x" }, meetingMinutesSpec()])).toBe(true);
    const { name_for_system: _missing, ...withoutName } = meetingMinutesSpec();
    expect(isMojodexSpecFile([withoutName, followUpEmailSpec()])).toBe(true);
  });
});

describe("mojodexSpecSchema", () => {
  it("accepts a real spec with extra keys and rejects wrong types with clear messages", () => {
    expect(mojodexSpecSchema.safeParse(meetingMinutesSpec()).success).toBe(true);
    const result = mojodexSpecSchema.safeParse({ ...followUpEmailSpec(), output_type: 3, final_instruction: "  " });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages.output_type).toBe('Expected text (the kind of deliverable, e.g. "email"), got a number (3).');
    expect(messages.final_instruction).toMatch(/^Empty: give the instruction/);
  });
});

describe("convertMojodexSpecs: one spec", () => {
  it("converts a single spec object into exactly the expected Switchboard task", () => {
    const { tasks } = convertMojodexSpecs(meetingMinutesSpec());
    expect(tasks).toEqual([
      {
        slug: "prepare_meeting_minutes",
        name: "Meeting Minutes",
        description: "Prepare clear minutes and next steps for your meeting",
        translations: { fr: { name: "Compte-rendu de réunion", description: "Préparez un compte-rendu clair de votre réunion" } },
        routerDescription: "The user needs assistance to prepare meeting minutes. Prepare clear minutes and next steps for your meeting",
        // Mojodex specs have no example requests
        exampleRequests: [],
        instructions:
          "The user needs assistance to prepare meeting minutes\n\nWrite well structured, detailed meeting minutes including all the information provided by the user.",
        infoToCollect: [
          { name: "key_topics", description: "Key topics discussed in the meeting", required: true },
          { name: "participants", description: "Participants of the meeting", required: true },
          { name: "date_of_meeting", description: "Date of the meeting", required: true },
          { name: "followup_actions", description: "Follow-up actions, if any", required: true },
        ],
        outputKind: "minutes",
        outputTitleFormat: "SHORT CONTEXT - DATE OF THE DAY",
        outputBodyFormat: "CONTENT OF THE MEETING MINUTES",
        icon: "📝",
        // predefined_actions: the button's names in English (the default) and French
        followUpActions: [{ target: "follow_up_email", label: "Follow-up email", translations: { fr: "E-mail de suivi" } }],
        // minutes: their action items become to-dos; the quality check is off until an admin turns it on
        extractTodos: true,
        qualityCheck: false,
        enabled: false,
      },
    ]);
    expect(taskInputSchema.safeParse(tasks[0]).success).toBe(true);
  });
});

describe("convertMojodexSpecs: a list", () => {
  it("converts every spec of a list, in order", () => {
    const { tasks } = convertMojodexSpecs([meetingMinutesSpec(), followUpEmailSpec(), linkedinPostSpec()]);
    expect(tasks.map((t) => [t.slug, t.name, t.outputKind, t.icon])).toEqual([
      ["prepare_meeting_minutes", "Meeting Minutes", "minutes", "📝"],
      ["follow_up_email", "Follow-up email", "email", "💌"],
      ["linkedin_post", "Post LinkedIn", "custom", "💼"],
    ]);
    for (const task of tasks) expect(taskInputSchema.safeParse(task).success, task.slug).toBe(true);
  });
});

describe("mapping rules", () => {
  it("slug: lower-cased, spaces to _, other characters removed, always a valid slug", () => {
    const slugOf = (name_for_system: string) => convertMojodexSpecs({ ...followUpEmailSpec(), name_for_system }).tasks[0].slug;
    expect(slugOf("Follow Up Email")).toBe("follow_up_email");
    expect(slugOf("follow-up_email")).toBe("follow-up_email");
    expect(slugOf("Prepare  Meeting Minutes (v2)!")).toBe("prepare_meeting_minutes_v2");
    expect(slugOf("Compte-rendu de réunion")).toBe("compte-rendu_de_reunion");
    expect(slugOf("_draft - email_")).toBe("draft_email");
    const long = slugOf("summarise the quarterly business review meeting with the whole regional sales team");
    expect(long.length).toBeLessThanOrEqual(64);
    for (const slug of [long, slugOf("Prepare  Meeting Minutes (v2)!"), slugOf("_draft - email_")]) {
      expect(slug).toMatch(TASK_SLUG_PATTERN);
    }
  });

  it("name: the English entry even when it is not first, else the first entry, else name_for_system prettified", () => {
    const spec = meetingMinutesSpec();
    spec.task_displayed_data.reverse();
    expect(convertMojodexSpecs(spec).tasks[0].name).toBe("Meeting Minutes");
    expect(convertMojodexSpecs(linkedinPostSpec()).tasks[0].name).toBe("Post LinkedIn");
    expect(convertMojodexSpecs({ ...meetingMinutesSpec(), task_displayed_data: [] }).tasks[0].name).toBe("Prepare meeting minutes");
    const { task_displayed_data: _, ...withoutDisplayedData } = followUpEmailSpec();
    expect(convertMojodexSpecs(withoutDisplayedData).tasks[0].name).toBe("Follow up email");
  });

  it("routerDescription: definition_for_system plus a different definition_for_user, truncated at 1000 characters", () => {
    // the English definition_for_user is used even though the French entry comes first
    const spec = meetingMinutesSpec();
    spec.task_displayed_data.reverse();
    expect(convertMojodexSpecs(spec).tasks[0].routerDescription).toBe(
      "The user needs assistance to prepare meeting minutes. Prepare clear minutes and next steps for your meeting",
    );
    // ends with a full stop already: joined by a space only
    expect(convertMojodexSpecs(followUpEmailSpec()).tasks[0].routerDescription).toBe(
      "The user needs assistance to prepare a follow-up email. Get a preliminary follow-up email for your meeting",
    );
    // the same sentence is not repeated
    const same = followUpEmailSpec();
    same.task_displayed_data[0].definition_for_user = "the user needs assistance to prepare a follow-up email";
    expect(convertMojodexSpecs(same).tasks[0].routerDescription).toBe("The user needs assistance to prepare a follow-up email.");

    const long = followUpEmailSpec();
    long.definition_for_system =
      `The user needs a follow-up email after a meeting. ${"They describe who attended, what was agreed and what comes next. ".repeat(14)}`.trim();
    expect(long.definition_for_system.length).toBeLessThan(1000);
    const { tasks, ignored } = convertMojodexSpecs(long);
    const description = tasks[0].routerDescription;
    expect(description.length).toBeLessThanOrEqual(1000);
    expect(description.length).toBeGreaterThan(900);
    expect(description.startsWith(long.definition_for_system)).toBe(true);
    expect(description.endsWith("…")).toBe(true);
    expect(description).not.toMatch(/\s…$/);
    // cut between words, not inside one
    const full = `${long.definition_for_system} ${long.task_displayed_data[0].definition_for_user}`;
    expect(full.startsWith(description.slice(0, -1))).toBe(true);
    expect(full.charAt(description.length - 1)).toMatch(/[\s.,;:]/);
    expect(ignored).toContainEqual({
      spec: "follow_up_email",
      field: "task_displayed_data.0.definition_for_user",
      reason: "Shortened to fit the router description's 1,000 characters.",
    });

    // definition_for_system alone is too long: it is cut and definition_for_user left out
    const tooLong = { ...followUpEmailSpec(), definition_for_system: "The user wants an email after a meeting. ".repeat(30).trim() };
    const cut = convertMojodexSpecs(tooLong);
    expect(cut.tasks[0].routerDescription.length).toBeLessThanOrEqual(1000);
    expect(cut.tasks[0].routerDescription).toMatch(/^The user wants an email after a meeting\. The user .*…$/);
    expect(cut.tasks[0].routerDescription).not.toContain("preliminary");
    expect(cut.ignored).toContainEqual(expect.objectContaining({ field: "definition_for_system" }));
  });

  it("instructions: definition_for_system, a blank line, then final_instruction, at most 8000 characters", () => {
    expect(convertMojodexSpecs(followUpEmailSpec()).tasks[0].instructions).toBe(
      "The user needs assistance to prepare a follow-up email.\n\nWrite a follow-up email the user can send as is.",
    );
    const long = { ...followUpEmailSpec(), final_instruction: "Keep the tone warm and precise. ".repeat(300) };
    const { tasks, ignored } = convertMojodexSpecs(long);
    expect(tasks[0].instructions.length).toBeLessThanOrEqual(8000);
    expect(tasks[0].instructions.startsWith("The user needs assistance to prepare a follow-up email.\n\nKeep the tone")).toBe(true);
    expect(tasks[0].instructions.endsWith("…")).toBe(true);
    expect(ignored.map((i) => i.field)).toContain("final_instruction");
  });

  it("infoToCollect: infos_to_extract with normalised names; the form's json_input, which repeats them, is merged", () => {
    const spec = followUpEmailSpec();
    spec.infos_to_extract.push({ info_name: "Meeting Informations", description: "What the user said about the meeting" });
    const { tasks, used } = convertMojodexSpecs(spec);
    expect(tasks[0].infoToCollect).toEqual([
      { name: "meeting_notes", description: "The notes taken by the user about the meeting", required: true },
      { name: "call_to_action", description: "The follow-up the user expects from the meeting, if any", required: true },
      { name: "meeting_informations", description: "What the user said about the meeting", required: true },
    ]);
    expect(used).toContainEqual({
      spec: "follow_up_email",
      field: "task_displayed_data.0.json_input",
      reason:
        "Merged into the information to collect: infos_to_extract already lists everything the assistant asks for (meeting_notes, call_to_action, meeting_informations), so the form's meeting_informations is not asked for a second time.",
    });
  });

  it("infoToCollect: without infos_to_extract, the json_input of the default entry (English, else the first)", () => {
    const spec = { ...followUpEmailSpec(), infos_to_extract: [] };
    spec.task_displayed_data[0].json_input.push({
      input_name: "Tone",
      description_for_user: "Formal or friendly?",
      description_for_system: "",
      placeholder: "",
      type: "text_area",
    });
    const { tasks, used } = convertMojodexSpecs(spec);
    expect(tasks[0].infoToCollect).toEqual([
      { name: "meeting_informations", description: "Information the user gave about the meeting (participants, date, key topics...)", required: true },
      // no description_for_system: description_for_user is used
      { name: "tone", description: "Formal or friendly?", required: true },
    ]);
    expect(used.map((u) => u.field)).toContain("task_displayed_data.0.json_input");
    const minutes = convertMojodexSpecs({ ...meetingMinutesSpec(), infos_to_extract: [] }).tasks[0].infoToCollect.map((i) => i.name);
    expect(minutes).toEqual(["meeting_informations"]);
    // no English entry: the French (first) one
    const post = convertMojodexSpecs({ ...linkedinPostSpec(), infos_to_extract: [] }).tasks[0].infoToCollect;
    expect(post).toEqual([{ name: "sujet_du_post", description: "De quoi voulez-vous parler ?", required: true }]);
  });

  it("name, description and translations: one per interface language of the displayed data", () => {
    const [minutes, post] = convertMojodexSpecs([meetingMinutesSpec(), linkedinPostSpec()]).tasks;
    expect([minutes.name, minutes.description]).toEqual(["Meeting Minutes", "Prepare clear minutes and next steps for your meeting"]);
    expect(minutes.translations).toEqual({ fr: { name: "Compte-rendu de réunion", description: "Préparez un compte-rendu clair de votre réunion" } });
    // no English entry: the first (French) is the default, Spanish a translation
    expect([post.name, post.description]).toEqual(["Post LinkedIn", "Rédigez un post LinkedIn à partir d'une actualité de l'entreprise"]);
    expect(post.translations).toEqual({ es: { name: "Publicación de LinkedIn", description: "Redacte una publicación de LinkedIn" } });
    // a language the interface does not speak is reported, not used
    const spec = meetingMinutesSpec();
    spec.task_displayed_data.push({ language_code: "de_DE", name_for_user: "Besprechungsprotokoll", definition_for_user: "Ein Protokoll", json_input: [] });
    const { tasks, ignored } = convertMojodexSpecs(spec);
    expect(Object.keys(tasks[0].translations)).toEqual(["fr"]);
    expect(ignored).toContainEqual({
      spec: "prepare_meeting_minutes",
      field: "task_displayed_data.2",
      reason: "Switchboard's interface has no German (Germany); this entry is not used.",
    });
  });

  it("writes the report in the admin's language", () => {
    const { used } = convertMojodexSpecs(meetingMinutesSpec(), { locale: "fr" });
    expect(used[0].field).toBe("task_displayed_data.0");
    expect(used[0].reason).toMatch(/anglais/);
  });

  it.each([
    ["meeting_minutes", "minutes"],
    ["Minutes", "minutes"],
    ["email", "email"],
    ["cold_mail", "email"],
    ["EMAIL", "email"],
    ["memo", "memo"],
    ["document", "memo"],
    ["meeting_notes", "memo"],
    ["linkedin_post", "custom"],
    ["pitch", "custom"],
  ])("outputKind: output_type %s becomes %s", (output_type, kind) => {
    expect(convertMojodexSpecs({ ...linkedinPostSpec(), output_type }).tasks[0].outputKind).toBe(kind);
  });

  it("outputTitleFormat, outputBodyFormat, icon and enabled", () => {
    const [task] = convertMojodexSpecs(linkedinPostSpec()).tasks;
    expect(task.outputTitleFormat).toBe("TOPIC OF THE POST");
    expect(task.outputBodyFormat).toBe("TEXT OF THE POST WITH 3 HASHTAGS");
    expect(task.icon).toBe("💼");
    // imported tasks wait for the admin's review
    expect(task.enabled).toBe(false);
    const { icon: _, ...withoutIcon } = linkedinPostSpec();
    expect(convertMojodexSpecs(withoutIcon).tasks[0].icon).toBeNull();
  });
});

describe("predefined_actions become follow-up actions", () => {
  const withActions = (predefined_actions: unknown) => ({ ...meetingMinutesSpec(), predefined_actions });
  const notes = (conversion: ReturnType<typeof convertMojodexSpecs>) => ({
    used: conversion.used.filter((n) => n.field.startsWith("predefined_actions")).map((n) => `${n.field}: ${n.reason}`),
    ignored: conversion.ignored.filter((n) => n.field.startsWith("predefined_actions")).map((n) => `${n.field}: ${n.reason}`),
  });

  it("names the registry's task when task_name differs only by - and _, and notes what each action became", () => {
    const conversion = convertMojodexSpecs(meetingMinutesSpec(), { knownSlugs: ["follow-up-email", "memo-from-ideas"] });
    expect(conversion.tasks[0].followUpActions).toEqual([{ target: "follow-up-email", label: "Follow-up email", translations: { fr: "E-mail de suivi" } }]);
    expect(conversion.sources.prepare_meeting_minutes).toEqual({ spec: "prepare_meeting_minutes", followUpActions: ["predefined_actions.0"] });
    expect(notes(conversion).used).toEqual(["predefined_actions.0: Became the follow-up action “Follow-up email”, which starts the task “follow-up-email”."]);
    // a task_name that is ambiguous or unknown is kept as written: the import says whether it exists
    const ambiguous = convertMojodexSpecs(meetingMinutesSpec(), { knownSlugs: ["follow-up-email", "follow_up-email"] });
    expect(ambiguous.tasks[0].followUpActions[0].target).toBe("follow_up_email");
    expect(
      convertMojodexSpecs(withActions([{ task_name: "Write Agenda", displayed_data: [{ language_code: "en", name: "Next agenda" }] }])).tasks[0]
        .followUpActions,
    ).toEqual([{ target: "write_agenda", label: "Next agenda", translations: {} }]);
  });

  it("leaves out, with a note each, what cannot be an action: unreadable, a second one for a task, more than five, unused languages", () => {
    const action = (task_name: string, ...names: [string, string][]) => ({
      task_name,
      displayed_data: names.map(([language_code, name]) => ({ language_code, name })),
    });
    const conversion = convertMojodexSpecs(
      withActions([
        { displayed_data: [{ language_code: "en", name: "No task" }] },
        action("agenda", ["de", "Tagesordnung"], ["en", "Prepare the next meeting's agenda"], ["es", "Preparar el orden del día"], ["es", "Otra"]),
        action("agenda", ["en", "Again"]),
        ...["a1", "a2", "a3", "a4", "a5"].map((name) => action(name, ["en", name])),
      ]),
    );
    expect(conversion.tasks[0].followUpActions.map((a) => a.target)).toEqual(["agenda", "a1", "a2", "a3", "a4"]);
    expect(conversion.tasks[0].followUpActions[0]).toEqual({
      target: "agenda",
      label: "Prepare the next meeting's agenda",
      translations: { es: "Preparar el orden del día" },
    });
    expect(notes(conversion).ignored).toEqual([
      "predefined_actions.0: Not a predefined action Switchboard can read (it needs task_name and displayed_data with a name); left out.",
      "predefined_actions.1.displayed_data: Names in German, Spanish are not used (no such interface language, or a second entry).",
      "predefined_actions.2: A second action starting “agenda”; only the first one is kept.",
      "predefined_actions.7: A task has at most 5 follow-up actions; left out.",
    ]);
  });

  it("cuts a long name to the label's 60 characters", () => {
    const name = "Write a very detailed follow-up email to every participant of the meeting";
    const [action] = convertMojodexSpecs(withActions([{ task_name: "email", displayed_data: [{ language_code: "en", name }] }])).tasks[0].followUpActions;
    expect(action.label.length).toBeLessThanOrEqual(60);
    expect(action.label).toMatch(/^Write a very detailed follow-up email to every.*…$/);
  });
});

describe("the ignored report", () => {
  it("lists, per spec and field, what Switchboard has no use for", () => {
    const { ignored } = convertMojodexSpecs([meetingMinutesSpec(), followUpEmailSpec(), linkedinPostSpec()]);
    expect(ignored.map((i) => `${i.spec} ${i.field}`)).toEqual([
      "prepare_meeting_minutes task_displayed_data.1.json_input",
      // the action itself is used; its message prefix is not
      "prepare_meeting_minutes predefined_actions.0.displayed_data.message_prefix",
      "prepare_meeting_minutes platforms",
      "prepare_meeting_minutes json_input.placeholder",
      "prepare_meeting_minutes json_input.type",
      "prepare_meeting_minutes task_type",
      // predefined_actions is an empty list here: nothing to report
      "follow_up_email platforms",
      "follow_up_email datetime",
      "follow_up_email json_input.placeholder",
      "follow_up_email json_input.type",
      "linkedin_post platforms",
      "linkedin_post json_input.placeholder",
      "linkedin_post json_input.type",
    ]);
    const reason = (spec: string, field: string) => ignored.find((i) => i.spec === spec && i.field === field)?.reason;
    expect(reason("prepare_meeting_minutes", "platforms")).toContain("webapp, mobile");
    expect(reason("prepare_meeting_minutes", "task_displayed_data.1.json_input")).toMatch(/^The form questions in French are not used/);
    expect(reason("prepare_meeting_minutes", "json_input.type")).toContain("meeting_informations: text_area");
    expect(reason("prepare_meeting_minutes", "json_input.placeholder")).toContain("meeting_informations");
    expect(reason("prepare_meeting_minutes", "task_type")).toMatch(/ignored/);
  });
});

describe("invalid specs convert nothing and say which spec and field", () => {
  it("a missing name_for_system", () => {
    const { name_for_system: _, ...spec } = meetingMinutesSpec();
    const error = importError(spec);
    expect(error.code).toBe("bad_request:import");
    expect(error.status).toBe(400);
    expect(error.message).toBe("1 of 1 Mojodex task spec is invalid; nothing was imported.");
    expect(error.fields).toEqual({
      "spec 1.name_for_system": ['Missing: give the task\'s system name, e.g. "prepare_meeting_minutes".'],
    });
  });

  it("infos_to_extract that is not a list", () => {
    const error = importError([followUpEmailSpec(), { ...meetingMinutesSpec(), infos_to_extract: "participants, date" }]);
    expect(error.message).toBe("1 of 2 Mojodex task specs is invalid; nothing was imported.");
    expect(error.fields).toEqual({
      'spec 2 (name_for_system "prepare_meeting_minutes").infos_to_extract': [
        'Expected a list of information to extract, got a string ("participants, date").',
      ],
    });
  });

  it("an info_name that is a number", () => {
    const spec = followUpEmailSpec();
    (spec.infos_to_extract[0] as { info_name: unknown }).info_name = 42;
    const error = importError([meetingMinutesSpec(), spec, linkedinPostSpec()]);
    expect(error.message).toBe("1 of 3 Mojodex task specs is invalid; nothing was imported.");
    expect(Object.keys(error.fields!)).toEqual(['spec 2 (name_for_system "follow_up_email").infos_to_extract.0.info_name']);
    expect(error.fields!['spec 2 (name_for_system "follow_up_email").infos_to_extract.0.info_name'][0]).toMatch(/^Expected text .*got a number \(42\)\.$/);
  });

  it("the same name_for_system twice in a list", () => {
    const error = importError([meetingMinutesSpec(), followUpEmailSpec(), { ...linkedinPostSpec(), name_for_system: "prepare_meeting_minutes" }]);
    expect(error.message).toBe("1 of 3 Mojodex task specs is invalid; nothing was imported.");
    expect(error.fields).toEqual({
      'spec 3 (name_for_system "prepare_meeting_minutes").name_for_system': ["Same name_for_system as spec 1; each task needs its own."],
    });
  });

  it("two names that give the same slug", () => {
    const error = importError([followUpEmailSpec(), { ...followUpEmailSpec(), name_for_system: "Follow Up Email" }]);
    expect(error.fields).toEqual({
      'spec 2 (name_for_system "Follow Up Email").name_for_system': ['Becomes the task slug "follow_up_email", like spec 1; each task needs its own.'],
    });
  });

  it("an empty list", () => {
    const error = importError([]);
    expect(error.code).toBe("bad_request:import");
    expect(error.message).toBe("The list of Mojodex task specs is empty; nothing was imported.");
    expect(error.fields).toEqual({ _: ["The list is empty: give at least one Mojodex task spec."] });
  });

  it("says so in the admin's language", () => {
    expect(importError([]).localizedMessage("es")).toBe("La lista de especificaciones de tareas de Mojodex está vacía; no se ha importado nada.");
    expect(importError([]).localizedFields("fr")).toEqual({ _: ["La liste est vide : donnez au moins une spécification de tâche Mojodex."] });
    expect(importError([meetingMinutesSpec(), "follow_up_email"]).localizedMessage("fr")).toBe(
      "1 spécification de tâche Mojodex sur 2 n’est pas valide ; rien n’a été importé.",
    );
  });

  it("a string instead of an object, alone or in a list", () => {
    const alone = importError("prepare_meeting_minutes");
    expect(alone.message).toBe("This is not a Mojodex task spec or a list of them; nothing was imported.");
    expect(alone.fields).toEqual({
      _: ['Expected a Mojodex task spec (an object) or a list of them, got a string ("prepare_meeting_minutes").'],
    });
    const inList = importError([meetingMinutesSpec(), "follow_up_email"]);
    expect(inList.message).toBe("1 of 2 Mojodex task specs is invalid; nothing was imported.");
    expect(inList.fields).toEqual({
      "spec 2": ['Expected a Mojodex task spec (an object), got a string ("follow_up_email").'],
    });
  });

  it("counts every invalid spec and reports all their fields", () => {
    const { name_for_system: _, ...nameless } = linkedinPostSpec();
    const error = importError([{ ...meetingMinutesSpec(), output_type: ["email"], icon: 7 }, followUpEmailSpec(), nameless]);
    expect(error.message).toBe("2 of 3 Mojodex task specs are invalid; nothing was imported.");
    expect(Object.keys(error.fields!).sort()).toEqual([
      'spec 1 (name_for_system "prepare_meeting_minutes").icon',
      'spec 1 (name_for_system "prepare_meeting_minutes").output_type',
      "spec 3.name_for_system",
    ]);
  });

  it("a converted task that Switchboard rejects, reported on the Mojodex field", () => {
    const spec = { ...followUpEmailSpec(), name_for_system: "é", definition_for_system: "Email" };
    spec.infos_to_extract[1].description = "x".repeat(501);
    spec.task_displayed_data[0].definition_for_user = "";
    const error = importError(spec);
    expect(error.message).toBe("1 of 1 Mojodex task spec is invalid; nothing was imported.");
    const label = 'spec 1 (name_for_system "é")';
    expect(error.fields).toEqual({
      [`${label}.name_for_system`]: ['As the task slug "e" in Switchboard: At least 2 characters.'],
      [`${label}.definition_for_system`]: ["As the router description in Switchboard: Say in at least 10 characters when this task applies."],
      [`${label}.infos_to_extract.1.description`]: [expect.stringMatching(/^As the description of "call_to_action" in Switchboard: /)],
    });
  });

  it("info names that collide once normalised, or cannot be normalised", () => {
    const spec = meetingMinutesSpec();
    spec.infos_to_extract.push({ info_name: "Key Topics", description: "Topics again" }, { info_name: "???", description: "Unknown" });
    const error = importError(spec);
    expect(error.fields).toEqual({
      'spec 1 (name_for_system "prepare_meeting_minutes").infos_to_extract.4.info_name': [
        'Becomes "key_topics", like infos_to_extract.0.info_name; names must be unique.',
      ],
      'spec 1 (name_for_system "prepare_meeting_minutes").infos_to_extract.5.info_name': [
        "Cannot be turned into a name of lower-case letters, digits and underscores.",
      ],
    });
  });
});
