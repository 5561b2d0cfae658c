// Task specs as Mojodex ships them (its docs/guides/tasks/task_spec.json template, and its sales assistant
// example's follow-up email), for the import tests.

/** Mojodex's template for a new task: every value still a placeholder. */
export function mojodexTemplateSpec() {
  return {
    datetime: "2024-02-14T17:49:26.545180",
    task_type: "instruct",
    platforms: ["webapp", "mobile"],
    predefined_actions: [],
    task_displayed_data: [
      {
        language_code: "en",
        name_for_user: "<USER TASK NAME>",
        definition_for_user: "<USER TASK DEFINITION>",
        json_input: [
          {
            input_name: "<INPUT NAME>",
            description_for_user: "<USER DESCRIPTION>",
            description_for_system: "<SYSTEM DESCRIPTION>",
            placeholder: "<PLACEHOLDER>",
            type: "text_area",
          },
        ],
      },
    ],
    name_for_system: "<SYSTEM TASK NAME>",
    definition_for_system: "<SYSTEM TASK DEFINITION>",
    final_instruction: "<FINAL INSTRUCTION>",
    output_format_instruction_title: "<OUTPUT TITLE FORMAT>",
    output_format_instruction_draft: "<OUTPUT DRAFT FORMAT>",
    output_type: "<TEXT TYPE>",
    icon: "<ICON EMOJI>",
    infos_to_extract: [{ info_name: "<INFO NAME>", description: "<INFO DESCRIPTION>" }],
    result_chat_enabled: true,
  };
}

/** Mojodex's sample follow-up email, in English and French: the same task as Switchboard's built-in one. */
export function mojodexFollowUpSpec() {
  return {
    datetime: "2024-02-14T10:53:06.502Z",
    platforms: ["mobile", "webapp"],
    predefined_actions: [],
    task_displayed_data: [
      {
        language_code: "en",
        name_for_user: "Follow-up email",
        definition_for_user: "Get a preliminary follow-up email for your meeting",
        json_input: [
          {
            input_name: "meeting_informations",
            description_for_user: "How was your meeting?",
            description_for_system: "Informations the user gave about the meeting (ex: participants, date, key topics, followup actions...)",
            placeholder: "Record a quick summary of what was discussed.",
            type: "text_area",
          },
        ],
      },
      {
        language_code: "fr",
        name_for_user: "E-mail de suivi",
        definition_for_user: "Rédigez un e-mail suite à une réunion",
        json_input: [
          {
            input_name: "informations_sur_la_reunion",
            description_for_user: "Comment s'est passée votre réunion ?",
            description_for_system: "Informations que l'utilisateur a fournies sur la réunion (ex : participants, date, sujets clés, actions de suivi...)",
            placeholder: "Enregistrez un rapide résumé de ce qui a été discuté.",
            type: "text_area",
          },
        ],
      },
    ],
    name_for_system: "follow-up_email",
    definition_for_system: "The user needs assistance to prepare a follow-up email",
    final_instruction: "Write a follow-up email",
    output_format_instruction_title: "EMAIL SUBJECT",
    output_format_instruction_draft: "CONTENT OF THE EMAIL",
    output_type: "email",
    icon: "💌",
    infos_to_extract: [
      { info_name: "meeting_notes", description: "The notes taken by the user about the meeting" },
      { info_name: "call_to_action", description: "The follow-up that the user expects from the meeting and wants to share if any" },
    ],
  };
}
