import type { ReactNode } from 'react';
import styles from './StepIndicator.module.css';

// The numbered steps of a flow, for every screen that has them (a contacts import; the campaign, newsletter and
// single-send composers): where the user is, the steps they may open as buttons, the others as words.

interface StepIndicatorProps {
  /** The navigation's name, as screen readers say it ("Import steps", "Steps"). */
  label: string;
  /** The steps' names, in order. */
  steps: readonly string[];
  /** The open step, from 0: marked as the current step. */
  current: number;
  /** Whether a step after the open one may be opened; earlier steps always may. */
  canOpen: (step: number) => boolean;
  onGo: (step: number) => void;
  /**
   * 'bar': pills numbered "1. File" in a bar with `aside` at its end (the import, beside its file's name);
   * 'line': links numbered "1 Recipients" on one line above a composer's step.
   */
  look: 'bar' | 'line';
  aside?: ReactNode;
}

export function StepIndicator({ label, steps, current, canOpen, onGo, look, aside }: StepIndicatorProps) {
  return (
    <nav className={look === 'bar' ? styles.bar : styles.line} aria-label={label}>
      <ol className={styles.steps}>
        {steps.map((name, step) => {
          const text = look === 'bar' ? `${step + 1}. ${name}` : `${step + 1} ${name}`;
          return (
            <li key={name}>
              {step === current || step < current || canOpen(step) ? (
                <button
                  type="button"
                  className={styles.step}
                  aria-current={step === current ? 'step' : undefined}
                  onClick={() => onGo(step)}
                >
                  {text}
                </button>
              ) : (
                <span className={styles.later}>{text}</span>
              )}
            </li>
          );
        })}
      </ol>
      {aside ? <span className={styles.aside}>{aside}</span> : null}
    </nav>
  );
}
