/** A task's icon (admin data, usually one emoji) in a square; anything longer is clipped to the square. */
export function TaskIcon({ icon }: { icon: string | null | undefined }) {
  return (
    <span aria-hidden="true" className="flex size-9 shrink-0 items-center justify-center overflow-hidden whitespace-nowrap rounded-lg bg-muted text-lg">
      {icon}
    </span>
  );
}
