import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreflightView } from '../../../../shared/ipc';
import type { Translate } from '../../../../shared/i18n';
import { useInvoke } from '../../api/hooks';
import { formatNumber } from '../../format';
import styles from './ContactsPage.module.css';

export type TargetMode = 'existing' | 'byId' | 'new';
export interface Target {
  mode: TargetMode;
  /** mode existing: a registry tag. */
  tagId: number | null;
  /** mode byId: what the user typed. */
  byId: string;
  byIdTitle: string;
  /** mode new. */
  newTitle: string;
  /** Landlines cannot receive SMS: off unless the user asks. */
  includeLandlines: boolean;
  /** Rows whose consent column says no (off by default). */
  includeNoConsent: boolean;
  /** The user chose the mode (so the default no longer follows the registry). */
  touched: boolean;
}

export function useTarget() {
  const [value, setValue] = useState<Target>({
    mode: 'new',
    tagId: null,
    byId: '',
    byIdTitle: '',
    newTitle: '',
    includeLandlines: false,
    includeNoConsent: false,
    touched: false,
  });
  const update = useCallback((patch: Partial<Target>) => setValue((current) => ({ ...current, ...patch })), []);
  return { value, update };
}

/** What is missing before an import can start, in the user's words; null when the target is complete. */
export function targetProblem(target: Target, t: Translate): string | null {
  if (target.mode === 'existing') return target.tagId === null ? t('contacts.target.needTag') : null;
  if (target.mode === 'byId') {
    if (!/^\d{1,10}$/.test(target.byId.trim()) || Number(target.byId) < 1) return t('contacts.target.needId');
    return target.byIdTitle.trim() === '' ? t('contacts.target.needTitle') : null;
  }
  return target.newTitle.trim() === '' ? t('contacts.target.needTitle') : null;
}

const MODES: readonly TargetMode[] = ['existing', 'byId', 'new'];

/** Into which tag: one from the registry, one created elsewhere (by id), or a new one; and the landlines. */
export function TargetChooser({
  target,
  view,
  busy,
  onTagChange,
}: {
  target: ReturnType<typeof useTarget>;
  view: Extract<PreflightView, { ok: true }>;
  busy: boolean;
  /** The registry tag the rows should be checked against ("already in the tag"), or null. */
  onTagChange: (tagId: number | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const tags = useInvoke('contacts:tags');
  const { value, update } = target;
  const hasTags = (tags.data?.length ?? 0) > 0;
  // With tags in the registry, adding to one of them is the usual case.
  useEffect(() => {
    if (!value.touched && hasTags && value.mode === 'new') update({ mode: 'existing' });
  }, [hasTags, value.touched, value.mode, update]);
  const choose = (mode: TargetMode) => {
    update({ mode, touched: true });
    onTagChange(mode === 'existing' ? value.tagId : null);
  };
  return (
    <section className={styles.panel} aria-labelledby="target-title">
      <h3 id="target-title" className={styles.panelTitle}>
        {t('contacts.target.title')}
      </h3>
      <div className={styles.targets} role="radiogroup" aria-labelledby="target-title">
        {MODES.map((mode) => (
          <label key={mode} className="check">
            <input
              type="radio"
              name="import-target"
              value={mode}
              checked={value.mode === mode}
              onChange={() => choose(mode)}
              disabled={mode === 'existing' && !hasTags}
            />
            {t(`contacts.target.${mode}`)}
          </label>
        ))}
      </div>
      <div className={styles.targetFields}>
        {value.mode === 'existing' ? (
          <label>
            {t('contacts.target.chooseTag')}
            <select
              value={value.tagId ?? ''}
              disabled={busy}
              onChange={(event) => {
                const tagId = event.target.value === '' ? null : Number(event.target.value);
                update({ tagId, touched: true });
                onTagChange(tagId);
              }}
            >
              <option value="">{t('contacts.target.pickOne')}</option>
              {(tags.data ?? []).map((tag) => (
                <option key={tag.id} value={tag.id}>
                  {`${tag.title} (${t('contacts.tags.count', { count: tag.contacts })})`}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {value.mode === 'byId' ? (
          <>
            <label>
              {t('contacts.tags.id')}
              <input type="text" inputMode="numeric" value={value.byId} onChange={(event) => update({ byId: event.target.value })} />
            </label>
            <label>
              {t('contacts.tags.name')}
              <input type="text" maxLength={100} value={value.byIdTitle} onChange={(event) => update({ byIdTitle: event.target.value })} />
            </label>
          </>
        ) : null}
        {value.mode === 'new' ? (
          <label>
            {t('contacts.target.newTitle')}
            <input
              type="text"
              maxLength={100}
              value={value.newTitle}
              placeholder={t('contacts.target.newTitlePlaceholder')}
              onChange={(event) => update({ newTitle: event.target.value })}
            />
          </label>
        ) : null}
      </div>
      <label className="check">
        <input type="checkbox" checked={value.includeLandlines} onChange={(event) => update({ includeLandlines: event.target.checked })} />
        {t('contacts.target.includeLandlines', {
          count: view.counts.landlines,
          formatted: formatNumber(view.counts.landlines, i18n.language),
        })}
      </label>
      <p className="hint">{t('contacts.target.includeLandlinesHint')}</p>
      {view.counts.noConsent > 0 ? (
        <>
          <label className="check">
            <input
              type="checkbox"
              checked={value.includeNoConsent}
              onChange={(event) => update({ includeNoConsent: event.target.checked })}
              data-testid="include-no-consent"
            />
            {t('contacts.target.includeNoConsent', { count: view.counts.noConsent })}
          </label>
          <p className="hint">{t('contacts.target.includeNoConsentHint', { column: consentColumn(view) })}</p>
        </>
      ) : null}
    </section>
  );
}

/** The consent column's header, as the file names it. */
function consentColumn(view: Extract<PreflightView, { ok: true }>): string {
  const column = view.file.mapping.consent?.column;
  return column === undefined ? '' : (view.file.header?.[column] ?? String(column + 1));
}
