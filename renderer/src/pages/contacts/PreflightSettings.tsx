import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delimiter, Encoding, InputOf, PreflightView } from '../../../../shared/ipc';
import { formatNumber } from '../../format';
import { Button } from '../../ui';
import { STATUS_FILTERS, type StatusFilter } from './params';
import styles from './ContactsPage.module.css';

// The preflight's panels above the preview: the counts (which filter the preview), how the file is read, and
// which columns hold the phone numbers and the name.

type PreflightInput = InputOf<'contacts:preflight'>;
type ReadyView = Extract<PreflightView, { ok: true }>;

const ENCODINGS: readonly Encoding[] = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'];
const DELIMITERS: readonly { value: Delimiter; key: 'comma' | 'semicolon' | 'tab' | 'pipe' }[] = [
  { value: ',', key: 'comma' },
  { value: ';', key: 'semicolon' },
  { value: '\t', key: 'tab' },
  { value: '|', key: 'pipe' },
];

/** The counts at the top, which double as the preview's filter (each is a radio button). */
export function Counts({ view, show, onShow }: { view: ReadyView; show: StatusFilter; onShow: (show: StatusFilter) => void }) {
  const { t, i18n } = useTranslation();
  const { counts } = view;
  const lang = i18n.language;
  const numbers: Record<StatusFilter, number> = {
    all: counts.rows,
    ready: counts.ready,
    landline: counts.landlines,
    invalid: counts.invalid,
    duplicate: counts.duplicates,
    'in-tag': counts.inTag,
    'opted-out': counts.optedOut,
    'no-consent': counts.noConsent,
  };
  return (
    <fieldset className={styles.counts} data-testid="preflight-counts">
      <legend className={styles.countsLegend}>
        {t('contacts.counts.rows', { count: counts.rows })}
        {view.state === 'reading' ? <span className="muted"> · {t('contacts.counts.stillReading')}</span> : null}
      </legend>
      {STATUS_FILTERS.filter((status) => status !== 'no-consent' || counts.noConsent > 0 || view.file.mapping.consent).map((status) => {
        const tone =
          status === 'ready' ? 'good' : status === 'invalid' || status === 'duplicate' ? 'bad' : status === 'all' ? 'neutral' : 'warn';
        const label = status === 'all' ? t('contacts.preview.all') : t(`contacts.counts.${status}`);
        const hint = status === 'all' ? t('contacts.counts.allHint') : t(`contacts.counts.${status}Hint`);
        return (
          <label
            key={status}
            className={`${styles.count} ${styles[tone]} ${numbers[status] === 0 && status !== 'all' ? styles.zero : ''}`}
            data-testid={`count-${status}`}
          >
            <input type="radio" name="preflight-show" value={status} checked={show === status} onChange={() => onShow(status)} />
            <span className={styles.countBox}>
              <span className={styles.countNumber}>{formatNumber(numbers[status], lang)}</span>
              <span className={styles.countLabel}>{label}</span>
              <span className={styles.countHint}>{hint}</span>
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

export function ReadingOptions({
  view,
  busy,
  again,
  onHeader,
}: {
  view: ReadyView;
  busy: boolean;
  again: (change: Partial<PreflightInput>) => void;
  onHeader: (header: boolean) => void;
}) {
  const { t } = useTranslation();
  const { file, counts } = view;
  const [country, setCountry] = useState(file.country);
  // A workbook has no encoding or delimiter to choose; a vCard file neither.
  const isText = (file.format ?? 'csv') === 'csv';
  const source = (value: string) =>
    value === 'bom'
      ? t('contacts.detected.fromBom')
      : value === 'sep-line'
        ? t('contacts.detected.fromSepLine')
        : value === 'chosen'
          ? t('contacts.detected.chosen')
          : t('contacts.detected.fromBytes');
  const commitCountry = () => {
    const code = country.trim().toUpperCase();
    if (/^[A-Z]{2}$/.test(code) && code !== file.country) again({ country: code });
    else setCountry(file.country);
  };
  return (
    <section className={styles.panel} aria-labelledby="reading-title">
      <h3 id="reading-title" className={styles.panelTitle}>
        {t('contacts.detected.title')}
      </h3>
      {file.format === 'vcard' ? <p className="hint">{t('contacts.detected.vcard')}</p> : null}
      <div className={styles.grid}>
        {file.format === 'xlsx' && file.sheets && file.sheet ? (
          <label>
            {t('contacts.detected.sheet')}
            <select value={file.sheet} disabled={busy} onChange={(event) => again({ sheet: event.target.value })} data-testid="sheet">
              {file.sheets.map((sheet) => (
                <option key={sheet} value={sheet}>
                  {sheet}
                </option>
              ))}
            </select>
            <span className="hint">{t('contacts.detected.sheetHint', { count: file.sheets.length })}</span>
          </label>
        ) : null}
        {isText ? (
          <>
            <label>
              {t('contacts.detected.encoding')}
              <select value={file.encoding} disabled={busy} onChange={(event) => again({ encoding: event.target.value as Encoding })}>
                {ENCODINGS.map((encoding) => (
                  <option key={encoding} value={encoding}>
                    {t(`contacts.detected.encodings.${encoding}`)}
                  </option>
                ))}
              </select>
              <span className="hint">{source(file.encodingSource)}</span>
            </label>
            <label>
              {t('contacts.detected.delimiter')}
              <select value={file.delimiter} disabled={busy} onChange={(event) => again({ delimiter: event.target.value as Delimiter })}>
                {DELIMITERS.map(({ value, key }) => (
                  <option key={key} value={value}>
                    {t(`contacts.detected.delimiters.${key}`)}
                  </option>
                ))}
              </select>
              <span className="hint">{source(file.delimiterSource)}</span>
            </label>
          </>
        ) : null}
        <label>
          {t('contacts.detected.country')}
          <input
            type="text"
            value={country}
            maxLength={2}
            disabled={busy}
            className={styles.country}
            onChange={(event) => setCountry(event.target.value)}
            onBlur={commitCountry}
            onKeyDown={(event) => {
              if (event.key === 'Enter') commitCountry();
            }}
          />
          <span className="hint">{t('contacts.detected.countryHint')}</span>
        </label>
        {file.format !== 'vcard' ? (
          <label className="check">
            <input type="checkbox" checked={file.header !== null} disabled={busy} onChange={(event) => onHeader(event.target.checked)} />
            {t('contacts.detected.header')}
          </label>
        ) : null}
      </div>
      {counts.undecodable > 0 ? (
        <p className="notice" role="note">
          {t('contacts.detected.undecodable', { count: counts.undecodable })}
        </p>
      ) : null}
    </section>
  );
}

export function ColumnMapping({ view, busy, again }: { view: ReadyView; busy: boolean; again: (change: Partial<PreflightInput>) => void }) {
  const { t } = useTranslation();
  const { file } = view;
  const columnLabel = (index: number) => {
    const name = file.header?.[index]?.trim();
    return name ? t('contacts.mapping.columnNamed', { n: index + 1, name }) : t('contacts.mapping.column', { n: index + 1 });
  };
  const indexes = Array.from({ length: Math.min(file.columns, 200) }, (_, index) => index);
  const phones = file.mapping.phones ?? [file.mapping.phone];
  const names = file.mapping.names ?? (file.mapping.name === null ? [] : [file.mapping.name]);
  const consent = file.mapping.consent ?? null;
  // Any column chosen by the user makes the mapping theirs (not "guessed").
  const source = file.mappingSource.phone === 'chosen' || file.mappingSource.name === 'chosen' ? 'chosen' : file.mappingSource.phone;
  /** The name made of these columns (none: no name). */
  const setNames = (next: number[]) => again({ nameColumn: next.length === 0 ? null : next });
  const options = indexes.map((index) => (
    <option key={index} value={index}>
      {columnLabel(index)}
    </option>
  ));
  return (
    <section className={styles.panel} aria-labelledby="mapping-title">
      <h3 id="mapping-title" className={styles.panelTitle}>
        {t('contacts.mapping.title')}
      </h3>
      <div className={styles.grid}>
        <label>
          {t('contacts.mapping.phone')}
          <select
            value={file.mapping.phone}
            disabled={busy}
            onChange={(event) => again({ phoneColumn: Number(event.target.value) })}
            data-testid="phone-column"
          >
            {options}
          </select>
          {phones.length > 1 ? (
            <span className="hint" data-testid="other-phone-columns">
              {t('contacts.mapping.otherPhones', { columns: phones.slice(1).map(columnLabel).join(', ') })}
            </span>
          ) : null}
        </label>
        <fieldset className={styles.nameParts} data-testid="name-columns">
          <legend>{t('contacts.mapping.name')}</legend>
          {(names.length > 0 ? names : [null]).map((column, position) => (
            <select
              key={position}
              aria-label={position === 0 ? t('contacts.mapping.name') : t('contacts.mapping.namePart', { n: position + 1 })}
              value={column ?? ''}
              disabled={busy}
              data-testid={position === 0 ? 'name-column' : `name-column-${position + 1}`}
              onChange={(event) => {
                const value = event.target.value;
                const next = names.length > 0 ? [...names] : [];
                if (value === '') next.splice(position, 1);
                else next[position] = Number(value);
                setNames(next);
              }}
            >
              <option value="">{position === 0 ? t('contacts.mapping.noName') : t('contacts.mapping.removePart')}</option>
              {options}
            </select>
          ))}
          {names.length > 0 && names.length < 4 ? (
            <Button
              variant="link"
              className={styles.addPart}
              disabled={busy}
              onClick={() => setNames([...names, indexes.find((i) => !names.includes(i) && !phones.includes(i)) ?? 0])}
            >
              {t('contacts.mapping.addPart')}
            </Button>
          ) : null}
          {names.length > 1 ? <span className="hint">{t('contacts.mapping.joined')}</span> : null}
        </fieldset>
        {file.header ? (
          <label>
            {t('contacts.mapping.consent')}
            <select
              value={consent?.column ?? ''}
              disabled={busy}
              onChange={(event) => again({ consentColumn: event.target.value === '' ? null : Number(event.target.value) })}
              data-testid="consent-column"
            >
              <option value="">{t('contacts.mapping.noConsent')}</option>
              {options}
            </select>
            <span className="hint">
              {consent
                ? t(consent.refusesWhen === 'no' ? 'contacts.mapping.consentNo' : 'contacts.mapping.consentYes')
                : t('contacts.mapping.consentHint')}
            </span>
          </label>
        ) : null}
      </div>
      <p className="hint">
        {source === 'remembered'
          ? t('contacts.mapping.remembered')
          : source === 'chosen'
            ? t('contacts.mapping.chosen')
            : t('contacts.mapping.guessed')}
      </p>
    </section>
  );
}
