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
}

export type VersionCheckName = "passed" | "revised" | "failed_after_revision" | "error";

export interface DeliverableView {
  id: string;
  kind: string;
  task: TaskRef | null;
  versions: DeliverableVersionView[];
}
