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
}

export interface DeliverableView {
  id: string;
  kind: string;
  task: TaskRef | null;
  versions: DeliverableVersionView[];
}
