import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import styles from './DataTable.module.css';

/** The narrowest a column gets, per share of the row's width, before the table scrolls sideways. */
const MIN_REM_PER_SHARE = 6;

// One table for big lists (the CSV preview, contacts, messages): TanStack Table for columns and sorting,
// TanStack Virtual so 100k rows cost the DOM only what is on screen. Rows are placed with transforms set
// through React's style prop, i.e. the CSSOM, which the CSP's style-src 'self' does not block (it blocks
// style attributes in markup and <style> elements).

export interface DataColumn<T extends RowData> {
  id: string;
  header: string;
  /** The value sorted on and shown when there is no `cell`. */
  value: (row: T) => string | number | null;
  cell?: (row: T) => ReactNode;
  /** Default true. */
  sortable?: boolean;
  /** Share of the row's width against the others (default 1). */
  grow?: number;
  /** Up to two lines instead of one (rows must be tall enough: `rowHeight`). */
  twoLines?: boolean;
  /** The whole text on hover, for a cell that may be cut. */
  title?: (row: T) => string;
}

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});

const ROW_HEIGHT = 36;

export interface DataTableProps<T extends RowData> {
  /** The table's accessible name. */
  label: string;
  rows: readonly T[];
  columns: readonly DataColumn<T>[];
  rowId: (row: T) => string;
  /** Shown instead of rows when there are none. */
  empty?: ReactNode;
  /** Called when the user presses Enter on a row or clicks it. */
  onOpen?: (row: T) => void;
  initialSort?: SortingState;
  /** Sorting done elsewhere (e.g. by main over rows not loaded yet): the rows arrive in order, the header follows `sorting`. */
  sorting?: SortingState;
  onSortingChange?: (sorting: SortingState) => void;
  /** Pixels per row (default 36; 52 holds two lines). */
  rowHeight?: number;
  /** The scroller's height cap (CSS), where a screen must fit the table in a small window (default 480px). */
  maxHeight?: string;
}

export function DataTable<T extends RowData>({
  label,
  rows,
  columns,
  rowId,
  empty,
  onOpen,
  initialSort = [],
  sorting: outerSorting,
  onSortingChange,
  rowHeight = ROW_HEIGHT,
  maxHeight,
}: DataTableProps<T>) {
  const { t } = useTranslation();
  const [innerSorting, setSorting] = useState<SortingState>(initialSort);
  const sorting = outerSorting ?? innerSorting;
  const defs = useMemo<ColumnDef<typeof features, T>[]>(
    () =>
      columns.map((column) => ({
        id: column.id,
        header: column.header,
        accessorFn: (row: T) => column.value(row),
        cell: (info) => (column.cell ? column.cell(info.row.original) : String(column.value(info.row.original) ?? '')),
        enableSorting: column.sortable ?? true,
        sortFn: 'alphanumeric',
        sortUndefined: 'last',
      })),
    [columns],
  );
  const data = useMemo(() => [...rows], [rows]);
  const table = useTable({
    features,
    columns: defs,
    data,
    getRowId: (row) => rowId(row),
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      if (onSortingChange) onSortingChange(next);
      else setSorting(next);
    },
    manualSorting: outerSorting !== undefined,
  });
  const tableRows = table.getRowModel().rows;
  const byId = useMemo(() => new Map(columns.map((column) => [column.id, column])), [columns]);
  // Widths and wrapping through the style prop (the CSSOM), like the rows' positions.
  const widthOf = (id: string) => ({ flexGrow: byId.get(id)?.grow ?? 1 });
  // A narrow window (200 % zoom) keeps each column readable and scrolls the table sideways in its own box,
  // rather than squeezing every column to a fragment: MIN_REM_PER_SHARE per share of the row's width.
  const minWidth = `${columns.reduce((sum, column) => sum + (column.grow ?? 1), 0) * MIN_REM_PER_SHARE}rem`;

  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer hands out fresh functions each render; nothing here memoizes on them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  });

  // Keyboard: one tab stop for the rows (roving tabindex); arrows, Page keys, Home/End move, Enter opens.
  const [active, setActive] = useState(0);
  const focusNext = useRef(false);
  const activeIndex = Math.min(active, Math.max(0, tableRows.length - 1));
  useEffect(() => {
    if (!focusNext.current) return;
    // The row may only render once the scroll has landed: keep trying on the renders that follow.
    const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    if (row) {
      focusNext.current = false;
      row.focus();
    }
  });
  const move = (to: number) => {
    const next = Math.max(0, Math.min(tableRows.length - 1, to));
    setActive(next);
    focusNext.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in steps) move(activeIndex + steps[event.key]!);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(tableRows.length - 1);
    else if (event.key === 'Enter' && onOpen && tableRows[activeIndex]) onOpen(tableRows[activeIndex].original);
    else return;
    event.preventDefault();
  };

  return (
    <div className={styles.wrap}>
      <div className={styles.scroller} ref={scroller} style={maxHeight ? { maxHeight } : undefined}>
        <table className={styles.table} aria-label={label} aria-rowcount={tableRows.length + 1} style={{ minWidth }}>
          <thead className={styles.head}>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} className={styles.headRow} aria-rowindex={1}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      className={styles.headCell}
                      style={widthOf(header.column.id)}
                      scope="col"
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <button type="button" className={styles.sort} onClick={header.column.getToggleSortingHandler()}>
                          <table.FlexRender header={header} />
                          <span className={styles.arrow} aria-hidden="true">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className={styles.body} onKeyDown={onKeyDown} style={{ height: `${virtualizer.getTotalSize()}px` }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = tableRows[item.index];
              if (!row) return null;
              return (
                <tr
                  key={row.id}
                  data-index={item.index}
                  aria-rowindex={item.index + 2}
                  className={styles.row}
                  tabIndex={item.index === activeIndex ? 0 : -1}
                  style={{ transform: `translateY(${item.start}px)`, height: `${item.size}px` }}
                  onClick={() => {
                    setActive(item.index);
                    onOpen?.(row.original);
                  }}
                >
                  {row.getAllCells().map((cell) => {
                    const column = byId.get(cell.column.id);
                    return (
                      <td
                        key={cell.id}
                        className={column?.twoLines ? `${styles.cell} ${styles.twoLines}` : styles.cell}
                        style={widthOf(cell.column.id)}
                        title={column?.title?.(row.original)}
                      >
                        <table.FlexRender cell={cell} />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
        {tableRows.length === 0 ? <p className={styles.empty}>{empty ?? t('table.empty')}</p> : null}
      </div>
      <p className={styles.count}>{t('table.rows', { count: tableRows.length })}</p>
    </div>
  );
}
