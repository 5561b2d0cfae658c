import { type ClassValue, clsx } from "clsx";
import { twMerge } from "tailwind-merge";

/** Joins class names; a later Tailwind class wins over an earlier one of the same kind (p-2 then p-4 → p-4). */
export function cn(...classes: ClassValue[]): string {
  return twMerge(clsx(classes));
}
