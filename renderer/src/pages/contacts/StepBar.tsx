import { useTranslation } from 'react-i18next';
import { useFocusOnAppear } from '../../composer/focus';
import { Button } from '../../ui';
import { IMPORT_STEPS, type ImportStep } from './params';
import styles from './ContactsPage.module.css';

// The import's numbered steps (file → columns → problem rows → tag and import): a bar saying where the user is
// (steps after the file can be opened once a file is read), and each step's heading, focused when it opens.

export function StepBar({
  current,
  reachable,
  onStep,
  fileName,
}: {
  current: ImportStep;
  reachable: boolean;
  onStep: (step: ImportStep) => void;
  fileName: string | null;
}) {
  const { t } = useTranslation();
  return (
    <nav className={styles.stepBar} aria-label={t('contacts.steps.label')}>
      <ol className={styles.steps}>
        {IMPORT_STEPS.map((step, index) => {
          const label = `${index + 1}. ${t(`contacts.steps.${step}`)}`;
          const open = step === 'file' || reachable;
          return (
            <li key={step} className={step === current ? styles.stepCurrent : undefined}>
              {open ? (
                <button
                  type="button"
                  className={styles.stepButton}
                  aria-current={step === current ? 'step' : undefined}
                  onClick={() => onStep(step)}
                >
                  {label}
                </button>
              ) : (
                <span className={styles.stepLater}>{label}</span>
              )}
            </li>
          );
        })}
      </ol>
      {fileName ? <span className={styles.stepFile}>{fileName}</span> : null}
    </nav>
  );
}

/** The step's heading: focused when the step opens, so keyboard and screen-reader users start there. */
export function StepHeading({ step, children }: { step: ImportStep; children?: React.ReactNode }) {
  const { t } = useTranslation();
  const ref = useFocusOnAppear<HTMLHeadingElement>(step);
  return (
    <div className={styles.stepHead}>
      <h2 ref={ref} tabIndex={-1} className={styles.stepTitle} data-testid="step-title">
        {t(`contacts.steps.${step}Title`)}
      </h2>
      {children}
    </div>
  );
}

/** Back and next, at the end of a step. */
export function StepNav({
  back,
  next,
  onStep,
  children,
}: {
  back?: ImportStep;
  next?: ImportStep;
  onStep: (step: ImportStep) => void;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className={styles.stepNav}>
      {back ? <Button onClick={() => onStep(back)}>{t('contacts.steps.back', { step: t(`contacts.steps.${back}`) })}</Button> : null}
      {children}
      {next ? (
        <Button variant="primary" onClick={() => onStep(next)}>
          {t('contacts.steps.next', { step: t(`contacts.steps.${next}`) })}
        </Button>
      ) : null}
    </div>
  );
}
