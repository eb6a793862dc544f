import { Temporal } from 'temporal-polyfill';
import type { SimSlot } from '../../../shared/domain';
import { AppFailure, refusal } from '../../../shared/errors';
import type { CampaignPreview, CampaignSummary, PlanView, RecipientSource, ScheduleView } from '../../../shared/ipc';
import { FINAL_JOB_STATES, type JobView } from '../../../shared/jobs';
import { withOptOutFooter, type MessageLanguage } from '../../../shared/opt-out-footer';
import type { Db } from '../db';
import type { GatewayClient } from '../gateway/types';
import type { JobRunner } from '../jobs';
import { testBarrier } from '../lib/test-barrier';
import { isRetryable } from './failures';
import { campaignFingerprint } from './fingerprint';
import { optedOutViews, suppressionLookup } from '../optouts';
import { planPacing, type PacingPhone, type PacingPlan, type QuietHours } from './pacing';
import { CAMPAIGN_JOB_KIND, type CampaignJobInput } from './send-job';
import { campaignRow, campaignRows, chunkRows, findByFingerprint, queuedRecipients, takeCustomerIds, type CampaignRow } from './store';
import { lookalikePlaceholders } from './literal-placeholders';
import { bindTemplate, parseTemplate, previewTemplate, renderTemplate, summariseRendering } from './template';
import { healthOf, scheduledOnDay, type PhoneInfo } from './phones';
import { loadRecipients, type Recipient } from './recipients';
import { createCampaignRefresh } from './refresh';
import { exportReport as writeReport } from './report';
import { createCampaignViews } from './views';

// Personalised bulk sends, from the composed request to the registry and the job: shared by the window's
// capability and `relay campaign`. Nothing here talks to Electron. Its parts: ./recipients.ts (who),
// ./views.ts (how it looks), ./refresh.ts (statuses), ./report.ts (the CSV), ./phones.ts (where it goes).

type ResendOf = { campaignId: number; reason: 'failures' | 'missing' } | null;

export interface CampaignServiceDeps {
  db: () => Db;
  jobs: () => JobRunner;
  client: () => GatewayClient;
  /** The account's phones as the monitor sees them (online, pace, title). */
  phones: () => Promise<PhoneInfo[]>;
  /** A picked CSV's path by its opaque id. */
  filePath: (fileId: string) => string;
  country: () => string;
  /** The recipients' zone (quiet hours, daily caps) and the user's local zone. */
  zone: () => string;
  /** The zone the gateway reads naive times in. */
  gatewayZone: () => string;
  now?: () => number;
  /** How long a phone holding taken messages may stay silent before the campaign shows a stall (default 10 min). */
  stallMs?: number;
}

export interface CampaignInput {
  source: RecipientSource;
  body: string;
  phones: { deviceId: number; sim: SimSlot }[];
  sendAt: string | null;
  quietHours: QuietHours | null;
  dailyCap: number | null;
  footer: MessageLanguage | null;
  title?: string | undefined;
}

export interface Prepared {
  preview: CampaignPreview;
  /** Null when the template has problems. */
  ready: {
    recipients: Recipient[];
    bodies: string[];
    plan: PacingPlan;
    planView: PlanView;
    fingerprint: string;
    phones: { deviceId: number; sim: SimSlot; title: string }[];
    headers: string[];
    title: string;
  } | null;
}

const PREVIEW_ROWS = 5;

interface RecipientPick {
  phone: string;
  name: string;
  body: string;
  cells: string;
  line: number | null;
}

export function createCampaignService(deps: CampaignServiceDeps) {
  const now = deps.now ?? Date.now;
  const views = createCampaignViews({
    db: deps.db,
    jobs: deps.jobs,
    now,
    ...(deps.stallMs !== undefined ? { stallMs: deps.stallMs } : {}),
  });
  const { summary, detail } = views;
  const refresh = createCampaignRefresh({ db: deps.db, client: deps.client, now }, views);
  const load = (source: RecipientSource) => loadRecipients(deps, source);
  const exportReport = (id: number, path: string) => writeReport(deps.db(), id, path);

  async function prepare(input: CampaignInput): Promise<Prepared> {
    const loaded = await load(input.source);
    const template = parseTemplate(input.footer ? withOptOutFooter(input.body, input.footer) : input.body);
    const binding = bindTemplate(template, loaded.columns);
    const base = {
      columns: [...loaded.columns.headers],
      ...(loaded.labels ? { columnLabels: loaded.labels } : {}),
      recipients: loaded.recipients.length,
      suppressed: loaded.suppressed,
      optedOut: optedOutViews(deps.db(), loaded.leftOut),
      skipped: loaded.skipped,
      schedule: input.sendAt ? schedule(input.sendAt) : null,
    };
    if (!binding.ok) {
      const preview: CampaignPreview = {
        ...base,
        problems: binding.problems,
        rows: [],
        longest: null,
        totalSegments: 0,
        rowsWithBlanks: 0,
        plan: null,
        sameAs: null,
      };
      return { preview, ready: null };
    }
    const bound = binding.bound;
    const rows = loaded.recipients.map((r) => r.row);
    const summary = summariseRendering(bound, rows);
    const firstRows = previewTemplate(bound, rows, PREVIEW_ROWS).map((p) => ({
      ...p,
      phone: loaded.recipients[p.index]!.phone,
      name: loaded.recipients[p.index]!.name,
    }));

    const known = await deps.phones();
    const phones = input.phones.map((p) => {
      const info = known.find((k) => k.deviceId === p.deviceId);
      if (!info)
        throw new AppFailure(
          'validation',
          `Phone ${p.deviceId} is not on this account.`,
          'phones',
          { phone: p.deviceId },
          'refusals.phoneNotOnAccount',
        );
      return { ...p, info };
    });
    const pacing: PacingPhone[] = phones.map((p) => ({
      deviceId: p.deviceId,
      sim: p.sim,
      health: healthOf(p.info),
      sendDelaySeconds: p.info.sendDelaySeconds,
      dailyCap: input.dailyCap,
    }));
    const start = input.sendAt ? Date.parse(input.sendAt) : now();
    if (input.dailyCap !== null) {
      // The cap is per phone and SIM per day, across campaigns: what earlier ones scheduled that day counts.
      const used = scheduledOnDay(deps.db(), start, deps.zone(), (jobId) => deps.jobs().get(jobId)?.state ?? null);
      for (const p of pacing) p.usedToday = used.get(`${p.deviceId}:${p.sim}`) ?? 0;
    }
    const plan = planPacing({
      recipients: loaded.recipients.length,
      phones: pacing,
      start,
      zone: deps.zone(),
      quietHours: input.quietHours,
    });
    // Recipients in the plan's order: chunk k takes firstRecipient … + count − 1 of this list (the file's order).
    const bodies = rows.map((row) => renderTemplate(bound, row));
    const fingerprint = campaignFingerprint({
      messages: loaded.recipients.map((r, i) => ({ phone: r.phone, body: bodies[i]! })),
      phones: input.phones,
    });
    const earlier = findByFingerprint(deps.db(), fingerprint);
    const titles = phones.map((p) => ({ deviceId: p.deviceId, sim: p.sim, title: p.info.title }));
    const planView: PlanView = {
      phones: plan.phones.map((p, i) => ({
        ...p,
        title: phones[i]!.info.title,
        health: pacing[i]!.health,
      })),
      excluded: plan.excluded.map((e) => ({ deviceId: e.deviceId, sim: e.sim, title: phones[e.phone]!.info.title, reason: e.reason })),
      firstAt: plan.firstAt,
      lastAt: plan.lastAt,
      durationMs: plan.durationMs,
      days: plan.days,
      spillsToLaterDays: plan.spillsToLaterDays,
      startDeferred: plan.startDeferred,
      zone: deps.zone(),
    };
    const preview: CampaignPreview = {
      ...base,
      problems: [],
      rows: firstRows,
      longest: summary.longest,
      totalSegments: summary.totalSegments,
      rowsWithBlanks: summary.rowsWithBlanks,
      blanksByPlaceholder: summary.blanksByPlaceholder,
      blankRows: summary.blankRows.map((b) => ({
        phone: loaded.recipients[b.index]!.phone,
        name: loaded.recipients[b.index]!.name,
        blanks: b.blanks,
      })),
      plan: planView,
      sameAs: earlier ? { campaignId: earlier.id, title: earlier.title, createdAt: earlier.created_at } : null,
    };
    const title = input.title?.trim() || `${loaded.sourceName} · ${new Date(now()).toISOString().slice(0, 16).replace('T', ' ')}`;
    return {
      preview,
      ready: {
        recipients: loaded.recipients,
        bodies,
        plan,
        planView,
        fingerprint,
        phones: titles,
        headers: [...loaded.columns.headers],
        title,
      },
    };
  }

  function schedule(iso: string): ScheduleView {
    const instant = Temporal.Instant.from(iso);
    const localZone = deps.zone();
    const gatewayZone = deps.gatewayZone();
    const local = instant.toZonedDateTimeISO(localZone);
    const gateway = instant.toZonedDateTimeISO(gatewayZone);
    const fmt = (z: Temporal.ZonedDateTime) => z.toPlainDateTime().toString({ smallestUnit: 'minute' }).replace('T', ' ');
    return {
      iso: instant.toString(),
      localZone,
      local: fmt(local),
      gatewayZone,
      gateway: `${fmt(gateway)}:00`,
      differs: local.offsetNanoseconds !== gateway.offsetNanoseconds,
    };
  }

  /** Writes the campaign (recipients, chunks, customerids) in one transaction and starts its job. */
  async function start(
    input: CampaignInput & { again: boolean },
    resendOf: { campaignId: number; reason: 'failures' | 'missing' } | null = null,
  ) {
    const prepared = await prepare(input);
    return startPrepared(prepared, input.again, resendOf);
  }

  function startPrepared(
    prepared: Prepared,
    again: boolean,
    resendOf: ResendOf,
  ): Promise<{ campaign: CampaignSummary; job: JobView; attached: boolean }>;
  /** keepUntil: kept in this computer (no job) until then, see ./stop.ts. */
  function startPrepared(
    prepared: Prepared,
    again: boolean,
    resendOf: ResendOf,
    options: { keepUntil: number },
  ): Promise<{ campaign: CampaignSummary; job: JobView | null; attached: boolean }>;
  async function startPrepared(
    prepared: Prepared,
    again: boolean,
    resendOf: ResendOf,
    options: { keepUntil?: number } = {},
  ): Promise<{ campaign: CampaignSummary; job: JobView | null; attached: boolean }> {
    const { preview, ready } = prepared;
    if (!ready) {
      const p = preview.problems[0]!;
      throw new AppFailure(
        'validation',
        `The template's {${p.placeholder}} has no column${p.suggestions.length ? ` (did you mean ${p.suggestions.join(', ')}?)` : ''}. Nothing was sent.`,
        'body',
        { placeholder: `{${p.placeholder}}`, suggestions: p.suggestions.join(', ') },
        p.kind === 'ambiguous'
          ? 'refusals.placeholderAmbiguous'
          : p.suggestions.length
            ? 'refusals.placeholderNoColumnSuggest'
            : 'refusals.placeholderNoColumn',
      );
    }
    if (ready.recipients.length === 0)
      throw new AppFailure(
        'validation',
        'Nobody to send to: every number is opted out, invalid or a duplicate.',
        'source',
        undefined,
        'refusals.nobodyToSend',
      );
    const lookalike = lookalikePlaceholders(ready.bodies[0] ?? '', ready.headers)[0];
    if (lookalike)
      throw refusal(
        'placeholderLookalike',
        `"${lookalike}" would reach customers as written: Relay Desk fills in placeholders in braces, like {nome}. Nothing was sent.`,
        { placeholder: lookalike },
        { field: 'body' },
      );
    const db = deps.db();
    const { plan } = ready;
    const create = (): number => {
      const range = takeCustomerIds(db, plan.chunks.length);
      const id = Number(
        db
          .prepare(
            `INSERT INTO campaigns (title, fingerprint, body, columns, phones, plan, recipients, suppressed, first_customer_id, chunk_count, resend_of, resend_reason, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            ready.title,
            ready.fingerprint,
            '',
            JSON.stringify(ready.headers),
            JSON.stringify(ready.phones),
            JSON.stringify(ready.planView),
            ready.recipients.length,
            preview.suppressed,
            range.first,
            plan.chunks.length,
            resendOf?.campaignId ?? null,
            resendOf?.reason ?? null,
            now(),
          ).lastInsertRowid,
      );
      const chunkInsert = db.prepare(
        'INSERT INTO campaign_chunks (campaign_id, chunk, customer_id, device_id, sim, first_recipient, count, send_at, spacing_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const recipientInsert = db.prepare(
        'INSERT INTO campaign_recipients (campaign_id, idx, chunk, phone, name, body, cells, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      plan.chunks.forEach((c, k) => {
        const phone = ready.phones[c.phone]!;
        chunkInsert.run(id, k, range.first + k, phone.deviceId, phone.sim, c.firstRecipient, c.count, c.sendAt, c.spacingMs);
        for (let i = c.firstRecipient; i < c.firstRecipient + c.count; i++) {
          const r = ready.recipients[i]!;
          recipientInsert.run(id, i, k, r.phone, r.name, ready.bodies[i]!, JSON.stringify(r.cells), r.line);
        }
      });
      db.prepare('UPDATE campaigns SET body = ? WHERE id = ?').run(preview.rows[0]?.body ?? ready.bodies[0] ?? '', id);
      // Kept here until shortly before its time: no job (nothing handed to the gateway) until ./stop.ts releases it.
      if (options.keepUntil !== undefined)
        db.prepare("UPDATE campaigns SET keep_until = ?, hold = 'kept' WHERE id = ?").run(options.keepUntil, id);
      return id;
    };
    await testBarrier('campaign-create');
    // Check and create in one IMMEDIATE transaction (every account transaction is): of two processes that
    // prepared the same campaign at the same moment, the second finds the first's and attaches to it.
    const claim = db.transaction((): { existing: CampaignRow } | { created: number } => {
      const latest = findByFingerprint(db, ready.fingerprint);
      if (latest) {
        const job = latest.job_id === null ? null : deps.jobs().get(latest.job_id);
        const unfinished = latest.hold !== 'cancelled' && (job === null || !FINAL_JOB_STATES.includes(job.state));
        // Unfinished: the same work is under way (here, in the app or another relay): attach to it. Finished:
        // a re-send is a decision about the campaign seen at preview time; a newer one is another process's
        // answer to that same decision.
        if (unfinished || (again && resendOf === null && latest.id !== (preview.sameAs?.campaignId ?? null))) return { existing: latest };
        if (!again) throw sameCampaign(latest.id);
      }
      return { created: create() };
    })();
    if ('existing' in claim) {
      const kept = claim.existing.job_id === null && (claim.existing.hold === 'kept' || claim.existing.hold === 'paused');
      // The same campaign kept here (./stop.ts) has no job on purpose until its time.
      if (kept && options.keepUntil !== undefined) return { campaign: summary(claim.existing), job: null, attached: true };
      if (kept)
        throw refusal(
          'campaignKeptHere',
          `The same campaign (${claim.existing.id}, "${claim.existing.title}") is kept here for later: open it to pause, cancel or let it go at its time.`,
          { campaignId: claim.existing.id, title: claim.existing.title },
          { field: 'again' },
        );
      return attachTo(claim.existing);
    }
    if (options.keepUntil !== undefined) return { campaign: summary(campaignRow(db, claim.created)!), job: null, attached: false };
    return launch(claim.created);
  }

  /** The refusal of a campaign already sent, with its counts and the way to send it again anyway. */
  function sameCampaign(id: number): AppFailure {
    const row = campaignRow(deps.db(), id)!;
    const queued = queuedRecipients(deps.db(), id);
    return refusal(
      'sameCampaign',
      `This is the same campaign as "${row.title}" (same recipients, messages and phones): ${queued} of its ${row.recipients} recipients were queued. To send it to all ${row.recipients} again, confirm "Send again" (relay: add --again).`,
      { campaignId: id, title: row.title, queued, recipients: row.recipients },
      { field: 'again' },
    );
  }

  /** Starts the campaign's job (one per campaign: its dedupe key finds a job another process started). */
  async function launch(campaignId: number) {
    const db = deps.db();
    const row = campaignRow(db, campaignId)!;
    const input: CampaignJobInput = {
      campaignId,
      chunks: Array.from({ length: row.chunk_count }, (_, k) => ({ chunk: k, customerId: row.first_customer_id + k })),
    };
    const job = await deps.jobs().start(CAMPAIGN_JOB_KIND, input, { title: row.title, dedupeKey: `campaign:${campaignId}` });
    db.prepare('UPDATE campaigns SET job_id = ? WHERE id = ?').run(job.id, campaignId);
    return { campaign: summary(campaignRow(db, campaignId)!), job, attached: false };
  }

  /** The same campaign is already under way (or was created without its job by a process that died). */
  async function attachTo(row: CampaignRow) {
    if (row.job_id === null) return { ...(await launch(row.id)), attached: true };
    const job = deps.jobs().get(row.job_id)!;
    return { campaign: summary(row), job, attached: true };
  }

  /**
   * A campaign over a fixed list whose bodies are final (no template): a resend, or a newsletter sent as a
   * campaign. Phones the monitor does not know are taken as online at the default pace.
   */
  async function listPrepared(list: {
    picked: RecipientPick[];
    phones: { deviceId: number; sim: SimSlot }[];
    start: number;
    suppressed: number;
    headers: string[];
    title: string;
  }): Promise<Prepared> {
    const { picked } = list;
    const known = await deps.phones();
    const infos = list.phones.map((p) => ({
      ...p,
      info: known.find((k) => k.deviceId === p.deviceId) ?? {
        deviceId: p.deviceId,
        title: `Phone ${p.deviceId}`,
        online: true,
        sendDelaySeconds: null,
      },
    }));
    const pacing: PacingPhone[] = infos.map((p) => ({
      deviceId: p.deviceId,
      sim: p.sim,
      health: healthOf(p.info),
      sendDelaySeconds: p.info.sendDelaySeconds,
    }));
    const plan = planPacing({ recipients: picked.length, phones: pacing, start: list.start, zone: deps.zone() });
    const recipients: Recipient[] = picked.map((r) => ({
      phone: r.phone,
      name: r.name,
      row: {},
      cells: JSON.parse(r.cells) as string[],
      line: r.line,
    }));
    const bodies = picked.map((r) => r.body);
    const planView: PlanView = {
      phones: plan.phones.map((p, i) => ({ ...p, title: infos[i]!.info.title, health: pacing[i]!.health })),
      excluded: plan.excluded.map((e) => ({ deviceId: e.deviceId, sim: e.sim, title: infos[e.phone]!.info.title, reason: e.reason })),
      firstAt: plan.firstAt,
      lastAt: plan.lastAt,
      durationMs: plan.durationMs,
      days: plan.days,
      spillsToLaterDays: plan.spillsToLaterDays,
      startDeferred: plan.startDeferred,
      zone: deps.zone(),
    };
    return {
      preview: {
        columns: list.headers,
        problems: [],
        recipients: picked.length,
        suppressed: list.suppressed,
        optedOut: [],
        skipped: { invalid: 0, duplicates: 0, landlines: 0 },
        rows: [],
        longest: null,
        totalSegments: 0,
        rowsWithBlanks: 0,
        plan: planView,
        schedule: null,
        sameAs: null,
      },
      ready: {
        recipients,
        bodies,
        plan,
        planView,
        fingerprint: campaignFingerprint({ messages: picked.map((r) => ({ phone: r.phone, body: r.body })), phones: list.phones }),
        phones: infos.map((p) => ({ deviceId: p.deviceId, sim: p.sim, title: p.info.title })),
        headers: list.headers,
        title: list.title,
      },
    };
  }

  /** Starts a campaign of one fixed body to a list of contacts (a newsletter sent without its opted-out contacts). */
  async function startList(input: {
    title: string;
    body: string;
    contacts: { phone: string; name: string }[];
    phone: { deviceId: number; sim: SimSlot };
    sendAt: string | null;
    suppressed: number;
  }) {
    const prepared = await listPrepared({
      picked: input.contacts.map((c) => ({
        phone: c.phone,
        name: c.name,
        body: input.body,
        cells: JSON.stringify([c.name, c.phone]),
        line: null,
      })),
      phones: [input.phone],
      start: input.sendAt ? Date.parse(input.sendAt) : now(),
      suppressed: input.suppressed,
      headers: ['name', 'phone'],
      title: input.title,
    });
    return startPrepared(prepared, true, null);
  }

  /**
   * A new campaign (an explicit decision, recorded as resend_of) with the original's retryable failures or the
   * recipients its read-backs did not find, on the same phones or others. Bodies are the ones already rendered.
   */
  async function resend(id: number, reason: 'failures' | 'missing', chosen?: { deviceId: number; sim: SimSlot }[]) {
    const db = deps.db();
    const row = campaignRow(db, id);
    if (!row) throw new AppFailure('validation', 'This campaign does not exist (any more).', undefined, { id }, 'refusals.noSuchCampaign');
    let picked: { phone: string; name: string; body: string; cells: string; line: number | null }[];
    if (reason === 'failures') {
      picked = (
        db
          .prepare(
            'SELECT phone, name, body, cells, line, status FROM campaign_recipients WHERE campaign_id = ? AND status IS NOT NULL ORDER BY idx',
          )
          .all(id) as (RecipientPick & { status: number })[]
      ).filter((r) => isRetryable(r.status));
    } else {
      const missing = new Set<number>();
      for (const c of chunkRows(db, id))
        if (c.state === 'attention') for (const idx of JSON.parse(c.missing ?? '[]') as number[]) missing.add(idx);
      picked = (
        db
          .prepare('SELECT idx, phone, name, body, cells, line FROM campaign_recipients WHERE campaign_id = ? ORDER BY idx')
          .all(id) as (RecipientPick & { idx: number })[]
      ).filter((r) => missing.has(r.idx));
    }
    if (picked.length === 0)
      throw new AppFailure(
        'validation',
        reason === 'failures' ? 'There are no retryable failures to send again.' : 'No recipient is missing.',
        undefined,
        undefined,
        reason === 'failures' ? 'refusals.nothingToRetry' : 'refusals.nobodyMissing',
      );
    const optedOut = suppressionLookup(db);
    const suppressed = picked.filter((r) => optedOut.has(r.phone)).length;
    picked = picked.filter((r) => !optedOut.has(r.phone));
    const phonesUsed =
      chosen ?? (JSON.parse(row.phones) as { deviceId: number; sim: SimSlot }[]).map((p) => ({ deviceId: p.deviceId, sim: p.sim }));
    const prepared = await listPrepared({
      picked,
      phones: phonesUsed,
      start: now(),
      suppressed,
      headers: JSON.parse(row.columns) as string[],
      title: `${row.title} · ${reason === 'failures' ? 'failures sent again' : 'missing sent again'}`,
    });
    const result = await startPrepared(prepared, true, { campaignId: id, reason });
    // The original's chunks that needed attention are settled by this decision: not to be sent again from there.
    if (reason === 'missing' && row.job_id !== null) {
      const job = deps.jobs().get(row.job_id);
      if (job && job.unknown > 0) deps.jobs().dismissUnknown(row.job_id);
    }
    return result;
  }

  return {
    prepare,
    start,
    startPrepared,
    startList,
    exportReport,
    refresh,
    summary,
    detail,
    resend,
    list: () => campaignRows(deps.db()).map(summary),
    schedule,
    load,
  };
}

export type CampaignService = ReturnType<typeof createCampaignService>;
