import { describe, expect, it } from "vitest";
import { likelyDuplicates } from "@/lib/tasks/duplicates";
import { placeholdersIn } from "@/lib/tasks/placeholders";
import { seedTasks } from "@/lib/tasks/seed-tasks";

const existing = seedTasks.map((task, index) => ({ ...task, id: `task-${index}` }));
const reasons = (task: { slug: string; name: string; translations?: unknown }) =>
  likelyDuplicates({ translations: {}, ...task }, existing).map((d) => [d.slug, d.reason]);

describe("likely duplicates of an imported task", () => {
  it("are tasks with the same or a similar name or slug, in any interface language", () => {
    expect(reasons({ slug: "follow-up_email", name: "Follow-up email" })).toEqual([["follow-up-email", "sameName"]]);
    expect(reasons({ slug: "send_recap", name: "FOLLOW UP E-MAIL!" })).toEqual([["follow-up-email", "similarName"]]);
    expect(reasons({ slug: "send_recap", name: "  Follow-Up  EMAIL! " })).toEqual([["follow-up-email", "sameName"]]);
    // a French name that is the built-in task's French translation
    expect(reasons({ slug: "email_suivi", name: "E-mail de suivi" })).toEqual([["follow-up-email", "sameName"]]);
    expect(reasons({ slug: "prepare_meeting_minutes", name: "Meeting Recap" })).toEqual([["meeting-minutes", "similarSlug"]]);
    expect(reasons({ slug: "minutes", name: "Meeting minutes for the board" })).toEqual([["meeting-minutes", "similarName"]]);
  });

  it("are not the task the import updates (same slug), nor tasks about something else", () => {
    expect(reasons({ slug: "meeting-minutes", name: "Meeting minutes" })).toEqual([]);
    expect(reasons({ slug: "weekly_status_update", name: "Weekly status update" })).toEqual([]);
    expect(reasons({ slug: "customer_interview_notes", name: "Customer interview notes" })).toEqual([]);
  });
});

describe("template text in a file", () => {
  it("is a value that is only a placeholder; slots inside real text are formats", () => {
    expect(
      placeholdersIn({
        name_for_user: "<USER TASK NAME>",
        icon: " <ICON EMOJI> ",
        infos: [{ info_name: "{{info}}", description: "[Describe it]" }],
        title: "Minutes – <meeting title> – <date>",
        body: "Sign off with [Your name].",
        count: 3,
      }),
    ).toEqual([
      { field: "name_for_user", text: "<USER TASK NAME>" },
      { field: "icon", text: "<ICON EMOJI>" },
      { field: "infos.0.info_name", text: "{{info}}" },
      { field: "infos.0.description", text: "[Describe it]" },
    ]);
  });
});
