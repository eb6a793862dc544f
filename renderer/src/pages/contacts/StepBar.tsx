import { useTranslation } from 'react-i18next';
import { useFocusOnAppear } from '../../composer/focus';
import { Button, StepIndicator } from '../../ui';
import { IMPORT_STEPS, type ImportStep } from './params';
import styles from './ContactsPage.module.css';

// The import's numbered steps (file → columns → problem rows → tag and import): the bar saying where the user is
// (ui/StepIndicator, as the composers' steps; those after the file open once a file is read), and each step's
// heading, focused when it opens.

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
    <StepIndicator
      look="bar"
      label={t('contacts.steps.label')}
      steps={IMPORT_STEPS.map((step) => t(`contacts.steps.${step}`))}
      current={IMPORT_STEPS.indexOf(current)}
      canOpen={() => reachable}
      onGo={(index) => onStep(IMPORT_STEPS[index]!)}
      aside={fileName}
    />
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
