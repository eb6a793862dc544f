import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { SortingState } from '@tanstack/react-table';
import type { Message } from '../../../../shared/domain';
import type { MessagePage, SortColumn } from '../../../../shared/ipc';
import { call, errorMessage } from '../../api/client';
import { useAction, useInvoke } from '../../api/hooks';
import { channelKey } from '../../api/keys';
import { useSearchParamsState } from '../../app/search-params';
import { formatDateTime } from '../../format';
import { Button, DataTable, EmptyState, type DataColumn } from '../../ui';
import { ReportView } from '../report/ReportView';
import { Filters } from './Filters';
import { MessageDetailDialog } from './MessageDetail';
import { MirrorBar } from './MirrorBar';
import { ColumnChooser, useVisibleColumns, type OptionalColumn } from './ColumnChooser';
import { usePhoneFormat } from '../inbox/useCountry';
import { GROUP_TONE, channelName, groupOf, statusWords, usePhoneNames, useTimeZone } from './common';
import { hasFilter, messagesParams, toFilter, toSort, type MessagesParams, type SetMessagesParams } from './params';
import styles from './MessagesPage.module.css';

// The Messages screen: the account's history from the mirror on this computer, every filter in the URL,
// pages read from main as the user scrolls (main sorts and filters over all rows; the table shows what
// was read), a row's details, export of what is shown, and the report as a second view.

const PAGE = 500;
/** Rows kept in the window at most; past this, narrowing the filter beats scrolling. */
const MAX_ROWS = 20_000;

export function MessagesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParamsState(messagesParams);
  const location = useLocation();
  const status = useInvoke('messages:status');
  const tab = (view: 'history' | 'report') => {
    const search = new URLSearchParams(location.search);
    if (view === 'history') search.delete('view');
    else search.set('view', view);
    const text = search.toString();
    return `${location.pathname}${text ? `?${text}` : ''}`;
  };

  return (
    <section aria-labelledby="page-title" className={styles.page}>
      <header className="page-header">
        <h1 id="page-title">{params.view === 'report' ? t('messages.report.title') : t('messages.title')}</h1>
      </header>
      <nav aria-label={t('messages.tabs.label')} className={styles.tabs}>
        <Link to={tab('history')} replace className={styles.tab} aria-current={params.view === 'history' ? 'page' : undefined}>
          {t('messages.tabs.history')}
        </Link>
        <Link to={tab('report')} replace className={styles.tab} aria-current={params.view === 'report' ? 'page' : undefined}>
          {t('messages.tabs.report')}
        </Link>
      </nav>
      {status.error ? (
        <p role="alert" className="error">
          {errorMessage(status.error)}
        </p>
      ) : null}
      {!status.data && !status.error ? <p>{t('common.loading')}</p> : null}
      {status.data && params.view === 'history' ? <History params={params} setParams={setParams} messages={status.data.messages} /> : null}
      {status.data && params.view === 'report' ? <ReportView params={params} setParams={setParams} /> : null}
    </section>
  );
}

function History({ params, setParams, messages }: { params: MessagesParams; setParams: SetMessagesParams; messages: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const timeZone = useTimeZone();
  const status = useInvoke('messages:status');
  const phoneName = usePhoneNames(t);
  const filter = useMemo(() => toFilter(params, timeZone), [params, timeZone]);
  const sort = toSort(params);
  const list = useInfiniteQuery({
    queryKey: [...channelKey('messages:list'), { filter, sort }],
    queryFn: ({ pageParam }) =>
      call('messages:list', { filter, sort, limit: PAGE, ...(pageParam ? { after: pageParam } : {}), withTotal: pageParam === null }),
    initialPageParam: null as MessagePage['nextCursor'],
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.rows) ?? [], [list.data]);
  const total = list.data?.pages[0]?.total ?? null;
  // A text or number search over a large mirror stops counting past a cap: "more than 10,000".
  const showing = list.data?.pages[0]?.totalAtLeast ? 'messages.list.showingAtLeast' : 'messages.list.showing';
  // Test sends (a newsletter's "send a test first") are marked in the list, as the test send promised.
  const testIds = useMemo(() => new Set(list.data?.pages.flatMap((page) => page.testIds ?? []) ?? []), [list.data]);
  // Contact names of the numbers read so far (each page brings its own).
  const names = useMemo(
    () => Object.assign({}, ...(list.data?.pages.map((page) => page.names ?? {}) ?? [])) as Record<string, string>,
    [list.data],
  );
  const formatPhone = usePhoneFormat();
  const [visible, toggleColumn] = useVisibleColumns();
  const exporter = useAction('messages:export');
  const [exported, setExported] = useState<string | null>(null);

  // Short times in the list ("Nov 26, 09:41"); the details show the exact second in both zones.
  const shortDay = useMemo(() => new Intl.DateTimeFormat(lang, { day: '2-digit', month: '2-digit', timeZone }), [lang, timeZone]);
  const shortClock = useMemo(
    () => new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }),
    [lang, timeZone],
  );
  const columnNames: Record<OptionalColumn, string> = {
    created: t('messages.columns.created'),
    status: t('messages.columns.status'),
    deviceId: t('messages.columns.phone'),
    sim: t('messages.columns.channel'),
    customerId: t('messages.columns.customerId'),
  };
  const columns = useMemo<DataColumn<Message>[]>(() => {
    const all: (DataColumn<Message> & { id: OptionalColumn | 'sendTo' | 'body' })[] = [
      {
        id: 'created',
        header: t('messages.columns.created'),
        grow: 0.8,
        value: (m) => m.created.iso,
        // The day above the time: both fit a narrow column.
        cell: (m) => (
          <time dateTime={m.created.iso} title={formatDateTime(m.created.iso, lang, timeZone)} className={styles.stack}>
            <span>{shortDay.format(Date.parse(m.created.iso))}</span>
            <span className={styles.number}>{shortClock.format(Date.parse(m.created.iso))}</span>
          </time>
        ),
      },
      {
        id: 'sendTo',
        header: t('messages.columns.sendToWho'),
        grow: 1.3,
        value: (m) => m.sendTo,
        title: (m) => [names[m.sendTo], formatPhone(m.sendTo)].filter(Boolean).join(' · '),
        // The name above the number, each on its line (cut with an ellipsis, whole on hover).
        twoLines: true,
        cell: (m) =>
          names[m.sendTo] ? (
            <span className={styles.stack}>
              <span className={styles.who}>{names[m.sendTo]}</span> <span className={styles.number}>{formatPhone(m.sendTo)}</span>
            </span>
          ) : (
            formatPhone(m.sendTo)
          ),
      },
      {
        id: 'body',
        header: t('messages.columns.body'),
        grow: 3,
        twoLines: true,
        title: (m) => m.body,
        value: (m) => m.body,
        sortable: false,
        cell: (m) =>
          testIds.has(m.id) ? (
            <>
              <span className="pill warn" data-testid="test-send">
                {t('campaigns.test.badge')}
              </span>{' '}
              {m.body}
            </>
          ) : (
            m.body
          ),
      },
      {
        id: 'status',
        header: t('messages.columns.status'),
        grow: 1.2,
        twoLines: true,
        value: (m) => m.status,
        title: (m) => statusWords(t, m.status).title,
        cell: (m) => <span className={`${styles.status} ${styles[GROUP_TONE[groupOf(m.status)]]}`}>{statusWords(t, m.status).title}</span>,
      },
      {
        id: 'deviceId',
        header: t('messages.columns.phone'),
        grow: 0.9,
        twoLines: true,
        value: (m) => m.deviceId,
        title: (m) => phoneName(m.deviceId),
        cell: (m) => phoneName(m.deviceId),
      },
      {
        id: 'sim',
        header: t('messages.columns.channel'),
        grow: 0.8,
        twoLines: true,
        value: (m) => m.sim,
        title: (m) => channelName(t, m.sim),
        cell: (m) => channelName(t, m.sim),
      },
      { id: 'customerId', header: t('messages.columns.customerId'), grow: 0.7, value: (m) => m.customerId },
    ];
    return all.filter((column) => column.id === 'sendTo' || column.id === 'body' || visible.has(column.id));
  }, [t, lang, timeZone, phoneName, shortDay, shortClock, testIds, names, formatPhone, visible]);
  const sorting: SortingState = [{ id: params.sort, desc: params.dir === 'desc' }];
  const onSort = (next: SortingState) => {
    const first = next[0];
    if (!first) setParams({ sort: 'created', dir: 'desc' });
    else setParams({ sort: first.id as SortColumn, dir: first.desc ? 'desc' : 'asc' });
  };

  const doExport = () => {
    setExported(null);
    exporter.mutate(
      { filter, sort },
      {
        onSuccess: (answer) =>
          setExported(
            answer.saved && answer.name
              ? t('messages.export.saved', { count: answer.rows, name: answer.name })
              : t('messages.export.cancelled'),
          ),
      },
    );
  };

  const mirrorEmpty = messages === 0;
  return (
    <>
      {status.data ? <MirrorBar status={status.data} timeZone={timeZone} /> : null}
      <Filters params={params} setParams={setParams} />
      <div className={styles.listHead}>
        <p className={styles.count} aria-live="polite" data-testid="list-count">
          {total !== null ? t(showing, { shown: rows.length, total }) : list.isFetching ? t('messages.list.loading') : ''}
        </p>
        <ColumnChooser visible={visible} toggle={toggleColumn} names={columnNames} />
        <Button onClick={doExport} disabled={exporter.isPending || total === 0}>
          {exporter.isPending ? t('messages.export.exporting') : t('messages.export.button')}
        </Button>
      </div>
      {exported ? (
        <p role="status" className={styles.ok}>
          {exported}
        </p>
      ) : null}
      {list.error || exporter.error ? (
        <p role="alert" className="error">
          {errorMessage(list.error ?? exporter.error)}
        </p>
      ) : null}
      {mirrorEmpty && !hasFilter(params) ? (
        <EmptyState>{t('messages.list.emptyMirror')}</EmptyState>
      ) : (
        <DataTable
          label={t('messages.list.label')}
          rows={rows}
          columns={columns}
          rowId={(m) => String(m.id)}
          empty={list.isFetching ? t('messages.list.loading') : t('messages.list.noneMatch')}
          onOpen={(m) => setParams({ msg: m.id })}
          sorting={sorting}
          onSortingChange={onSort}
          rowHeight={52}
        />
      )}
      {list.hasNextPage && rows.length < MAX_ROWS ? (
        <div>
          <Button onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? t('messages.list.loading') : t('messages.list.more')}
          </Button>
        </div>
      ) : null}
      {params.msg !== undefined ? (
        <MessageDetailDialog
          id={params.msg}
          timeZone={timeZone}
          onClose={() => setParams({ msg: undefined })}
          onShowNumber={(phone) => setParams({ msg: undefined, phone })}
        />
      ) : null}
    </>
  );
}
