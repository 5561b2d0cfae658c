// To-dos as the browser shows them. No server-only imports here (types only).

export interface TodoView {
  id: string;
  what: string;
  owner: string | null;
  /** YYYY-MM-DD */
  due: string | null;
  done: boolean;
  edited: boolean;
  createdAt: string;
  /** where it came from */
  source: { conversationId: string; conversationTitle: string; deliverableId: string; title: string; version: number | null };
}
