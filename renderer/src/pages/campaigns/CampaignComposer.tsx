import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData } from '@tanstack/react-query';
import type { CampaignPreview, CampaignRequest, PhoneChoice, RecipientSource } from '../../../../shared/ipc';
import { OPT_OUT_FOOTERS } from '../../../../shared/opt-out-footer';
import type { Translate } from '../../../../shared/i18n';
import { ApiError, errorMessage } from '../../api/client';
import { useAction, useInvoke } from '../../api/hooks';
import { formatDateTime } from '../../format';
import { Button, ConfirmDialog, Field } from '../../ui';
import { useComposerDefaults, useFooterLanguage } from '../../composer/defaults';
import { PlanChart } from './parts/PlanChart';
import { usePhones, useSimName } from '../../composer/PhonePicker';
import { firstReason, WhyDisabled } from '../../composer/WhyDisabled';
import { SmsCounter } from '../../composer/SmsCounter';
import { durationText, wallTimeToIso } from '../../composer/time';
import { useNow } from '../../ui/useNow';
import { WhenPicker, type WhenValue } from '../../composer/WhenPicker';
import page from '../../composer/sending.module.css';
import { useCampaignPrefill } from '../../composer/prefill';
import { useSettled } from '../../composer/settled';
import { OptedOutPeople } from '../../composer/OptedOutPeople';
import { PlaceholderButtons } from '../../composer/PlaceholderButtons';
import { BlankValues } from '../../composer/BlankValues';

// The composer asks main for a preview as the user types (debounced): the columns a template may use, the
// placeholders with no column (an error before anything is sent), the first rows as they will go out, the
// longest one's length, and the plan per phone. Sending takes exactly the request the preview saw.

const PREVIEW_DELAY_MS = 350;

const choiceKey = (c: PhoneChoice) => `${c.deviceId}:${c.sim}`;

export function CampaignComposer({ onStarted }: { onStarted: (campaignId: number) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const defaults = useComposerDefaults();
  const footerLanguage = useFooterLanguage();
  const tags = useInvoke('contacts:tags');
  const phones = usePhones();
  const simName = useSimName();
  const pickFile = useAction('campaigns:pickFile');
  const start = useAction('campaigns:start');
  const bodyRef = useRef<HTMLTextAreaElement>(null);

  // Handed over from a newsletter with placeholders: its tags (one or several) and its text.
  const prefill = useCampaignPrefill();
  const [sourceKind, setSourceKind] = useState<'tag' | 'file'>('tag');
  const [tagId, setTagId] = useState<number | null>(prefill?.tagIds.length === 1 ? prefill.tagIds[0]! : null);
  const [tagIds, setTagIds] = useState<number[] | null>(prefill && prefill.tagIds.length > 1 ? prefill.tagIds : null);
  const [file, setFile] = useState<{ fileId: string; name: string } | null>(null);
  const [body, setBody] = useState(prefill?.body ?? '');
  // Settings' default phone starts ticked until the user changes the ticks.
  const [ticked, setChosen] = useState<PhoneChoice[] | null>(null);
  const chosen = ticked ?? (defaults.deviceId !== null && phones.some((p) => p.device.id === defaults.deviceId) ? [{ deviceId: defaults.deviceId, sim: defaults.sim }] : []);
  const now = useNow();
  const [quiet, setQuiet] = useState<{ on: boolean; from: string; until: string }>({ on: false, from: '21:00', until: '08:00' });
  const [cap, setCap] = useState('');
  const [when, setWhen] = useState<WhenValue>({ mode: 'now', wallTime: '' });
  const [footer, setFooter] = useState(prefill?.footer ?? false);
  const [again, setAgain] = useState<{ when: string } | null>(null);
  // A scheduled send: hand it to the gateway now, or keep it here until shortly before its time (stoppable).
  const [handOver, setHandOver] = useState<'gateway' | 'keep-here'>('gateway');
  // The confirmation step: who, how many, when, which phones, how many SMS; nothing is sent before it.
  const [confirming, setConfirming] = useState(false);

  const source: RecipientSource | null =
    sourceKind === 'tag' ? (tagIds ? { kind: 'tags', tagIds } : tagId !== null ? { kind: 'tag', tagId } : null) : file ? { kind: 'file', fileId: file.fileId, country: defaults.country } : null;
  const sendAt = when.mode === 'at' ? wallTimeToIso(when.wallTime, defaults.zone) : null;
  const past = when.mode === 'at' && sendAt !== null && Date.parse(sendAt) < now;
  const capNumber = cap.trim() === '' ? null : Number(cap);
  const capInvalid = capNumber !== null && (!Number.isInteger(capNumber) || capNumber < 1);
  const request: CampaignRequest | null =
    source && body.trim() && chosen.length > 0 && !capInvalid
      ? {
          source,
          body,
          phones: chosen,
          sendAt,
          quietHours: quiet.on ? { from: quiet.from, until: quiet.until } : null,
          dailyCap: capNumber,
          footer: footer ? footerLanguage : null,
          ...(sendAt !== null ? { handOver } : {}),
        }
      : null;
  // Columns are offered as soon as there are recipients, before a body or a phone is chosen.
  const columnsRequest: CampaignRequest | null = source && !request ? { source, body: body.trim() || '.', phones: chosen.length > 0 ? chosen : [{ deviceId: phones[0]?.device.id ?? 1, sim: 0 }] } : null;
  const settled = useSettled(request ?? columnsRequest, PREVIEW_DELAY_MS);
  const preview = useInvoke('campaigns:preview', settled ?? undefined, { enabled: settled !== null, placeholderData: keepPreviousData });
  const shown: CampaignPreview | undefined = settled && preview.data ? preview.data : undefined;
  const full = request !== null ? shown : undefined;

  function insert(column: string) {
    const placeholder = `{${column}}`;
    const area = bodyRef.current;
    const at = area ? area.selectionStart : body.length;
    const end = area ? area.selectionEnd : body.length;
    setBody(body.slice(0, at) + placeholder + body.slice(end));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(at + placeholder.length, at + placeholder.length);
    });
  }

  function send(confirmed: boolean) {
    if (!request) return;
    start.mutate(
      { ...request, again: confirmed },
      {
        onSuccess: ({ campaign }) => {
          setAgain(null);
          setConfirming(false);
          onStarted(campaign.id);
        },
        onError: (error) => {
          // A mistaken re-run: main refuses unless the user confirms.
          setConfirming(false);
          if (error instanceof ApiError && error.error.field === 'again') {
            setAgain({ when: full?.sameAs ? formatDateTime(new Date(full.sameAs.createdAt).toISOString(), lang, defaults.zone) : '' });
          }
        },
      },
    );
  }

  const problems = full?.problems ?? shown?.problems ?? [];
  const sourceName =
    sourceKind === 'file'
      ? (file?.name ?? '')
      : (tagIds ?? (tagId !== null ? [tagId] : [])).map((id) => tags.data?.find((tag) => tag.id === id)?.title ?? `#${id}`).join(', ');
  const phoneLabel = (c: PhoneChoice) => {
    const found = phones.find((p) => p.device.id === c.deviceId);
    const title = found?.device.title ?? `#${c.deviceId}`;
    return found && found.device.sims.length > 1 ? `${title} · ${simName(c.sim)}` : title;
  };
  const choices = phones.flatMap(({ device, online }) => {
    const slots = device.sims.length > 1 ? device.sims.map((s) => s.slot).filter((s) => s === 0 || s === 1) : [0];
    return (slots as (0 | 1)[]).map((sim) => ({ deviceId: device.id, sim, title: device.title, online, several: slots.length > 1 }));
  });
  const healthOf = (c: PhoneChoice) => full?.plan?.phones.find((p) => p.deviceId === c.deviceId && p.sim === c.sim)?.health;

  const whyDisabled = firstReason([
    [!source, t('screens.disabled.noRecipients')],
    [!body.trim(), t('screens.disabled.noMessage')],
    [chosen.length === 0, t('screens.disabled.noPhone')],
    [capInvalid || (full?.problems.length ?? 0) > 0, t('screens.disabled.problems')],
    [past, t('screens.disabled.past')],
    [!full || preview.isFetching, t('screens.disabled.checking')],
    [full?.recipients === 0, t('screens.disabled.nobodyLeft')],
  ]);
  return (
    <form
      className={page.panel}
      aria-labelledby="compose-title"
      noValidate
      onSubmit={(event) => {
        // Enter in a field never sends: only the confirmation step does.
        event.preventDefault();
      }}
    >
      <h2 id="compose-title">{t('campaigns.bulk.compose')}</h2>
      <div className={page.columns}>
        <div className={page.stack}>
          <fieldset className={page.choices}>
            <legend>{t('campaigns.bulk.recipients')}</legend>
            <label className="check">
              <input type="radio" name="source" checked={sourceKind === 'tag'} onChange={() => setSourceKind('tag')} />
              {t('campaigns.bulk.fromTag')}
            </label>
            <label className="check">
              <input type="radio" name="source" checked={sourceKind === 'file'} onChange={() => setSourceKind('file')} />
              {t('campaigns.bulk.fromFile')}
            </label>
          </fieldset>
          {sourceKind === 'tag' && tagIds ? (
            <div className={page.inline} data-testid="prefilled-tags">
              <p>
                {t(tagIds.length === 1 ? 'sending.placeholder.prefilledTag' : 'sending.placeholder.prefilledTags', {
                  tags: tagIds.map((id) => tags.data?.find((tag) => tag.id === id)?.title ?? `#${id}`).join(', '),
                })}
              </p>
              <Button onClick={() => setTagIds(null)}>{t('sending.placeholder.otherTags')}</Button>
            </div>
          ) : sourceKind === 'tag' ? (
            <Field label={t('campaigns.bulk.tag')} error={tags.data?.length === 0 ? t('campaigns.newsletters.noTags') : undefined}>
              {(control) => (
                <select {...control} value={tagId ?? ''} onChange={(e) => setTagId(e.target.value ? Number(e.target.value) : null)}>
                  <option value="">—</option>
                  {(tags.data ?? []).map((tag) => (
                    <option key={tag.id} value={tag.id}>
                      {t('campaigns.newsletters.tagOption', { title: tag.title, count: tag.contacts })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : (
            <div className={page.inline}>
              <p className="muted">{file ? t('campaigns.bulk.file', { name: file.name }) : ''}</p>
              <Button onClick={() => pickFile.mutate(undefined, { onSuccess: (picked) => picked && setFile({ fileId: picked.fileId, name: picked.name }) })}>
                {t('campaigns.bulk.pickFile')}
              </Button>
            </div>
          )}
          {pickFile.error ? <p role="alert" className="error">{errorMessage(pickFile.error)}</p> : null}
          {shown && source ? <SourceFigures preview={shown} /> : null}

          <Field label={t('campaigns.bulk.template')} hint={t('campaigns.bulk.templateHint')} {...(problems.length > 0 ? { error: problems.map((p) => problemText(t, p)).join(' ') } : {})}>
            {(control) => <textarea {...control} ref={bodyRef} className={page.textarea} value={body} maxLength={5000} onChange={(e) => setBody(e.target.value)} />}
          </Field>
          {shown ? <PlaceholderButtons columns={shown.columns} labels={shown.columnLabels} onInsert={insert} /> : null}
          {full?.longest ? (
            <div>
              <p className="muted small">{t('campaigns.counter.longest')}</p>
              <SmsCounter text={full.longest.body} count={full.longest.count} />
            </div>
          ) : (
            <SmsCounter text={body} />
          )}
          <label className="check">
            <input type="checkbox" checked={footer} onChange={(e) => setFooter(e.target.checked)} />
            {t('campaigns.newsletters.footer', { footer: OPT_OUT_FOOTERS[footerLanguage] })}
          </label>
        </div>

        <div className={page.stack}>
          <fieldset className={page.phones}>
            <legend>{t('campaigns.bulk.phones')}</legend>
            {choices.length === 0 ? <p className="muted small">{t('campaigns.phone.none')}</p> : null}
            {choices.map((c) => {
              const key = choiceKey(c);
              const health = healthOf(c) ?? (c.online ? 'good' : 'offline');
              return (
                <label key={key} className="check">
                  <input
                    type="checkbox"
                    checked={chosen.some((x) => choiceKey(x) === key)}
                    onChange={(e) => setChosen(e.target.checked ? [...chosen, { deviceId: c.deviceId, sim: c.sim }] : chosen.filter((x) => choiceKey(x) !== key))}
                  />
                  {c.several ? `${c.title} · ${simName(c.sim)}` : c.title}
                  <span className={`pill ${health === 'good' ? 'good' : health === 'flaky' ? 'warn' : 'bad'}`}>{t(`campaigns.bulk.health.${health}`)}</span>
                </label>
              );
            })}
          </fieldset>
          <fieldset className={page.stack}>
            <legend>{t('campaigns.bulk.pacing')}</legend>
            <label className="check">
              <input type="checkbox" checked={quiet.on} onChange={(e) => setQuiet({ ...quiet, on: e.target.checked })} />
              {t('campaigns.bulk.quietHours')}
            </label>
            {quiet.on ? (
              <div className={page.inline}>
                <label>
                  {t('campaigns.bulk.quietFrom')}
                  <input type="time" value={quiet.from} onChange={(e) => setQuiet({ ...quiet, from: e.target.value || quiet.from })} />
                </label>
                <label>
                  {t('campaigns.bulk.quietUntil')}
                  <input type="time" value={quiet.until} onChange={(e) => setQuiet({ ...quiet, until: e.target.value || quiet.until })} />
                </label>
              </div>
            ) : null}
            <Field label={t('campaigns.bulk.dailyCap')} hint={t('campaigns.bulk.dailyCapHint')} {...(capInvalid ? { error: t('forms.atLeast', { minimum: 1 }) } : {})}>
              {(control) => <input {...control} type="number" min={1} inputMode="numeric" value={cap} onChange={(e) => setCap(e.target.value)} />}
            </Field>
            <p className="muted small">{t('campaigns.bulk.zone', { zone: defaults.zone })}</p>
          </fieldset>
          <WhenPicker value={when} onChange={setWhen} zone={defaults.zone} schedule={full?.schedule ?? null} past={past} />
          {when.mode === 'at' ? (
            <fieldset className={page.stack} data-testid="hand-over">
              <legend>{t('sending.handOver.legend')}</legend>
              <label className="check">
                <input type="radio" name="hand-over" checked={handOver === 'gateway'} onChange={() => setHandOver('gateway')} />
                {t('sending.handOver.gateway')}
              </label>
              <label className="check">
                <input type="radio" name="hand-over" checked={handOver === 'keep-here'} onChange={() => setHandOver('keep-here')} />
                {t('sending.handOver.keepHere')}
              </label>
            </fieldset>
          ) : null}
        </div>
      </div>

      {preview.error ? <p role="alert" className="error">{errorMessage(preview.error)}</p> : null}
      {full && full.problems.length === 0 ? <PreviewRows preview={full} /> : null}
      {full?.plan ? <PlanChart plan={full.plan} /> : null}
      {full && full.problems.length === 0 ? (
        <section className={page.summary} aria-labelledby="summary-title" data-testid="campaign-summary">
          <h3 id="summary-title">{t('campaigns.summary.title')}</h3>
          <ul className={page.figures}>
            <li>{t('campaigns.summary.recipients', { count: full.recipients })}</li>
            <li>{t('campaigns.summary.segmentsTotal', { count: full.totalSegments })}</li>
            {full.plan ? <li className="muted">{t('campaigns.summary.duration', { duration: durationText(t, full.plan.durationMs) })}</li> : null}
            {full.suppressed > 0 ? <li className="muted">{t('campaigns.summary.suppressed', { count: full.suppressed })}</li> : null}
          </ul>
          {full.sameAs ? (
            <p className="notice" data-testid="same-as">
              {t('campaigns.bulk.againBody', { when: formatDateTime(new Date(full.sameAs.createdAt).toISOString(), lang, defaults.zone) })}
            </p>
          ) : null}
        </section>
      ) : null}
      {start.error && !(start.error instanceof ApiError && start.error.error.field === 'again') ? <p role="alert" className="error">{errorMessage(start.error)}</p> : null}
      <div className={page.actions}>
        <WhyDisabled id="campaign-send-why" reason={whyDisabled} />
        <Button variant="primary" disabled={whyDisabled !== null || start.isPending} aria-describedby={whyDisabled ? 'campaign-send-why' : undefined} onClick={() => setConfirming(true)}>
          {start.isPending ? t('campaigns.bulk.sending') : t('campaigns.bulk.send')}
        </Button>
      </div>
      {confirming && full && request ? (
        <ConfirmDialog
          title={t('sending.confirm.title')}
          confirm={sendAt ? t('sending.confirm.schedule') : t('sending.confirm.send')}
          busy={start.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => send(false)}
        >
          <ul data-testid="confirm-send">
            <li>{t('sending.confirm.who', { who: sourceName })}</li>
            <li>{t('sending.confirm.howMany', { count: full.recipients })}</li>
            <li>{sendAt ? t('sending.confirm.when', { when: formatDateTime(sendAt, lang, defaults.zone) }) : t('sending.confirm.now')}</li>
            {sendAt ? <li>{handOver === 'keep-here' ? t('sending.handOver.keepHere') : t('sending.handOver.gateway')}</li> : null}
            <li>{t('sending.confirm.phones', { phones: chosen.map((c) => phoneLabel(c)).join(', ') })}</li>
            <li>{t('sending.confirm.segments', { count: full.totalSegments })}</li>
            {full.suppressed > 0 ? <li>{t('sending.confirm.optedOut', { count: full.suppressed })}</li> : null}
          </ul>
        </ConfirmDialog>
      ) : null}
      {again ? (
        <ConfirmDialog title={t('campaigns.bulk.againTitle')} confirm={t('campaigns.bulk.againConfirm')} onCancel={() => setAgain(null)} onConfirm={() => send(true)}>
          <p>{t('campaigns.bulk.againBody', { when: again.when })}</p>
        </ConfirmDialog>
      ) : null}
    </form>
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

function problemText(t: Translate, problem: CampaignPreview['problems'][number]): string {
  const text = t('campaigns.bulk.unknownPlaceholder', { placeholder: `{${problem.placeholder}}` });
  const suggestion = problem.suggestions[0];
  return suggestion ? `${text} ${t('campaigns.bulk.didYouMean', { suggestion: `{${suggestion}}` })}` : text;
}

/** The first rows exactly as they will be sent, with each one's length. */
function PreviewRows({ preview }: { preview: CampaignPreview }) {
  const { t } = useTranslation();
  if (preview.rows.length === 0) return null;
  return (
    <section aria-labelledby="preview-title" data-testid="campaign-preview">
      <h3 id="preview-title">{t('campaigns.bulk.preview')}</h3>
      <table className={page.preview}>
        <thead>
          <tr>
            <th scope="col">{t('campaigns.bulk.previewTo')}</th>
            <th scope="col">{t('campaigns.bulk.previewText')}</th>
            <th scope="col">{t('campaigns.bulk.previewLength')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
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
