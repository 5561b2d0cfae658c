"use client";

import { Check, ChevronDown } from "lucide-react";
import { Select as SelectPrimitive } from "radix-ui";
import type { ReactNode } from "react";
import { cn } from "./cn";

interface Option {
  value: string;
  label: ReactNode;
}

interface Props {
  value: string;
  onValueChange(value: string): void;
  options: Option[];
  /** the accessible name, when no visible label points at the trigger */
  "aria-label"?: string;
  id?: string;
  className?: string;
  disabled?: boolean;
  /** submits the value with a form, like a native select */
  name?: string;
  "aria-invalid"?: boolean;
  /** shown while no option is chosen (value "") */
  placeholder?: ReactNode;
}

/** A styled single choice (Radix Select): keyboard, typeahead and screen readers behave like a native select. */
export function Select({ value, onValueChange, options, className, name, placeholder, ...trigger }: Props) {
  return (
    <SelectPrimitive.Root value={value} onValueChange={onValueChange} name={name}>
      <SelectPrimitive.Trigger
        className={cn(
          "inline-flex min-h-11 w-full min-w-0 items-center justify-between gap-2 rounded-lg border border-input bg-background px-3 text-left text-base pointer-fine:min-h-9 sm:text-sm disabled:opacity-50 aria-[invalid=true]:border-destructive [&>span]:truncate",
          className,
        )}
        {...trigger}
      >
        <SelectPrimitive.Value placeholder={placeholder} />
        <SelectPrimitive.Icon>
          <ChevronDown className="size-4 opacity-60" />
        </SelectPrimitive.Icon>
      </SelectPrimitive.Trigger>
      <SelectPrimitive.Portal>
        <SelectPrimitive.Content
          position="popper"
          sideOffset={4}
          className="z-50 max-h-[min(20rem,var(--radix-select-content-available-height))] min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-xl border border-border bg-popover p-1 shadow-lg"
        >
          <SelectPrimitive.Viewport>
            {options.map((option) => (
              <SelectPrimitive.Item
                key={option.value}
                value={option.value}
                className="relative flex min-h-11 cursor-default select-none items-center rounded-md pl-8 pr-2 text-sm outline-none data-[highlighted]:bg-muted pointer-fine:min-h-8"
              >
                <SelectPrimitive.ItemIndicator className="absolute left-2 inline-flex">
                  <Check className="size-4" />
                </SelectPrimitive.ItemIndicator>
                <SelectPrimitive.ItemText>{option.label}</SelectPrimitive.ItemText>
              </SelectPrimitive.Item>
            ))}
          </SelectPrimitive.Viewport>
        </SelectPrimitive.Content>
      </SelectPrimitive.Portal>
    </SelectPrimitive.Root>
  );
}
