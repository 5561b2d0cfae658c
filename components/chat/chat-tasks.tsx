"use client";

import { createContext, useContext } from "react";
import type { LocalizedTask, TaskRef } from "@/lib/chat/types";

const ChatTasks = createContext<LocalizedTask[]>([]);

/** The enabled tasks in the reader's language, for every part of the chat that names a task. */
export const ChatTasksProvider = ChatTasks.Provider;

export function useChatTasks(): LocalizedTask[] {
  return useContext(ChatTasks);
}

/**
 * A task reference (from a routing event, a conversation or a deliverable) as the reader should see it:
 * the enabled task's localized name, else the name stored with the reference (a deleted task).
 */
export function useTaskName(): (task: TaskRef) => string {
  const tasks = useChatTasks();
  return (task) => tasks.find((t) => t.slug === task.slug)?.name ?? task.name;
}
