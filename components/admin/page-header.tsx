import { type ReactNode, useId } from "react";

/** The head of every admin page: its title, one line on what it is for, and its main actions on the right. */
export function PageHeader({ title, description, actions }: { title: ReactNode; description: ReactNode; actions?: ReactNode }) {
  return (
    <header className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight text-balance">{title}</h1>
        <p className="mt-1 max-w-3xl text-sm text-muted-foreground text-pretty">{description}</p>
      </div>
      {actions && <div className="flex shrink-0 flex-wrap gap-2">{actions}</div>}
    </header>
  );
}

/** What a list shows when it has nothing yet: what will appear here, and how it gets here. */
export function EmptyState({ icon, title, children, action }: { icon: ReactNode; title: ReactNode; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-xl border border-dashed border-input px-6 py-10 text-center">
      <span className="flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground [&_svg]:size-5" aria-hidden="true">
        {icon}
      </span>
      <p className="text-base font-semibold">{title}</p>
      <p className="max-w-md text-sm text-muted-foreground text-pretty">{children}</p>
      {action && <div className="mt-2">{action}</div>}
    </div>
  );
}

/** The head of a section of an admin page: its title (the id labels the section) and one line on it. */
export function SectionHeading({ id, title, description }: { id: string; title: ReactNode; description: ReactNode }) {
  return (
    <div>
      <h2 id={id} className="text-base font-semibold">
        {title}
      </h2>
      <p className="mt-0.5 text-sm text-muted-foreground">{description}</p>
    </div>
  );
}

/** A framed part of an admin form or page, labelled by its heading. */
export function Section({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="flex flex-col gap-4 rounded-xl border border-border p-4 sm:p-5">
      <SectionHeading id={id} title={title} description={description} />
      {children}
    </section>
  );
}
