import { useTranslation } from 'react-i18next';
import type { FailureGroupView } from '../../../shared/ipc';
import type { FailureWords } from '../../../shared/failure-words';
import styles from './progress.module.css';

type FailureCode = keyof FailureWords['failures'];
const isWorded = (code: number): code is FailureCode => [8, 9, 10, 11, 12, 100, 101].includes(code);

/** Failures grouped by the gateway's status code, each with what happened and what to do, in plain words. */
export function FailureGroups({ groups }: { groups: readonly FailureGroupView[] }) {
  const { t } = useTranslation();
  if (groups.length === 0) return <p className="muted">{t('campaigns.failures.none')}</p>;
  return (
    <ul className={styles.failures} data-testid="failure-groups">
      {groups.map((group) => {
        const code = group.code;
        const title = isWorded(code) ? t(`failures.${code}.title`) : String(code);
        return (
          <li key={code} className={styles.failure} data-code={code} data-kind={group.kind}>
            <h4>{t('campaigns.failures.group', { title, count: group.count, code })}</h4>
            {isWorded(code) ? (
              <dl className="facts">
                <dt>{t('campaigns.failures.whatLabel')}</dt>
                <dd>{t(`failures.${code}.what`)}</dd>
                <dt>{t('campaigns.failures.todoLabel')}</dt>
                <dd>{t(`failures.${code}.todo`)}</dd>
              </dl>
            ) : null}
            {group.sample.length > 0 ? (
              <p className="muted small">
                {group.sample.join(', ')}
                {group.count > group.sample.length ? ' …' : ''}
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
