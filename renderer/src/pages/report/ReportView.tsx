import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ReportLine, ReportView as ReportData } from '../../../../shared/ipc';
import { STATUS_GROUPS } from '../../../../shared/ipc';
import { errorMessage } from '../../api/client';
import { useInvoke } from '../../api/hooks';
import { formatNumber } from '../../format';
import { EmptyState, Segmented } from '../../ui';
import { usePhoneNames, useTimeZone } from '../messages/common';
import { dayEnd, dayStart, localDay, type MessagesParams, type SetMessagesParams } from '../messages/params';
import { ReportChart } from './ReportChart';
import styles from './ReportPage.module.css';

// The report: delivered / failed / waiting over a chosen range of local days, all together or one chart
// per phone or per channel, with the delivery rate, the median time to send and to deliver (as seen live). Counted by main over the
// mirror; hours for a range of up to two days, days beyond.

const DEFAULT_DAYS = 7;
const HOURLY_UP_TO_DAYS = 2;

/** The range's local days, both included; a reversed range is read as its two ends swapped. */
export function reportRange(
  params: MessagesParams,
  timeZone: string,
  now = Date.now(),
): { from: string; to: string; bucket: 'hour' | 'day' } {
  let from = params.rfrom ?? localDay(timeZone, DEFAULT_DAYS - 1, now);
  let to = params.rto ?? localDay(timeZone, 0, now);
  if (from > to) [from, to] = [to, from];
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  return { from, to, bucket: days <= HOURLY_UP_TO_DAYS ? 'hour' : 'day' };
}

/** Adds the lines up into one ("all together"). */
function sumLines(lines: readonly ReportLine[], buckets: number): ReportLine {
  const sum = Object.fromEntries(STATUS_GROUPS.map((g) => [g, new Array<number>(buckets).fill(0)])) as Record<
    (typeof STATUS_GROUPS)[number],
    number[]
  >;
  for (const line of lines) for (const g of STATUS_GROUPS) line[g].forEach((n, i) => (sum[g][i]! += n));
  return { key: 'all', deviceId: null, channel: null, ...sum };
}

/** "42 s", "3 min", "1.5 h": the median read at a glance. */
export function durationText(t: TFunction, ms: number, lang: string): string {
  const seconds = ms / 1000;
  if (seconds < 90) return t('messages.report.seconds', { value: formatNumber(Math.round(seconds), lang) });
  if (seconds < 90 * 60) return t('messages.report.minutes', { value: formatNumber(Math.round(seconds / 60), lang) });
  return t('messages.report.hours', { value: formatNumber(Math.round((seconds / 3600) * 10) / 10, lang) });
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export function ReportView({ params, setParams }: { params: MessagesParams; setParams: SetMessagesParams }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const timeZone = useTimeZone();
  const phoneName = usePhoneNames(t);
  const range = reportRange(params, timeZone);
  const input = {
    from: dayStart(range.from, timeZone),
    to: dayEnd(range.to, timeZone),
    bucket: range.bucket,
    by: params.by === 'channel' ? ('channel' as const) : ('phone' as const),
  };
  const report = useInvoke('messages:report', input, { placeholderData: (previous) => previous });
  const data: ReportData | undefined = report.data;
  // The live monitor reads unfinished messages every poll (never more often than every 30 s): a delivery is seen that late at most.
  const settings = useInvoke('settings:get');
  const pollMs = Math.max(30, settings.data?.settings.devicePollSeconds ?? 30) * 1_000;

  const lines = useMemo(() => {
    if (!data) return [];
    const buckets = Math.max(0, data.edges.length - 1);
    return params.by === 'all' ? (data.lines.length ? [sumLines(data.lines, buckets)] : []) : data.lines;
  }, [data, params.by]);
  const lineName = (line: ReportLine) =>
    line.deviceId !== null
      ? phoneName(line.deviceId)
      : line.channel !== null
        ? t(`messages.report.channels.${line.channel}`)
        : t('messages.report.all');
  // Under the axis: the day, or the hour over its day (two short lines fit more labels than one long one).
  const tickFormat = useMemo(() => {
    const day = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', timeZone });
    const hour = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', timeZone });
    return { format: (edge: number) => (range.bucket === 'hour' ? `${hour.format(edge)}\n${day.format(edge)}` : day.format(edge)) };
  }, [lang, range.bucket, timeZone]);
  // The legend says the whole bucket: its weekday and day, or its day and hour.
  const bucketFormat = useMemo(
    () =>
      new Intl.DateTimeFormat(
        lang,
        range.bucket === 'hour'
          ? { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone }
          : { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone },
      ),
    [lang, range.bucket, timeZone],
  );
  const starts = useMemo(() => (data ? data.edges.slice(0, -1) : []), [data]);
  const ticks = useMemo(() => starts.map((edge) => tickFormat.format(edge)), [starts, tickFormat]);
  const bucketLabels = useMemo(() => starts.map((edge) => bucketFormat.format(edge)), [starts, bucketFormat]);
  const chartWords = useMemo(
    () => ({
      names: { delivered: t('messages.groups.delivered'), failed: t('messages.groups.failed'), waiting: t('messages.groups.waiting') },
      rangeText: starts.length
        ? new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', timeZone }).formatRange(
            starts[0]!,
            data!.edges[data!.edges.length - 1]! - 1,
          )
        : '',
    }),
    [t, lang, timeZone, starts, data],
  );
  const count = (n: number) => formatNumber(n, lang);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });

  return (
    <div className={styles.report}>
      <p className="muted">{t('messages.report.intro')}</p>
      <form className={styles.controls} aria-label={t('messages.report.range')} onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('messages.report.from')}
          <input type="date" value={range.from} onChange={(event) => setParams({ rfrom: event.target.value || undefined })} />
        </label>
        <label>
          {t('messages.report.to')}
          <input type="date" value={range.to} onChange={(event) => setParams({ rto: event.target.value || undefined })} />
        </label>
        <Segmented
          legend={t('messages.report.by')}
          name="by"
          value={params.by}
          options={[
            { value: 'all', label: t('messages.report.byAll') },
            { value: 'phone', label: t('messages.report.byPhone') },
            { value: 'channel', label: t('messages.report.byChannel') },
          ]}
          onChange={(by) => setParams({ by })}
        />
      </form>
      {report.error ? (
        <p role="alert" className="error">
          {errorMessage(report.error)}
        </p>
      ) : null}
      {!data && !report.error ? <p>{t('common.loading')}</p> : null}
      {data ? (
        <>
          <dl className={styles.figures} data-testid="report-figures">
            <div className={styles.figure}>
              <dt>{t('messages.report.deliveryRate')}</dt>
              <dd className={styles.big}>
                {data.deliveryRate === null ? t('messages.report.noFigure') : percent.format(data.deliveryRate)}
              </dd>
              <dd className="hint">{t('messages.report.deliveryRateHint')}</dd>
            </div>
            <div className={styles.figure}>
              <dt>{t('messages.report.median')}</dt>
              <dd className={styles.big}>
                {data.medianCreatedToSentMs === null ? t('messages.report.noFigure') : durationText(t, data.medianCreatedToSentMs, lang)}
              </dd>
              <dd className="hint">{t('messages.report.medianHint')}</dd>
            </div>
            <div className={styles.figure} data-testid="report-deliver">
              <dt>{t('messages.report.medianDeliver')}</dt>
              <dd className={styles.big}>
                {data.medianSentToDeliveredMs === null
                  ? t('messages.report.noFigure')
                  : durationText(t, data.medianSentToDeliveredMs, lang)}
              </dd>
              <dd className="hint">
                {data.medianSentToDeliveredMs === null
                  ? t('messages.report.medianDeliverNone')
                  : t('messages.report.medianDeliverHint', { count: data.deliverySeenCount, poll: durationText(t, pollMs, lang) })}
              </dd>
            </div>
            <div className={styles.figure}>
              <dt>{t('messages.report.total')}</dt>
              <dd className={styles.big}>{count(sum(STATUS_GROUPS.map((g) => data.totals[g])))}</dd>
              <dd className={styles.legend}>
                <span className={styles.keyDelivered}>
                  {t('messages.groups.delivered')} {count(data.totals.delivered)}
                </span>
                <span className={styles.keyFailed}>
                  {t('messages.groups.failed')} {count(data.totals.failed)}
                </span>
                <span className={styles.keyWaiting}>
                  {t('messages.groups.waiting')} {count(data.totals.waiting)}
                </span>
              </dd>
            </div>
          </dl>
          {lines.length === 0 ? <EmptyState>{t('messages.report.empty')}</EmptyState> : null}
          <div className={styles.charts}>
            {lines.map((line) => {
              const name = lineName(line);
              return (
                <figure key={line.key} className={styles.chartBox}>
                  <figcaption className={styles.caption}>{name}</figcaption>
                  <ReportChart
                    label={t('messages.report.chartLabel', {
                      name,
                      delivered: count(sum(line.delivered)),
                      failed: count(sum(line.failed)),
                      waiting: count(sum(line.waiting)),
                      bucket: t(`messages.report.bucket.${range.bucket}`),
                    })}
                    series={line}
                    tickLabels={ticks}
                    bucketLabels={bucketLabels}
                    formatCount={count}
                    words={chartWords}
                  />
                </figure>
              );
            })}
          </div>
          {lines.length > 0 ? (
            <table className={styles.table}>
              <caption>{t('messages.report.table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('messages.report.group')}</th>
                  <th scope="col">{t('messages.groups.delivered')}</th>
                  <th scope="col">{t('messages.groups.failed')}</th>
                  <th scope="col">{t('messages.groups.waiting')}</th>
                  <th scope="col">{t('messages.groups.sent')}</th>
                  <th scope="col">{t('messages.report.deliveryRate')}</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => {
                  const delivered = sum(line.delivered);
                  const failed = sum(line.failed);
                  return (
                    <tr key={line.key}>
                      <th scope="row">{lineName(line)}</th>
                      <td>{count(delivered)}</td>
                      <td>{count(failed)}</td>
                      <td>{count(sum(line.waiting))}</td>
                      <td>{count(sum(line.sent))}</td>
                      <td>{delivered + failed === 0 ? t('messages.report.noFigure') : percent.format(delivered / (delivered + failed))}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
