"use client";

import { type ReactNode, useId } from "react";

const th = "px-3 py-2 text-right font-medium whitespace-nowrap";
export const td = "px-3 py-2 text-right tabular-nums whitespace-nowrap";

/** The header cells of a table's figure columns. */
export function ColumnHeads({ labels }: { labels: ReactNode[] }) {
  return labels.map((label, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the column headings are fixed; their position is their identity
    <th key={index} scope="col" className={th}>
      {label}
    </th>
  ));
}

/** A wide table that scrolls sideways inside a region the keyboard can reach. */
export function ScrollTable({ caption, className, children }: { caption: string; className?: string; children: ReactNode }) {
  const id = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard (axe: scrollable-region-focusable)
    <section aria-labelledby={id} tabIndex={0} className={`max-w-full overflow-x-auto rounded-xl border border-border ${className ?? ""}`}>
      <table className="w-full text-sm">
        <caption id={id} className="px-3 py-2 text-left font-semibold">
          {caption}
        </caption>
        {children}
      </table>
    </section>
  );
}
