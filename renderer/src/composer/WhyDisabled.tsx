// A disabled button always says why: the first reason that holds, beside the button and as its description.

/** The first reason whose condition holds, else null (the button is enabled). */
export function firstReason(reasons: readonly (readonly [boolean, string])[]): string | null {
  return reasons.find(([holds]) => holds)?.[1] ?? null;
}

/** The reason beside a disabled button; give the button aria-describedby={id}. Renders nothing when enabled. */
export function WhyDisabled({ id, reason }: { id: string; reason: string | null }) {
  return reason ? (
    <p id={id} className="muted small" data-testid="why-disabled">
      {reason}
    </p>
  ) : null;
}
