import type { LucideIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

interface Props {
  icon: LucideIcon;
  code?: string;
  heading: string;
  body: string;
  action: { href: string; label: string };
}

/** Not found, forbidden: what happened, in a sentence, and the way back. */
export function StatusPage({ icon: Icon, code, heading, body, action }: Props) {
  return (
    <div className="flex h-full min-h-[60dvh] items-center justify-center px-4 py-10">
      <div className="flex w-full max-w-md flex-col items-center text-center">
        <span className="inline-flex size-12 items-center justify-center rounded-full bg-accent text-accent-foreground">
          <Icon aria-hidden="true" className="size-6" />
        </span>
        {code && <p className="mt-4 text-sm font-semibold tracking-wide text-muted-foreground">{code}</p>}
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">{heading}</h1>
        <p className="mt-2 text-sm text-muted-foreground">{body}</p>
        <Button asChild className="mt-6">
          <Link href={action.href}>{action.label}</Link>
        </Button>
      </div>
    </div>
  );
}
