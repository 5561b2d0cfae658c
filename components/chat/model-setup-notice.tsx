import type { SlotStatus } from "@/lib/ai";

type SlotView = Omit<SlotStatus, "problem"> & { problem: string | null };

/** Says exactly what to set when a model slot cannot be used, instead of failing on the first message. */
export function ModelSetupNotice({ slots }: { slots: SlotView[] }) {
  const broken = slots.filter((s) => s.problem);
  if (!broken.length) return null;
  return (
    <div role="status" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <p className="font-medium">The assistant cannot answer yet: a model needs to be configured.</p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {broken.map((s) => (
          <li key={s.slot}>
            <strong>{s.slot === "best" ? "Best" : "Fast"} model</strong>
            {s.spec ? ` (${s.spec.provider}:${s.spec.model})` : ""}: {s.problem}
          </li>
        ))}
      </ul>
      <p className="mt-2">Set the variables in the environment (or a <code>.env</code> file) and restart the app. The README lists every setting.</p>
    </div>
  );
}
