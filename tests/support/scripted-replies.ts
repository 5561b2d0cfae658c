import type { ScriptedReply } from "./model-server";

/**
 * Router replies that must be used are delayed this long, so the speculative executor request reaches
 * the scripted server first and takes its reply from the queue in the order the test wrote.
 */
export const ROUTER_DELAY_MS = 150;

/** The fast model's answer naming a task (or "none"). */
export const routerSays = (task: string, extra: Partial<ScriptedReply> = {}): ScriptedReply => ({
  text: JSON.stringify({ task }),
  delayMs: ROUTER_DELAY_MS,
  ...extra,
});

/** An executor answer that writes a deliverable. */
export const withDeliverable = (title: string, body: string, before = "Here it is.") => `${before}\n<deliverable title="${title}">\n${body}\n</deliverable>`;

/** A speculative answer that must never reach the user: long and slow, still streaming when discarded. */
export const speculativeDiscard = (label: string): ScriptedReply => ({
  text: `SPECULATIVE-DISCARD ${label} `.repeat(12),
  chunkDelayMs: 40,
  chunkSize: 6,
});

// issue 15 (todos-check): the fast model's structured answers after a deliverable, each queued under its
// schema's name (see ScriptedModelServer): models.script(ACTION_ITEMS, actionItemsSay([...]))

/** The fast slot's queue for to-do extraction, and for the quality check. */
export const ACTION_ITEMS = "scripted-fast#action_items";
export const QUALITY_CHECK = "scripted-fast#quality_check";

/** The fast model's action items for a deliverable's to-dos. */
export const actionItemsSay = (items: { what: string; owner: string | null; due: string | null }[]): ScriptedReply => ({ text: JSON.stringify({ items }) });

/** The fast model's quality check of a deliverable. */
export const qualityCheckSays = (pass: boolean, missing: string[] = []): ScriptedReply => ({ text: JSON.stringify({ pass, missing }) });
