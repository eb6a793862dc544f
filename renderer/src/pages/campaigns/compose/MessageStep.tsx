import { useTranslation } from 'react-i18next';
import type { CampaignPreview } from '../../../../../shared/ipc';
import { OPT_OUT_FOOTERS } from '../../../../../shared/opt-out-footer';
import type { Translate } from '../../../../../shared/i18n';
import { BlankValues } from '../../../composer/BlankValues';
import { MessageField } from '../../../composer/MessageField';
import composer from '../../../composer/composer.module.css';
import page from '../../../composer/sending.module.css';
import type { CampaignDraft } from './useCampaignDraft';

/** Step 2: the template with the list's columns at hand, its length, and the first rows as they will go out. */
export function MessageStep({ d }: { d: CampaignDraft }) {
  const { t } = useTranslation();
  const longest = d.body.trim() ? d.shown?.longest : undefined;
  return (
    <div className={composer.columns}>
      <div className={page.stack}>
        <MessageField
          label={t('campaigns.bulk.template')}
          hint={t('campaigns.bulk.templateHint')}
          value={d.body}
          onChange={d.setBody}
          columns={d.shown?.columns ?? []}
          columnLabels={d.shown?.columnLabels}
          {...(longest ? { counted: { text: longest.body, count: longest.count, label: t('campaigns.counter.longest') } } : {})}
          {...(d.problems.length > 0 ? { error: d.problems.map((p) => problemText(t, p)).join(' ') } : {})}
        />
        <label className="check">
          <input type="checkbox" checked={d.footer} onChange={(e) => d.setFooter(e.target.checked)} />
          {t('campaigns.newsletters.footer', { footer: OPT_OUT_FOOTERS[d.footerLanguage] })}
        </label>
      </div>
      {/* Only rows of the text on the screen (not of a request since changed). */}
      {d.current && d.shown && d.body.trim() && d.problems.length === 0 ? <PreviewRows preview={d.shown} /> : null}
    </div>
  );
}

function problemText(t: Translate, problem: CampaignPreview['problems'][number]): string {
  const text = t('campaigns.bulk.unknownPlaceholder', { placeholder: `{${problem.placeholder}}` });
  const suggestion = problem.suggestions[0];
  return suggestion ? `${text} ${t('campaigns.bulk.didYouMean', { suggestion: `{${suggestion}}` })}` : text;
}

/** How many of the first rows the message step shows (it stays within one window). */
const SHOWN_ROWS = 3;

/** The first rows exactly as they will be sent, with each one's length. */
function PreviewRows({ preview }: { preview: CampaignPreview }) {
  const { t } = useTranslation();
  if (preview.rows.length === 0) return null;
  return (
    <section aria-labelledby="preview-title" data-testid="campaign-preview">
      <h4 id="preview-title" className={page.previewTitle}>
        {t('campaigns.bulk.preview')}
      </h4>
      <table className={page.preview}>
        <thead>
          <tr>
            <th scope="col">{t('campaigns.bulk.previewTo')}</th>
            <th scope="col">{t('campaigns.bulk.previewText')}</th>
            <th scope="col">{t('campaigns.bulk.previewLength')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.slice(0, SHOWN_ROWS).map((row) => (
            <tr key={row.index}>
              <td>
                {row.name ? <div>{row.name}</div> : null}
                <div className="muted small">{row.phone}</div>
              </td>
              <td className={page.body}>{row.body}</td>
              <td>
                {t('campaigns.counter.segments', { count: row.count.segments })}
                {row.count.encoding === 'ucs2' ? <div className="warn-text small">{t('campaigns.counter.ucs2')}</div> : null}
                {row.blanks.length > 0 ? <div className="warn-text small">{row.blanks.map((b) => `{${b}}`).join(', ')} ∅</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <BlankValues preview={preview} />
    </section>
  );
}
