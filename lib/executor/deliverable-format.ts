// The executor writes a deliverable inside <deliverable title="...">…</deliverable> in its answer.
// A marked block works with every model (no tool-calling needed) and can be split while streaming.

export const DELIVERABLE_OPEN = "<deliverable";
export const DELIVERABLE_CLOSE = "</deliverable>";

export type AnswerSegment = { kind: "text"; text: string } | { kind: "deliverable"; title: string; body: string; complete: boolean };

const OPEN_TAG = /<deliverable(?:\s+title\s*=\s*"([^"]*)")?\s*>/i;

/** Splits an answer (finished or still streaming) into prose and deliverable blocks. */
export function splitAnswer(text: string): AnswerSegment[] {
  const segments: AnswerSegment[] = [];
  let rest = text;
  while (rest.length) {
    const open = OPEN_TAG.exec(rest);
    if (!open) {
      // hold back an opening tag that is still arriving (its title can be long) so it never flashes as text
      const partial = rest.toLowerCase().lastIndexOf("<");
      const tail = partial >= 0 ? rest.slice(partial).toLowerCase() : "";
      const arriving = tail.length > 0 && !tail.includes(">") && (DELIVERABLE_OPEN.startsWith(tail) || tail.startsWith(DELIVERABLE_OPEN));
      const prose = arriving ? rest.slice(0, partial) : rest;
      if (prose.trim()) segments.push({ kind: "text", text: prose });
      break;
    }
    const before = rest.slice(0, open.index);
    if (before.trim()) segments.push({ kind: "text", text: before });
    const afterOpen = rest.slice(open.index + open[0].length);
    const close = afterOpen.toLowerCase().indexOf(DELIVERABLE_CLOSE);
    const body = close >= 0 ? afterOpen.slice(0, close) : withoutArrivingClose(afterOpen);
    segments.push({ kind: "deliverable", title: (open[1] ?? "").trim(), body: body.trim(), complete: close >= 0 });
    rest = close >= 0 ? afterOpen.slice(close + DELIVERABLE_CLOSE.length) : "";
  }
  return segments;
}

/** A body still streaming may end in part of the closing tag ("</deliv"); that part is not content. */
function withoutArrivingClose(body: string): string {
  const partial = body.lastIndexOf("<");
  return partial >= 0 && DELIVERABLE_CLOSE.startsWith(body.slice(partial).toLowerCase()) ? body.slice(0, partial) : body;
}

/** The last complete deliverable of an answer, if it has one. */
export function finalDeliverable(text: string): { title: string; body: string } | null {
  const blocks = splitAnswer(text).filter((s) => s.kind === "deliverable" && s.complete && s.body);
  const last = blocks.at(-1) as Extract<AnswerSegment, { kind: "deliverable" }> | undefined;
  return last ? { title: last.title || "Untitled", body: last.body } : null;
}

/**
 * The answer as later prompts see it: deliverable blocks are replaced by a reference, because the
 * latest version (whoever wrote it) is given to the model separately.
 */
export function answerForHistory(text: string): string {
  return splitAnswer(text)
    .map((s) =>
      s.kind === "text"
        ? s.text.trim()
        : s.complete
          ? `[wrote the deliverable "${s.title || "Untitled"}"]`
          : `[started the deliverable "${s.title || "Untitled"}" but did not finish it]`,
    )
    .join("\n\n");
}
