"use client";

import { cva } from "class-variance-authority";
import { X } from "lucide-react";
import { Dialog as DialogPrimitive } from "radix-ui";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";
import { IconButton } from "./icon-button";

export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

const panel = cva("fixed z-50 flex flex-col bg-background text-foreground shadow-xl outline-none", {
  variants: {
    side: {
      // a centred dialog on wide screens
      center: "left-1/2 top-1/2 max-h-[90dvh] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 rounded-2xl border border-border",
      // sheets: the conversation drawer from the left, the deliverable from below on a phone
      left: "inset-y-0 left-0 w-[85%] max-w-xs border-r border-border",
      right: "inset-y-0 right-0 w-[90%] max-w-xl border-l border-border",
      bottom: "inset-x-0 bottom-0 h-[88dvh] rounded-t-2xl border-t border-border pb-[env(safe-area-inset-bottom)]",
    },
  },
  defaultVariants: { side: "center" },
});

interface ContentProps extends Omit<ComponentProps<typeof DialogPrimitive.Content>, "title"> {
  side?: "center" | "left" | "right" | "bottom";
  /** the dialog's name, read by screen readers; shown as a heading unless hideTitle */
  title: ReactNode;
  description?: ReactNode;
  hideTitle?: boolean;
  closeLabel: string;
}

/** A modal dialog or sheet: focus stays inside, Escape and the close button close it. */
export function DialogContent({ side, title, description, hideTitle, closeLabel, className, children, ...props }: ContentProps) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-black/45" />
      <DialogPrimitive.Content className={cn(panel({ side }), className)} {...(!description && { "aria-describedby": undefined })} {...props}>
        <div className={cn("flex items-start gap-2 px-4 pt-3", hideTitle && "sr-only")}>
          <div className="min-w-0 flex-1 py-1.5">
            <DialogPrimitive.Title className="text-base font-semibold">{title}</DialogPrimitive.Title>
            {description && <DialogPrimitive.Description className="mt-1 text-sm text-muted-foreground">{description}</DialogPrimitive.Description>}
          </div>
          {!hideTitle && (
            <DialogPrimitive.Close asChild>
              <IconButton label={closeLabel} tooltipSide="left">
                <X />
              </IconButton>
            </DialogPrimitive.Close>
          )}
        </div>
        {children}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}
