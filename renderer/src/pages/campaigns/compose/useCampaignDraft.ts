import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData } from '@tanstack/react-query';
import type { CampaignPreview, CampaignRequest, PhoneChoice, RecipientSource } from '../../../../../shared/ipc';
import { useInvoke } from '../../../api/hooks';
import { useComposerDefaults, useFooterLanguage } from '../../../composer/defaults';
import { defaultChoice, usePhones } from '../../../composer/PhonePicker';
import { useCampaignPrefill } from '../../../composer/prefill';
import { useSettled } from '../../../composer/settled';
import { wallTimeToIso } from '../../../composer/time';
import type { WhenValue } from '../../../composer/WhenPicker';
import { firstReason } from '../../../composer/WhyDisabled';
import { useNow } from '../../../ui/useNow';

// A campaign as it is being composed, kept in one place so every step reads and changes the same draft (going
// back and forth loses nothing). Main is asked for a preview as the user types (debounced): the columns a
// template may use, the placeholders with no column, the first rows as they will go out, the longest one's
// length and the plan per phone. Sending takes exactly the request the preview saw.

const PREVIEW_DELAY_MS = 350;

export function useCampaignDraft() {
  const { t } = useTranslation();
  const defaults = useComposerDefaults();
  const footerLanguage = useFooterLanguage();
  const phones = usePhones();
  const now = useNow();

  // Handed over from a newsletter with placeholders: its tags (one or several) and its text.
  const prefill = useCampaignPrefill();
  const [sourceKind, setSourceKind] = useState<'tag' | 'file'>('tag');
  const [tagId, setTagId] = useState<number | null>(prefill?.tagIds.length === 1 ? prefill.tagIds[0]! : null);
  const [tagIds, setTagIds] = useState<number[] | null>(prefill && prefill.tagIds.length > 1 ? prefill.tagIds : null);
  const [file, setFile] = useState<{ fileId: string; name: string } | null>(null);
  const [body, setBody] = useState(prefill?.body ?? '');
  const [footer, setFooter] = useState(prefill?.footer ?? false);
  // Settings' default phone and SIM start ticked until the user changes the ticks.
  const [ticked, setChosen] = useState<PhoneChoice[] | null>(null);
  const chosen = ticked ?? defaultChoice(phones, defaults.deviceId, defaults.sim);
  const [quiet, setQuiet] = useState<{ on: boolean; from: string; until: string }>({ on: false, from: '21:00', until: '08:00' });
  const [cap, setCap] = useState('');
  const [pacingShown, setPacingOpen] = useState(false);
  const pacingOpen = pacingShown || quiet.on || cap.trim() !== '';
  const [when, setWhen] = useState<WhenValue>({ mode: 'now', wallTime: '' });
  // A scheduled send: hand it to the gateway now, or keep it here until shortly before its time (stoppable).
  const [handOver, setHandOver] = useState<'gateway' | 'keep-here'>('gateway');

  const source: RecipientSource | null =
    sourceKind === 'tag'
      ? tagIds
        ? { kind: 'tags', tagIds }
        : tagId !== null
          ? { kind: 'tag', tagId }
          : null
      : file
        ? { kind: 'file', fileId: file.fileId, country: defaults.country }
        : null;
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
  // Columns and figures are offered as soon as there are recipients, before a body or a phone is chosen.
  const columnsRequest: CampaignRequest | null =
    source && !request
      ? { source, body: body.trim() || '.', phones: chosen.length > 0 ? chosen : [{ deviceId: phones[0]?.device.id ?? 1, sim: 0 }] }
      : null;
  const asked = request ?? columnsRequest;
  const settled = useSettled(asked, PREVIEW_DELAY_MS);
  const preview = useInvoke('campaigns:preview', settled ?? undefined, { enabled: settled !== null, placeholderData: keepPreviousData });
  const shown: CampaignPreview | undefined = settled && preview.data ? preview.data : undefined;
  /** The preview answers what is on the screen now (not a request the user has since changed). */
  const current =
    shown !== undefined && !preview.isFetching && !preview.isPlaceholderData && JSON.stringify(settled) === JSON.stringify(asked);
  const full = request !== null && current ? shown : undefined;
  const problems = body.trim() ? (shown?.problems ?? []) : [];
  // Until main has answered what is on the screen: "Checking…", or the refusal shown on the step.
  const checking = preview.error ? t('screens.disabled.problems') : t('screens.disabled.checking');

  // Why each step cannot go on yet (null: it can), in the order a person fixes them.
  const reasons = [
    firstReason([
      [!source, t('screens.disabled.noRecipients')],
      [!current, checking],
      [current && shown?.recipients === 0, t('screens.disabled.nobodyLeft')],
    ]),
    firstReason([
      [!body.trim(), t('screens.disabled.noMessage')],
      [problems.length > 0, t('screens.disabled.problems')],
      [!current, checking],
    ]),
    firstReason([
      [chosen.length === 0, t('screens.disabled.noPhone')],
      [capInvalid, t('screens.disabled.problems')],
      [when.mode === 'at' && sendAt === null, t('screens.disabled.noTime')],
      [past, t('screens.disabled.past')],
      [!full, checking],
    ]),
  ] as const;

  return {
    defaults,
    footerLanguage,
    phones,
    prefill,
    sourceKind,
    setSourceKind,
    tagId,
    setTagId,
    tagIds,
    setTagIds,
    file,
    setFile,
    body,
    setBody,
    footer,
    setFooter,
    chosen,
    setChosen,
    quiet,
    setQuiet,
    cap,
    setCap,
    capInvalid,
    pacingOpen,
    setPacingOpen,
    when,
    setWhen,
    handOver,
    setHandOver,
    source,
    sendAt,
    past,
    request,
    preview,
    shown,
    current,
    full,
    problems,
    reasons,
  };
}

export type CampaignDraft = ReturnType<typeof useCampaignDraft>;
