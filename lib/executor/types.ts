// Deliverables as the browser shows them. No server-only imports here (types only).
import type { TaskRef } from "@/lib/tasks/schema";

export interface DeliverableVersionView {
  deliverableId: string;
  versionId: string;
  version: number;
  title: string;
  body: string;
  author: "model" | "user";
  createdAt: string;
  /** what the task's quality check found (issue 15); null: not checked */
  check: VersionCheckName | null;
  /** what the check found missing */
  checkNotes: string[];
  /** names of the knowledge documents the model was given for this version (issue 16) */
  knowledgeSources?: string[];
  /** email deliverables: the times this version was sent (lib/actions/send), oldest first */
  sends?: EmailSendView[];
  /** the deliverable's kind (the task's output kind), on a version streamed live in a turn */
  kind?: string;
}

/** One accepted send of an email deliverable's version. */
export interface EmailSendView {
  id: string;
  to: string[];
  cc: string[];
  subject: string;
  messageId: string;
  sentAt: string;
}

export type VersionCheckName = "passed" | "revised" | "failed_after_revision" | "error";

export interface DeliverableView {
  id: string;
  kind: string;
  task: TaskRef | null;
  versions: DeliverableVersionView[];
}
