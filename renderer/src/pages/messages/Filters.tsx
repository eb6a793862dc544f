import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_STATUS_CODES, SIM_SLOTS, type SimSlot } from '../../../../shared/domain';
import { STATUS_GROUPS } from '../../../../shared/ipc';
import { useInvoke } from '../../api/hooks';
import { Button } from '../../ui';
import { useMediaQuery } from '../../ui/useMediaQuery';
import { channelName, groupOf, statusWords, usePhoneNames } from './common';
import { FILTER_KEYS, hasFilter, type MessagesParams, type SetMessagesParams } from './params';
import styles from './MessagesPage.module.css';

// Every filter the API has, applied by main over the mirror. Each change goes into the URL at once; typed
// fields after a short pause, so the list does not re-query on every key.

const TYPING_MS = 300;
/**
 * A small window or a large zoom (683×384 is 1366×768 at 200 %): the filters take one line, the text search and
 * one disclosure holding the rest, so the first rows of the list stay in view.
 */
export const COMPACT_FILTERS = '(max-width: 760px), (max-height: 480px)';

/** A text field whose value reaches the URL after the user pauses; a URL change (Clear) resets it. */
function useTyped(value: string | undefined, commit: (next: string | undefined) => void): [string, (next: string) => void] {
  const [draft, setDraft] = useState(value ?? '');
  const committed = useRef(value ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if ((value ?? '') !== committed.current) {
      committed.current = value ?? '';
      setDraft(value ?? '');
    }
  }, [value]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const change = (next: string) => {
    setDraft(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      committed.current = next.trim();
      commit(next.trim() === '' ? undefined : next.trim());
    }, TYPING_MS);
  };
  return [draft, change];
}

export function Filters({ params, setParams }: { params: MessagesParams; setParams: SetMessagesParams }) {
  const { t } = useTranslation();
  const snapshot = useInvoke('devices:snapshot');
  const phoneName = usePhoneNames(t);
  const deviceIds = [...new Set([...(snapshot.data?.devices ?? []).map((view) => view.device.id), ...params.device])];
  const [text, setText] = useTyped(params.q, (q) => setParams({ q }));
  const [phone, setPhone] = useTyped(params.phone, (value) => setParams({ phone: value }));
  const [customer, setCustomer] = useTyped(params.customer === undefined ? undefined : String(params.customer), (value) =>
    setParams({ customer: value }),
  );
  // Newsletters and campaigns by name, from the registry; an id or range from a link that the registry does not
  // know stays selectable, so the URL is never silently dropped.
  const newsletters = useInvoke('newsletters:list');
  const campaigns = useInvoke('campaigns:list');
  const campaignRanges = (campaigns.data ?? []).map((c) => ({ value: `${c.customerIds.first}-${c.customerIds.last}`, title: c.title }));
  const badRange = params.from !== undefined && params.to !== undefined && params.from > params.to;
  const toggleStatus = (value: (typeof params.status)[number], on: boolean) =>
    setParams({ status: on ? [...params.status, value] : params.status.filter((g) => g !== value) });
  const pickedCodes = params.status.filter((s) => typeof s === 'number').length;
  const compact = useMediaQuery(COMPACT_FILTERS);
  const basics = (
    <>
      <label>
        {t('messages.filters.number')}
        <input
          type="search"
          inputMode="tel"
          value={phone}
          onChange={(event) => setPhone(event.target.value)}
          maxLength={40}
          placeholder={t('messages.filters.numberHint')}
        />
      </label>
      <fieldset className={styles.groups}>
        <legend>{t('messages.filters.status')}</legend>
        {STATUS_GROUPS.map((group) => (
          <label key={group} className={styles.chip}>
            <input
              type="checkbox"
              checked={params.status.includes(group)}
              onChange={(event) => toggleStatus(group, event.target.checked)}
            />
            <span>{t(`messages.groups.${group}`)}</span>
          </label>
        ))}
      </fieldset>
    </>
  );
  const groupsSet = params.status.some((s) => typeof s === 'string');
  const moreSet =
    (compact ? [params.phone !== undefined, groupsSet].filter(Boolean).length : 0) +
    [
      params.device.length > 0,
      params.sim.length > 0,
      params.from,
      params.to,
      params.customer !== undefined,
      params.newsletter !== undefined,
      params.customers,
    ].filter(Boolean).length +
    (pickedCodes > 0 ? 1 : 0);

  return (
    <form
      className={`${styles.filters} ${compact ? styles.compact : ''}`}
      role="search"
      aria-label={t('messages.filters.legend')}
      onSubmit={(event) => event.preventDefault()}
    >
      <label className={styles.wide}>
        {t('messages.filters.text')}
        <input type="search" value={text} onChange={(event) => setText(event.target.value)} maxLength={200} />
      </label>
      {compact ? null : basics}
      {/* The filters used less often wait behind one line (open when one of them is set). */}
      {/* Compact: closed until asked (its line says how many are in use), so the list stays in view. */}
      <details className={`${styles.more} ${compact ? '' : styles.full}`} open={!compact && moreSet > 0} data-testid="more-filters">
        <summary>
          {compact
            ? moreSet > 0
              ? t('messages.filters.compactPicked', { count: moreSet })
              : t('messages.filters.compact')
            : moreSet > 0
              ? t('messages.filters.morePicked', { count: moreSet })
              : t('messages.filters.more')}
        </summary>
        {compact ? <div className={styles.compactBasics}>{basics}</div> : null}
        <div className={styles.moreFields}>
          <label>
            {t('messages.filters.phone')}
            <select
              value={params.device[0] === undefined ? '' : String(params.device[0])}
              onChange={(event) => setParams({ device: event.target.value ? [Number(event.target.value)] : [] })}
            >
              <option value="">{t('messages.filters.anyPhone')}</option>
              {deviceIds.map((id) => (
                <option key={id} value={id}>
                  {phoneName(id)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('messages.filters.channel')}
            <select
              value={params.sim[0] === undefined ? '' : String(params.sim[0])}
              onChange={(event) => setParams({ sim: event.target.value ? [Number(event.target.value)] : [] })}
            >
              <option value="">{t('messages.filters.anyChannel')}</option>
              {SIM_SLOTS.map((slot: SimSlot) => (
                <option key={slot} value={slot}>
                  {channelName(t, slot)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('messages.filters.from')}
            <input type="date" value={params.from ?? ''} onChange={(event) => setParams({ from: event.target.value || undefined })} />
          </label>
          <label>
            {t('messages.filters.to')}
            <input
              type="date"
              value={params.to ?? ''}
              onChange={(event) => setParams({ to: event.target.value || undefined })}
              aria-invalid={badRange}
            />
          </label>
          <label>
            {t('messages.filters.customerId')}
            <input
              type="text"
              inputMode="numeric"
              pattern="[0-9]*"
              value={customer}
              onChange={(event) => setCustomer(event.target.value.replace(/\D+/g, ''))}
              maxLength={16}
            />
          </label>
          <label>
            {t('messages.filters.newsletter')}
            <select
              value={params.newsletter === undefined ? '' : String(params.newsletter)}
              onChange={(event) => setParams({ newsletter: event.target.value || undefined })}
            >
              <option value="">{t('messages.filters.anyNewsletter')}</option>
              {(newsletters.data ?? []).map((n) => (
                <option key={n.paketId} value={n.paketId}>
                  {n.title}
                </option>
              ))}
              {params.newsletter !== undefined && !(newsletters.data ?? []).some((n) => n.paketId === params.newsletter) ? (
                <option value={params.newsletter}>{t('messages.filters.newsletterId', { id: params.newsletter })}</option>
              ) : null}
            </select>
          </label>
          <label>
            {t('messages.filters.campaign')}
            <select value={params.customers ?? ''} onChange={(event) => setParams({ customers: event.target.value || undefined })}>
              <option value="">{t('messages.filters.anyCampaign')}</option>
              {campaignRanges.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.title}
                </option>
              ))}
              {params.customers && !campaignRanges.some((c) => c.value === params.customers) ? (
                <option value={params.customers}>{params.customers.replace('-', ' – ')}</option>
              ) : null}
            </select>
          </label>
          {/* Each status by its name, under its group; the URL keeps the codes (?status=8). */}
          <details className={`${styles.byName} ${styles.full}`} open={pickedCodes > 0} data-testid="status-by-name">
            <summary>{pickedCodes > 0 ? t('messages.filters.byNamePicked', { count: pickedCodes }) : t('messages.filters.byName')}</summary>
            <div className={styles.byNameGroups}>
              {STATUS_GROUPS.map((group) => {
                const codes = MESSAGE_STATUS_CODES.filter((code) => groupOf(code) === group);
                return codes.length === 0 ? null : (
                  <fieldset key={group} className={styles.byNameGroup}>
                    <legend>{t(`messages.groups.${group}`)}</legend>
                    {codes.map((code) => (
                      <label key={code} className={styles.check}>
                        <input
                          type="checkbox"
                          checked={params.status.includes(code)}
                          onChange={(event) => toggleStatus(code, event.target.checked)}
                        />
                        <span>
                          {statusWords(t, code).title} <span className="muted">({code})</span>
                        </span>
                      </label>
                    ))}
                  </fieldset>
                );
              })}
            </div>
          </details>
        </div>
      </details>
      {badRange ? (
        <p role="alert" className={`error ${styles.full}`}>
          {t('messages.filters.badRange')}
        </p>
      ) : null}
      {hasFilter(params) ? (
        <div className={styles.clear}>
          <Button onClick={() => setParams(Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined])))}>
            {t('messages.filters.clear')}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
