import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, StepIndicator } from '../ui';
import { WhyDisabled } from './WhyDisabled';
import styles from './composer.module.css';

// A composer in short numbered steps (recipients → message → when and phones → review): an indicator people
// click back through, the step's heading (focused each time a step opens, so keyboard and screen-reader users
// land on it), the step, and Back / Next with the reason Next cannot be pressed yet, in words beside it.
// Every step keeps its state in the composer, so going back and forth loses nothing.

export interface StepsProps {
  /** The steps' names, in order ("Recipients", "Message", "When and phones", "Review"). */
  labels: readonly string[];
  /** The open step, from 0. */
  current: number;
  onGo: (step: number) => void;
  /** Whether the indicator may open a later step (every step before it is complete). Earlier steps always open. */
  canOpen: (step: number) => boolean;
  /** The open step's heading. */
  title: string;
  headingId?: string;
  children: ReactNode;
  /**
   * Next (on the last step: its send button, with its own label), with why it cannot be pressed yet (null when
   * it can). While `busy` its label says what is happening. Omitted when nothing can be done from this step
   * (the step itself says why and offers what can).
   */
  next?: { reason: string | null; onNext: () => void; label?: string; busy?: boolean };
  testId?: string;
}

export function Steps({ labels, current, onGo, canOpen, title, headingId, children, next, testId }: StepsProps) {
  const { t } = useTranslation();
  const id = useId();
  const heading = headingId ?? `${id}-heading`;
  const whyId = `${id}-why`;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    // Not when the screen first shows (the page's own heading leads then); on every step change after.
    if (opened.current) headingRef.current?.focus();
    opened.current = true;
  }, [current]);
  return (
    <div className={styles.steps} data-testid={testId} data-step={current + 1}>
      {/* The open step is where the user already is: pressing it asks nothing again (the review would). */}
      <StepIndicator
        look="line"
        label={t('composer.steps.label')}
        steps={labels}
        current={current}
        canOpen={canOpen}
        onGo={(step) => {
          if (step !== current) onGo(step);
        }}
      />
      <section className={styles.step} aria-labelledby={heading}>
        <h3 id={heading} tabIndex={-1} ref={headingRef} className={styles.stepHeading}>
          <span className={styles.position}>{t('composer.steps.position', { n: current + 1, total: labels.length })}</span> {title}
        </h3>
        {children}
      </section>
      <div className={styles.stepActions}>
        {current > 0 ? <Button onClick={() => onGo(current - 1)}>{t('composer.back')}</Button> : null}
        <span className={styles.grow} />
        {next ? (
          <>
            <WhyDisabled id={whyId} reason={next.reason} />
            <Button
              variant="primary"
              disabled={next.reason !== null || next.busy}
              aria-describedby={next.reason ? whyId : undefined}
              onClick={next.onNext}
            >
              {next.label ?? t('composer.next')}
            </Button>
          </>
        ) : null}
      </div>
    </div>
  );
}
