import { z } from "zod";
import { MAX_MESSAGE_CHARS } from "../types";

/** One user message, as every channel hands it to the turn. */
export const chatRequestSchema = z
  .object({
    conversationId: z.string().min(1).max(64),
    messageId: z.string().min(1).max(128),
    text: z.string().trim().min(1, "fields.messageEmpty").max(MAX_MESSAGE_CHARS, "fields.messageTooLong"),
    taskSlug: z.string().max(64).optional(),
    /** a follow-up action's button (the text is its label): starts the action's task from this deliverable version */
    action: z.object({ versionId: z.string().min(1).max(64), targetSlug: z.string().min(1).max(64) }).optional(),
  })
  .refine((request) => !(request.action && request.taskSlug), { path: ["action"], message: "fields.actionWithTask" });
export type ChatRequest = z.infer<typeof chatRequestSchema>;
