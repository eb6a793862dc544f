import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SuppressionEntry } from '../../../../shared/ipc';
import { errorMessage } from '../../api/client';
import { useAction, useInvoke } from '../../api/hooks';
import { formatDateTime, formatNumber } from '../../format';
import { Button, ConfirmDialog, EmptyState, Field } from '../../ui';
import { useComposerDefaults } from '../../composer/defaults';
import page from '../../composer/sending.module.css';

// The account's opt-out (suppression) list: numbers that replied STOP (or SAIR, PARAR…) join it by
// themselves, people add and remove numbers by hand. Every newsletter, campaign and send leaves them out.

const PAGE = 50;

export function OptOutList() {
  const { t, i18n } = useTranslation();
  const defaults = useComposerDefaults();
  const zone = useInvoke('settings:get').data?.settings.timeZone ?? null;
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [typed, setTyped] = useState('');
  const [removing, setRemoving] = useState<SuppressionEntry | null>(null);
  const query = { ...(search.trim() ? { search: search.trim() } : {}), offset, limit: PAGE };
  const list = useInvoke('optouts:list', query);
  const add = useAction('optouts:add');
  const remove = useAction('optouts:remove');
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const lang = i18n.language;
  // Where the numbers came from, counted over what is listed (the whole list when it fits one page).
  const fromReplies = rows.filter((r) => r.source === 'reply').length;
  const byHand = rows.length - fromReplies;
  const typedNumbers = typed
    .split(/[\n,;]+/)
    .map((n) => n.trim())
    .filter(Boolean);

  return (
    <section aria-labelledby="page-title" className={page.panel} data-testid="opt-outs">
      <p className="muted small">{t('campaigns.optOuts.intro')}</p>
      {list.data ? (
        <p data-testid="opt-out-counts">
          <strong>
            {t(search.trim() ? 'campaigns.optOuts.found' : 'campaigns.optOuts.total', {
              count: total,
              formatted: formatNumber(total, lang),
            })}
          </strong>
          {rows.length > 0 && rows.length === total
            ? ` · ${t('campaigns.optOuts.bySource', { replies: formatNumber(fromReplies, lang), manual: formatNumber(byHand, lang) })}`
            : ''}
        </p>
      ) : null}
      <form
        className={page.inline}
        aria-label={t('campaigns.optOuts.add')}
        onSubmit={(event) => {
          event.preventDefault();
          if (typedNumbers.length === 0) return;
          add.mutate(
            { phones: typedNumbers.slice(0, 1_000), country: defaults.country },
            {
              onSuccess: (answer) => {
                // Keep only what could not be read, so the person can fix it.
                setTyped(answer.invalid.join('\n'));
                void list.refetch();
              },
            },
          );
        }}
      >
        <Field label={t('campaigns.optOuts.addNumbers')} hint={t('campaigns.optOuts.addHint', { country: defaults.country })}>
          {(control) => <textarea {...control} className={page.textareaSmall} value={typed} onChange={(e) => setTyped(e.target.value)} />}
        </Field>
        <Button type="submit" disabled={add.isPending || typedNumbers.length === 0}>
          {t('campaigns.optOuts.add')}
        </Button>
      </form>
      {add.data ? (
        <p role="status" className={add.data.invalid.length > 0 ? 'warn-text' : page.ok} data-testid="opt-out-added">
          {t('campaigns.optOuts.added', { count: add.data.added })}
          {add.data.invalid.length > 0 ? ` ${t('campaigns.optOuts.invalid', { numbers: add.data.invalid.join(', ') })}` : ''}
        </p>
      ) : null}
      {add.error ? (
        <p role="alert" className="error">
          {errorMessage(add.error)}
        </p>
      ) : null}
      <Field label={t('campaigns.optOuts.search')}>
        {(control) => (
          <input
            {...control}
            type="search"
            maxLength={40}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setOffset(0);
            }}
          />
        )}
      </Field>
      {list.error ? (
        <p role="alert" className="error">
          {errorMessage(list.error)}
        </p>
      ) : null}
      {list.data && rows.length === 0 ? (
        <EmptyState>{t(search.trim() ? 'campaigns.optOuts.noMatch' : 'campaigns.optOuts.empty')}</EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <table className={page.preview} aria-label={t('campaigns.optOuts.title')}>
          <thead>
            <tr>
              <th scope="col">{t('campaigns.optOuts.number')}</th>
              <th scope="col">{t('campaigns.optOuts.source')}</th>
              <th scope="col">{t('campaigns.optOuts.since')}</th>
              <th scope="col" className={page.srHolder}>
                <span className={page.srOnly}>{t('campaigns.optOuts.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.phone} data-testid="opt-out-row">
                <td>{row.phone}</td>
                <td>
                  {row.source === 'reply' ? (
                    <span className="pill warn">
                      {row.keyword
                        ? t('campaigns.optOuts.replied', { keyword: row.keyword.toUpperCase() })
                        : t('campaigns.optOuts.repliedAny')}
                    </span>
                  ) : (
                    <span className={`pill ${page.badge}`}>{t('campaigns.optOuts.manual')}</span>
                  )}
                </td>
                <td>{formatDateTime(new Date(row.addedAt).toISOString(), lang, zone)}</td>
                <td>
                  <Button onClick={() => setRemoving(row)} aria-label={t('campaigns.optOuts.removeOne', { phone: row.phone })}>
                    {t('campaigns.optOuts.remove')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {total > PAGE ? (
        <div className={page.actions}>
          <span className="muted small">
            {t('campaigns.optOuts.range', {
              from: formatNumber(offset + 1, lang),
              until: formatNumber(Math.min(offset + PAGE, total), lang),
              total: formatNumber(total, lang),
            })}
          </span>
          <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('campaigns.optOuts.previous')}
          </Button>
          <Button disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            {t('campaigns.optOuts.next')}
          </Button>
        </div>
      ) : null}
      {remove.error ? (
        <p role="alert" className="error">
          {errorMessage(remove.error)}
        </p>
      ) : null}
      {removing ? (
        <ConfirmDialog
          title={t('campaigns.optOuts.removeTitle', { phone: removing.phone })}
          confirm={t('campaigns.optOuts.removeConfirm')}
          busy={remove.isPending}
          onCancel={() => setRemoving(null)}
          onConfirm={() =>
            remove.mutate(
              { phones: [removing.phone] },
              {
                onSuccess: () => {
                  setRemoving(null);
                  void list.refetch();
                },
              },
            )
          }
        >
          <p>{removing.source === 'reply' ? t('campaigns.optOuts.removeReplied') : t('campaigns.optOuts.removeManual')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
