import { useTranslation } from 'react-i18next';
import type { CampaignPreview } from '../../../shared/ipc';

/**
 * Before anything is sent: how many recipients a placeholder leaves empty, and who ({cidade} is empty for Bia,
 * Caio…), so the user can fill them in first (Contacts → edit) or send with that part blank.
 */
export function BlankValues({ preview }: { preview: Pick<CampaignPreview, 'rowsWithBlanks' | 'blanksByPlaceholder' | 'blankRows'> }) {
  const { t } = useTranslation();
  if (preview.rowsWithBlanks === 0) return null;
  const by = Object.entries(preview.blanksByPlaceholder ?? {});
  const rows = preview.blankRows ?? [];
  return (
    <div className="notice small" data-testid="blank-values">
      <p>{t('campaigns.bulk.blank', { count: preview.rowsWithBlanks })}</p>
      {by.length > 0 ? (
        <ul>
          {by.map(([placeholder, count]) => {
            const who = rows.filter((r) => r.blanks.includes(placeholder)).map((r) => r.name || r.phone);
            const more = count - who.length;
            return (
              <li key={placeholder}>
                {t('campaigns.bulk.blankWhich', {
                  count,
                  placeholder: `{${placeholder}}`,
                  names: who.join(', ') + (more > 0 ? ` ${t('campaigns.bulk.blankMore', { count: more })}` : ''),
                })}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
