// Task descriptions are usually written in English while users also write in Spanish and French, and
// the shortlist matches words. These common workplace words are added to a query in English, so a
// Spanish or French request still finds its task. Keys are lower-case without accents.
const GLOSSARY: Record<string, string> = {
  // Spanish
  acta: "minutes meeting", actas: "minutes meeting", reunion: "meeting", reuniones: "meetings", junta: "meeting",
  correo: "email", correos: "email", email: "email", mail: "email", seguimiento: "follow-up follow", respuesta: "reply",
  informe: "report", informes: "report", reporte: "report", estado: "status", avance: "progress status", proyecto: "project",
  memo: "memo", memorandum: "memo", nota: "note memo", notas: "notes", ideas: "ideas", propuesta: "proposal", resumen: "summary",
  presupuesto: "budget", gastos: "expenses expense", gasto: "expense", factura: "invoice", facturas: "invoices", reembolso: "reimbursement expense",
  agenda: "agenda", orden: "agenda order", dia: "day", entrevista: "interview", entrevistas: "interviews", cliente: "customer client",
  clientes: "customers clients", candidato: "candidate", puesto: "job position role", empleo: "job", vacante: "job opening",
  oferta: "offer job", descripcion: "description", publicacion: "post", linkedin: "linkedin", contrato: "contract",
  plan: "plan", planificacion: "planning plan", objetivos: "goals objectives", riesgos: "risks", decisiones: "decisions",
  tareas: "tasks actions", participantes: "participants attendees", asistentes: "attendees", equipo: "team", jefe: "manager boss",
  direccion: "management", ventas: "sales", contratacion: "hiring", formacion: "training", incidente: "incident", soporte: "support",
  // French
  compte: "report minutes", rendu: "report minutes", proces: "minutes", verbal: "minutes", courriel: "email", relance: "follow-up",
  suivi: "follow-up status", rapport: "report", avancement: "progress status", projet: "project", note: "note memo", idees: "ideas",
  proposition: "proposal", frais: "expenses", depenses: "expenses", ordre: "agenda", jour: "day", entretien: "interview",
  poste: "job position", emploi: "job", offre: "offer job", contrat: "contract", equipe: "team", embauche: "hiring",
};

const fold = (word: string) => word.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

/** The text followed by the English words for the Spanish and French workplace words it contains. */
export function expandQuery(text: string): string {
  const extra = new Set<string>();
  for (const word of text.match(/[\p{L}]+/gu) ?? []) {
    const english = GLOSSARY[fold(word)];
    if (english) extra.add(english);
  }
  return extra.size ? `${text} ${[...extra].join(" ")}` : text;
}
