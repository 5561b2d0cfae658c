"use client";

import type { ButtonProps } from "./button";
import { Button } from "./button";
import { Tooltip } from "./tooltip";

/**
 * A button that shows only an icon: its label is its accessible name and its tooltip, so nobody has to
 * guess what a glyph means.
 */
export function IconButton({
  label,
  variant = "ghost",
  tooltipSide,
  ...props
}: ButtonProps & { label: string; tooltipSide?: "top" | "bottom" | "left" | "right" }) {
  return (
    <Tooltip content={label} side={tooltipSide}>
      <Button variant={variant} size="icon" aria-label={label} {...props} />
    </Tooltip>
  );
}
