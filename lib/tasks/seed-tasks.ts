import type { TaskInput } from "./schema";

/** The tasks a new installation starts with; admins may change or disable them. */
export const seedTasks: TaskInput[] = [
  {
    slug: "meeting-minutes",
    name: "Meeting minutes",
    description: "Tell it how a meeting went and get clear minutes: decisions, action items and owners.",
    translations: {
      es: { name: "Acta de reunión", description: "Cuenta cómo fue una reunión y obtén un acta clara: decisiones, tareas y responsables." },
      fr: {
        name: "Compte rendu de réunion",
        description: "Racontez le déroulement d’une réunion et obtenez un compte rendu clair : décisions, actions et responsables.",
      },
    },
    icon: "📝",
    routerDescription:
      "The user wants to record or write up a meeting that took place: they describe what was discussed, decided or assigned and want minutes or a summary of the meeting.",
    exampleRequests: [
      "Can you write up the minutes of today's project meeting?",
      "Here are my notes from the client workshop: turn them into minutes with the decisions and action items.",
      "Who said what and who does what after the kickoff: please take the minutes.",
      "¿Puedes redactar el acta de la reunión de hoy con el cliente?",
      "Te paso mis apuntes de la reunión de equipo; prepárame el acta con los acuerdos.",
      "Rédige le compte rendu de la réunion d'équipe d'hier.",
      "Voici mes notes de l'atelier client, fais-en un procès-verbal avec les décisions et les actions.",
    ],
    instructions:
      "You write clear, factual meeting minutes from what the user tells you about a meeting. Do not invent attendees, decisions or dates. Keep the user's wording for decisions and action items. Ask for missing required information in one short message, listing everything that is missing at once.",
    infoToCollect: [
      { name: "meeting_title", description: "What the meeting was about (client, project or topic)", required: true },
      { name: "date", description: "When the meeting took place", required: true },
      { name: "attendees", description: "Who took part, with their organisation when it matters", required: true },
      { name: "discussion", description: "The main points discussed", required: true },
      { name: "decisions", description: "What was decided", required: false },
      { name: "action_items", description: "Who does what by when", required: false },
    ],
    outputKind: "minutes",
    extractTodos: true,
    qualityCheck: false,
    outputTitleFormat: "Minutes – <meeting title> – <date>",
    outputBodyFormat:
      "Markdown with these sections: **Attendees** (list), **Summary** (3–5 sentences), **Discussion** (bullets by topic), **Decisions** (numbered), **Action items** (table: owner | action | due date). Leave a section out when there is nothing to put in it.",
    followUpActions: [
      {
        target: "follow-up-email",
        label: "Write the follow-up email",
        translations: { es: "Redactar el correo de seguimiento", fr: "Rédiger l’e-mail de suivi" },
      },
    ],
    enabled: true,
  },
  {
    slug: "follow-up-email",
    name: "Follow-up email",
    description: "After a meeting or call, get an email ready to send that recaps what was agreed and the next steps.",
    translations: {
      es: { name: "Correo de seguimiento", description: "Tras una reunión o llamada, obtén un correo listo para enviar con lo acordado y los próximos pasos." },
      fr: {
        name: "E-mail de suivi",
        description: "Après une réunion ou un appel, obtenez un e-mail prêt à envoyer qui reprend ce qui a été convenu et les prochaines étapes.",
      },
    },
    icon: "✉️",
    routerDescription:
      "The user wants an email to send after a meeting or call: thanking participants, recapping what was agreed, confirming next steps or asking for something that was promised.",
    exampleRequests: [
      "Send the attendees a thank-you email with the next steps we agreed on.",
      "Email the client to confirm the follow-up actions from this afternoon's call.",
      "Prepare the email to the vendor after our meeting, with who owes what.",
      "Prepara un correo de seguimiento para el cliente con los próximos pasos.",
      "Escribe el correo para los asistentes con lo que acordamos en la llamada.",
      "Prépare un e-mail de suivi pour le client avec les prochaines étapes.",
      "Écris aux participants pour confirmer ce qu'on a convenu pendant l'appel.",
    ],
    instructions:
      "You draft a follow-up email the user can send as is after a meeting. Match the tone to the relationship (client, partner, colleague). Recap only what was agreed, state next steps with owners and dates, and end with a clear call to action. Use facts from the conversation and any minutes already written; ask for what is missing.",
    infoToCollect: [
      { name: "recipients", description: "Who the email goes to and their role", required: true },
      { name: "meeting_context", description: "Which meeting or call this follows", required: true },
      { name: "key_points", description: "What was agreed or discussed that the email must recap", required: true },
      { name: "next_steps", description: "Next steps with owners and dates", required: false },
      { name: "tone", description: "Formal, friendly or brief", required: false },
    ],
    outputKind: "email",
    outputTitleFormat: "The email's subject line, specific to the meeting (under 70 characters).",
    outputBodyFormat:
      "A greeting, one sentence of thanks, a short recap (bullets when more than two points), next steps with owners and dates, a call to action, and a sign-off with the placeholder [Your name].",
    followUpActions: [],
    enabled: true,
    extractTodos: false,
    qualityCheck: false,
  },
  {
    slug: "memo-from-ideas",
    name: "Memo from loose ideas",
    description: "Drop in scattered notes or ideas and get a structured memo or one-pager for your colleagues.",
    translations: {
      es: {
        name: "Memorando a partir de ideas",
        description: "Aporta notas o ideas sueltas y obtén un memorando estructurado o un documento de una página para tus colegas.",
      },
      fr: {
        name: "Note à partir d’idées",
        description: "Déposez des notes ou des idées éparses et obtenez une note structurée ou une synthèse d’une page pour vos collègues.",
      },
    },
    icon: "💡",
    routerDescription:
      "The user has loose ideas, notes or a brain dump and wants them turned into a structured memo, brief or one-pager for colleagues or management.",
    exampleRequests: [
      "Turn my brain dump on the pricing change into a one-pager for management.",
      "I've got some loose ideas for the new onboarding process, can you make a structured memo out of them?",
      "Make a memo from these notes for my colleagues.",
      "Convierte estas ideas sueltas en un memorando para mis colegas.",
      "Con estas notas desordenadas, hazme un documento de una página para el comité.",
      "Transforme mes idées éparses en une note structurée pour mes collègues.",
      "J'ai quelques idées sur le nouveau processus, rédige une note d'une page.",
    ],
    instructions:
      "You turn the user's loose ideas into a structured internal memo. Group related ideas, make the main point explicit, keep the user's proposals and numbers, and flag open questions instead of inventing answers. Ask who the memo is for when it is not clear.",
    infoToCollect: [
      { name: "ideas", description: "The ideas or notes to organise", required: true },
      { name: "audience", description: "Who will read the memo", required: true },
      { name: "goal", description: "What the memo should achieve (inform, propose, decide)", required: false },
    ],
    outputKind: "memo",
    outputTitleFormat: "Memo: <the main point in under ten words>",
    outputBodyFormat:
      "Markdown: **To / From / Date** lines, **Summary** (2–3 sentences with the main point), **Context**, **Proposals** (numbered, each with rationale), **Open questions**, **Next steps**.",
    followUpActions: [],
    enabled: true,
    extractTodos: false,
    qualityCheck: false,
  },
];
