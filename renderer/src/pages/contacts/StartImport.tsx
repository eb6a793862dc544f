import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importableCount, type FieldChoiceView, type PreflightView } from '../../../../shared/ipc';
import { errorMessage } from '../../api/client';
import { useAction } from '../../api/hooks';
import { firstReason, WhyDisabled } from '../../composer/WhyDisabled';
import { Button } from '../../ui';
import { targetProblem, type Target } from './TargetChooser';
import type { SetContactsParams } from './params';
import styles from './ContactsPage.module.css';

type ReadyView = Extract<PreflightView, { ok: true }>;

/** The last step's button: "Import N contacts" (N is what will be imported), disabled with its reason beside it. */
export function StartImport({
  view,
  target,
  keepFields,
  fields,
  setParams,
}: {
  view: ReadyView;
  target: Target;
  keepFields: number[];
  fields: readonly FieldChoiceView[];
  setParams: SetContactsParams;
}) {
  const { t } = useTranslation();
  const start = useAction('contacts:import', { writes: 'jobs:changed' });
  const addTag = useAction('contacts:addTag');
  const [tried, setTried] = useState(false);
  // What will be imported: no-consent landlines only when landlines are included too (as main's plan does).
  const count = importableCount(view.counts, target);
  const reading = view.state !== 'complete';
  const busy = start.isPending || addTag.isPending;
  const missing = targetProblem(target, t);
  const why = firstReason([
    [reading, t('contacts.start.waitReading')],
    [count === 0, t('contacts.start.nothing')],
    [missing !== null, missing ?? ''],
  ]);
  const go = async () => {
    setTried(true);
    if (why || busy) return;
    try {
      let tagId: number | null = null;
      if (target.mode === 'existing') tagId = target.tagId;
      if (target.mode === 'byId') tagId = (await addTag.mutateAsync({ id: Number(target.byId), title: target.byIdTitle.trim() })).id;
      const job = await start.mutateAsync({
        preflightId: view.preflightId,
        target: tagId !== null ? { tagId } : { newTag: target.newTitle.trim() },
        includeLandlines: target.includeLandlines,
        includeNoConsent: target.includeNoConsent,
        ...(fields.length > 0 ? { keepFields } : {}),
      });
      setParams({ job: job.id, file: undefined, preflight: undefined, show: 'all', step: undefined });
    } catch {
      // shown below from the mutation's error
    }
  };
  const error = addTag.error ?? start.error;
  const kept = fields.filter((f) => keepFields.includes(f.column));
  return (
    <div className={styles.start}>
      {fields.length > 0 ? (
        <p className="muted small" data-testid="start-fields">
          {kept.length > 0
            ? t('contacts.start.fields', { count: kept.length, fields: kept.map((f) => `${f.header} {${f.key}}`).join(', ') })
            : t('contacts.start.noFields')}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      ) : null}
      <Button
        variant="primary"
        className={styles.startButton}
        onClick={() => void go()}
        aria-disabled={why !== null || busy}
        disabled={reading || busy}
        aria-describedby={why ? 'start-why' : undefined}
      >
        {start.isPending ? t('contacts.start.starting') : t('contacts.start.button', { count })}
      </Button>
      {tried && why && !reading ? (
        <p role="alert" className="error" id="start-why" data-testid="why-disabled">
          {why}
        </p>
      ) : (
        <WhyDisabled id="start-why" reason={why} />
      )}
    </div>
  );
}
