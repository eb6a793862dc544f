import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CampaignPreview } from '../../../../../shared/ipc';
import { errorMessage } from '../../../api/client';
import { useAction, useInvoke } from '../../../api/hooks';
import { OptedOutPeople } from '../../../composer/OptedOutPeople';
import page from '../../../composer/sending.module.css';
import { Button, Field } from '../../../ui';
import type { CampaignDraft } from './useCampaignDraft';

/** Step 1: a tag (or the tags a newsletter handed over) or a CSV file, and what main counts in it. */
export function RecipientsStep({ d }: { d: CampaignDraft }) {
  const { t } = useTranslation();
  const tags = useInvoke('contacts:tags');
  const pickFile = useAction('campaigns:pickFile');
  const tagTitle = (id: number) => tags.data?.find((tag) => tag.id === id)?.title ?? `#${id}`;
  return (
    <div className={page.stack}>
      <fieldset className={page.choices}>
        <legend>{t('campaigns.bulk.recipients')}</legend>
        <label className="check">
          <input type="radio" name="source" checked={d.sourceKind === 'tag'} onChange={() => d.setSourceKind('tag')} />
          {t('campaigns.bulk.fromTag')}
        </label>
        <label className="check">
          <input type="radio" name="source" checked={d.sourceKind === 'file'} onChange={() => d.setSourceKind('file')} />
          {t('campaigns.bulk.fromFile')}
        </label>
      </fieldset>
      {d.sourceKind === 'tag' && d.tagIds ? (
        <div className={page.inline} data-testid="prefilled-tags">
          <p>
            {t(d.tagIds.length === 1 ? 'sending.placeholder.prefilledTag' : 'sending.placeholder.prefilledTags', {
              tags: d.tagIds.map(tagTitle).join(', '),
            })}
          </p>
          <Button onClick={() => d.setTagIds(null)}>{t('sending.placeholder.otherTags')}</Button>
        </div>
      ) : d.sourceKind === 'tag' ? (
        <>
          <Field label={t('campaigns.bulk.tag')}>
            {(control) => (
              <select {...control} value={d.tagId ?? ''} onChange={(e) => d.setTagId(e.target.value ? Number(e.target.value) : null)}>
                <option value="">—</option>
                {(tags.data ?? []).map((tag) => (
                  <option key={tag.id} value={tag.id}>
                    {t('campaigns.newsletters.tagOption', { title: tag.title, count: tag.contacts })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {tags.data?.length === 0 ? <NoTags /> : null}
        </>
      ) : (
        <div className={page.inline}>
          <p className="muted">{d.file ? t('campaigns.bulk.file', { name: d.file.name }) : ''}</p>
          <Button
            onClick={() =>
              pickFile.mutate(undefined, { onSuccess: (picked) => picked && d.setFile({ fileId: picked.fileId, name: picked.name }) })
            }
          >
            {t('campaigns.bulk.pickFile')}
          </Button>
        </div>
      )}
      {pickFile.error ? (
        <p role="alert" className="error">
          {errorMessage(pickFile.error)}
        </p>
      ) : null}
      {d.preview.error ? (
        <p role="alert" className="error">
          {errorMessage(d.preview.error)}
        </p>
      ) : null}
      {d.shown && d.source ? <SourceFigures preview={d.shown} /> : null}
    </div>
  );
}

/** No tag yet: where tags come from, one click away. */
export function NoTags() {
  const { t } = useTranslation();
  return (
    <p className="muted small" data-testid="no-tags">
      {t('composer.noTags')} <Link to="/contacts">{t('composer.noTagsLink')}</Link>
    </p>
  );
}

/** How many of the list will get a message, and who is left out and why. */
function SourceFigures({ preview: p }: { preview: CampaignPreview }) {
  const { t } = useTranslation();
  const skipped = p.skipped.invalid + p.skipped.duplicates + p.skipped.landlines;
  return (
    <ul className={page.figures} data-testid="source-figures">
      <li>{t('campaigns.summary.recipients', { count: p.recipients })}</li>
      {p.suppressed > 0 ? <li className="muted">{t('campaigns.summary.suppressed', { count: p.suppressed })}</li> : null}
      {skipped > 0 ? (
        <li className="muted">
          {t('campaigns.bulk.fileProblems', {
            count: skipped,
            // Each reason named here: this flow has no row-by-row preview to point to.
            reasons: [
              p.skipped.invalid > 0 ? t('campaigns.bulk.leftOutInvalid', { count: p.skipped.invalid }) : null,
              p.skipped.duplicates > 0 ? t('campaigns.bulk.leftOutDuplicates', { count: p.skipped.duplicates }) : null,
              p.skipped.landlines > 0 ? t('campaigns.bulk.leftOutLandlines', { count: p.skipped.landlines }) : null,
            ]
              .filter(Boolean)
              .join(', '),
          })}
        </li>
      ) : null}
      {p.suppressed > 0 ? (
        <li className={page.people}>
          <OptedOutPeople people={p.optedOut ?? []} total={p.suppressed} />
        </li>
      ) : null}
    </ul>
  );
}
