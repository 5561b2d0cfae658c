import { cva, type VariantProps } from "class-variance-authority";
import { AlertTriangle, CheckCircle2, Info, XCircle } from "lucide-react";
import type { HTMLAttributes } from "react";
import { cn } from "./cn";

const noticeVariants = cva("flex gap-3 rounded-xl border p-3 text-sm [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:shrink-0", {
  variants: {
    tone: {
      info: "border-border bg-surface text-foreground",
      warning: "border-warning-border bg-warning-surface text-warning-text",
      danger: "border-transparent bg-danger-surface text-danger-text",
      success: "border-transparent bg-success-surface text-success-text",
    },
  },
  defaultVariants: { tone: "info" },
});

const icons = { info: Info, warning: AlertTriangle, danger: XCircle, success: CheckCircle2 };

/** A message in the flow of the page: errors (role alert), warnings and confirmations (role status). */
export function Notice({ tone = "info", className, children, ...props }: HTMLAttributes<HTMLDivElement> & VariantProps<typeof noticeVariants>) {
  const Icon = icons[tone ?? "info"];
  return (
    <div role={tone === "danger" ? "alert" : "status"} className={cn(noticeVariants({ tone }), className)} {...props}>
      <Icon aria-hidden="true" />
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
