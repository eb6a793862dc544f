import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SendRef, SendResults } from '../../../../../shared/ipc';
import { durationText, measuredText, resultsHeadline, shareText } from '../../../../../shared/results-words';
import { errorMessage } from '../../../api/client';
import { useAction, useInvoke } from '../../../api/hooks';
import { formatDateTime, formatNumber } from '../../../format';
import { Button } from '../../../ui';
import styles from './results.module.css';

// How a campaign (or a newsletter) did, on one page a shop owner can read, print or save as PDF: the headline
// sentence first, then the figures, the failures by reason, the latest replies and what exactly is measured.
// The print stylesheet (results.module.css, styles.css) leaves the app's frame and the buttons out.

const RUNNING_REFRESH_MS = 10_000;

type WordedFailure = 8 | 9 | 10 | 11 | 12 | 100 | 101;
const isWorded = (code: number): code is WordedFailure => [8, 9, 10, 11, 12, 100, 101].includes(code);

export function CampaignResults({ send, onBack }: { send: SendRef; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const results = useInvoke('results:get', send, {
    refetchInterval: (query) => (query.state.data?.phase === 'finished' ? false : RUNNING_REFRESH_MS),
  });
  const savePdf = useAction('results:savePdf');
  const r = results.data;
  return (
    <article className={styles.results} aria-labelledby="results-title" data-testid="campaign-results" data-phase={r?.phase}>
      <div className={`${styles.toolbar} ${styles.noPrint}`}>
        <Button onClick={onBack}>← {t(send.kind === 'campaign' ? 'results.back' : 'results.backNewsletters')}</Button>
        <span className={styles.spacer} />
        {savePdf.data?.saved ? (
          <span className={styles.ok} role="status">
            {t('results.savedPdf', { file: savePdf.data.name ?? '' })}
          </span>
        ) : null}
        {savePdf.error ? (
          <span role="alert" className="error">
            {errorMessage(savePdf.error)}
          </span>
        ) : null}
        <Button onClick={() => window.print()} disabled={!r}>
          {t('results.print')}
        </Button>
        <Button variant="primary" onClick={() => savePdf.mutate(send)} disabled={!r || savePdf.isPending}>
          {t('results.savePdf')}
        </Button>
      </div>
      {results.error ? (
        <p role="alert" className="error">
          {errorMessage(results.error)}
        </p>
      ) : null}
      {!r && !results.error ? <p>{t('common.loading')}</p> : null}
      {r ? <ResultsBody r={r} language={i18n.language} /> : null}
    </article>
  );
}

function ResultsBody({ r, language }: { r: SendResults; language: string }) {
  const { t } = useTranslation();
  const zone = useInvoke('settings:get').data?.settings.timeZone ?? null;
  const when = (ms: number) => formatDateTime(new Date(ms).toISOString(), language, zone);
  const n = (value: number) => formatNumber(value, language);
  return (
    <>
      <header className={styles.header}>
        <p className={styles.kind}>{t(r.kind === 'campaign' ? 'results.kindCampaign' : 'results.kindNewsletter')}</p>
        <h2 id="results-title">{t('results.title', { title: r.title })}</h2>
        <p className="muted">
          {r.sentFrom === null ? t('results.notSentYet') : t('results.sentOn', { when: when(r.sentFrom) })} ·{' '}
          <span data-testid="results-phase">{t(r.phase === 'finished' ? 'results.finished' : 'results.running')}</span>
        </p>
      </header>
      <p className={styles.headline} data-testid="results-headline">
        {resultsHeadline(r, t, language)}
      </p>
      <ShareBar r={r} />
      <ul className={styles.cards} aria-label={t('results.openLong')}>
        <Card label={t('results.figures.delivered')} value={n(r.delivered)} tone="good" testId="figure-delivered">
          {t('results.figures.ofRecipients', { count: r.recipients })}
          {r.deliveredShare === null ? '' : ` (${shareText(r.deliveredShare, language)})`}
        </Card>
        <Card label={t('results.figures.failed')} value={n(r.failed)} tone={r.failed > 0 ? 'bad' : undefined} testId="figure-failed" />
        <Card label={t('results.figures.pending')} value={n(r.pending.total)} testId="figure-pending">
          {[
            r.pending.waiting > 0 ? t('results.figures.waiting', { count: r.pending.waiting }) : null,
            r.pending.sentNoReport > 0 ? t('results.figures.sentNoReport', { count: r.pending.sentNoReport }) : null,
            r.pending.notListed > 0 ? t('results.figures.notListed', { count: r.pending.notListed }) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Card>
        <Card label={t('results.figures.replies')} value={n(r.replies.messages)} testId="figure-replies">
          {t('results.figures.customers', { count: r.replies.customers })}
        </Card>
        <Card label={t('results.figures.optOuts')} value={n(r.optOuts.count)} testId="figure-opt-outs">
          {t('results.figures.optOutsNote')}
        </Card>
        <Card label={t('results.figures.segments')} value={n(r.segments.sent)} testId="figure-segments">
          {r.segments.planned === null
            ? t('results.figures.segmentsNote')
            : t('results.figures.segmentsPlanned', { count: r.segments.planned })}
        </Card>
        <Card
          label={t('results.figures.time')}
          value={r.createdToSent ? durationText(r.createdToSent.median, t) : '—'}
          testId="figure-time"
        >
          {r.createdToSent ? t('results.figures.p90', { p90: durationText(r.createdToSent.p90, t) }) : t('results.figures.timeNone')}
        </Card>
      </ul>
      <div className={styles.columns}>
        <section aria-labelledby="results-failures">
          <h3 id="results-failures">{t('results.failures.title')}</h3>
          {r.failures.length === 0 ? (
            <p className="muted">{t('results.failures.none')}</p>
          ) : (
            <table className={styles.table} data-testid="results-failures">
              <thead>
                <tr>
                  <th scope="col">{t('results.failures.reason')}</th>
                  <th scope="col" className={styles.number}>
                    {t('results.failures.messages')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.failures.map((f) => (
                  <tr key={f.code}>
                    <td>
                      <span className={styles.reason}>{t(f.titleKey as 'failures.8.title')}</span>
                      {isWorded(f.code) ? <span className={styles.todo}>{t(`failures.${f.code}.todo`)}</span> : null}
                    </td>
                    <td className={styles.number}>{n(f.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="results-replies">
          <h3 id="results-replies">{t('results.replies.title')}</h3>
          {r.replies.latest.length === 0 ? (
            <p className="muted">{t('results.replies.none')}</p>
          ) : (
            <table className={styles.table} data-testid="results-replies">
              <thead>
                <tr>
                  <th scope="col">{t('results.replies.who')}</th>
                  <th scope="col">{t('results.replies.text')}</th>
                  <th scope="col">{t('results.replies.when')}</th>
                </tr>
              </thead>
              <tbody>
                {r.replies.latest.map((reply) => (
                  <tr key={`${reply.key}:${reply.at}:${reply.body}`}>
                    <td>
                      <Link to={`/inbox?c=${encodeURIComponent(reply.key)}`} title={t('results.replies.openInbox')}>
                        {reply.name ?? reply.phone}
                      </Link>
                      {reply.optOut ? <span className={`pill bad ${styles.pill}`}>{t('results.replies.optedOut')}</span> : null}
                    </td>
                    <td className={styles.reply}>{reply.body}</td>
                    <td className={styles.when}>{when(reply.at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      <section aria-labelledby="results-measured" className={styles.measured}>
        <h3 id="results-measured">{t('results.measured.title')}</h3>
        {measuredText(r, t).map((line) => (
          <p key={line}>{line}</p>
        ))}
        <p className="muted small">
          {t('results.measured.asOf', { when: when(r.computedAt) })}{' '}
          {r.historySyncedAt === null ? t('results.measured.neverSynced') : t('results.measured.synced', { when: when(r.historySyncedAt) })}
        </p>
      </section>
    </>
  );
}

function Card({
  label,
  value,
  tone,
  testId,
  children,
}: {
  label: string;
  value: string;
  tone?: 'good' | 'bad' | undefined;
  testId: string;
  children?: React.ReactNode;
}) {
  return (
    <li className={styles.card} data-testid={testId}>
      <span className={styles.cardLabel}>{label}</span>
      <span className={`${styles.cardValue} ${tone ? styles[tone] : ''}`}>{value}</span>
      {children ? <span className={styles.cardNote}>{children}</span> : null}
    </li>
  );
}

/** Delivered, failed and still on their way as one bar (SVG: the CSP allows no inline styles). */
function ShareBar({ r }: { r: SendResults }) {
  const total = Math.max(r.recipients, 1);
  const parts = [
    { key: 'good', value: r.delivered },
    { key: 'bad', value: r.failed },
    { key: 'pending', value: r.pending.total },
  ];
  let x = 0;
  return (
    <svg className={styles.bar} viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">
      {parts.map((p) => {
        const width = (p.value / total) * 100;
        const rect = p.value > 0 ? <rect key={p.key} x={x} y="0" width={width} height="4" className={styles[`bar-${p.key}`]} /> : null;
        x += width;
        return rect;
      })}
    </svg>
  );
}
