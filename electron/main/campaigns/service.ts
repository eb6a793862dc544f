import { writeFile } from 'node:fs/promises';
import type { CountryCode } from 'libphonenumber-js';
import { Temporal } from 'temporal-polyfill';
import type { Message, SimSlot } from '../../../shared/domain';
import { AppFailure, refusal } from '../../../shared/errors';
import type {
  CampaignDetail,
  CampaignPreview,
  CampaignState,
  CampaignSummary,
  PlanView,
  RecipientSource,
  ScheduleView,
  StatusCounts,
} from '../../../shared/ipc';
import { FINAL_JOB_STATES, type JobView } from '../../../shared/jobs';
import { withOptOutFooter, type MessageLanguage } from '../../../shared/opt-out-footer';
import { csvCell } from '../../../shared/csv';
import { runPreflight } from '../contacts/preflight';
import { isOnline } from '../devices/online-rule';
import type { Db } from '../db';
import type { GatewayClient } from '../gateway/types';
import type { JobRunner } from '../jobs';
import { testBarrier } from '../lib/test-barrier';
import { groupFailures, isRetryable } from './failures';
import { campaignFingerprint } from './fingerprint';
import { leaveOut, optedOutViews } from '../optouts/views';
import { stopView } from './stop';
import { planPacing, type PacingPhone, type PacingPlan, type PhoneHealth, type QuietHours } from './pacing';
import { forEachConcurrently } from './concurrent';
import type { StatusMirror } from './mirror';
import { CAMPAIGN_JOB_KIND, markFound, readChunk, type CampaignJobInput } from './send-job';
import { DEFAULT_STALL_MS, findStall } from './stall';
import { campaignRow, campaignRows, chunkRecipients, chunkRows, countStatus, emptyCounts, findByFingerprint, FINAL_STATUSES, phoneProgress, queuedRecipients, takeCustomerIds, type CampaignRow, type ChunkRow } from './store';
import { suppressionLookup } from '../optouts/store';
import { lookalikePlaceholders } from './literal-placeholders';
import { bindTemplate, parseTemplate, previewTemplate, renderTemplate, summariseRendering, type TemplateColumns } from './template';
import { loadTagRecipients } from './tag-recipients';

// Personalised bulk sends, from the composed request to the registry and the job: shared by the window's
// capability and `relay campaign`. Nothing here talks to Electron.

export interface PhoneInfo {
  deviceId: number;
  title: string;
  online: boolean;
  sendDelaySeconds: number | null;
  /** From the monitor's transitions (./health.ts); absent: good when online, else offline. */
  health?: PhoneHealth;
}

const healthOf = (info: PhoneInfo): PhoneHealth => (info.online ? (info.health ?? 'good') : 'offline');

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

/** Read-backs per refresh by default, and how many run at once (the client's limiter is shared). */
const DEFAULT_READS = 8;
const READ_CONCURRENCY = 4;

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

interface Recipient {
  phone: string;
  name: string;
  row: Record<string, string>;
  cells: string[];
  line: number | null;
}

interface Loaded {
  columns: TemplateColumns;
  /** A tag's fields: key → the header it came from. */
  labels?: Record<string, string>;
  recipients: Recipient[];
  suppressed: number;
  /** The first opted-out recipients left out (the preview names them with their reply). */
  leftOut: { phone: string; name: string }[];
  skipped: { invalid: number; duplicates: number; landlines: number };
  sourceName: string;
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

  async function load(source: RecipientSource): Promise<Loaded> {
    const db = deps.db();
    const optedOut = suppressionLookup(db);
    if (source.kind === 'tag' || source.kind === 'tags') {
      const tagIds = source.kind === 'tag' ? [source.tagId] : [...new Set(source.tagIds)];
      return { ...loadTagRecipients(db, tagIds, optedOut), skipped: { invalid: 0, duplicates: 0, landlines: 0 } };
    }
    const path = deps.filePath(source.fileId);
    const recipients: Recipient[] = [];
    const leftOut: Loaded['leftOut'] = [];
    let suppressed = 0;
    let landlines = 0;
    const outcome = await runPreflight(
      { path },
      {
        country: (source.country ?? deps.country()) as CountryCode,
        optedOut,
        ...(source.phoneColumn ? { phoneColumn: source.phoneColumn } : {}),
        ...(source.nameColumn ? { nameColumn: source.nameColumn } : {}),
      },
      {
        onRow: (row) => {
          if (row.status === 'opted-out') suppressed = leaveOut(leftOut, { phone: row.phone ?? '', name: row.name }, suppressed);
          if (row.status === 'landline') landlines += 1;
          if (row.status !== 'ready' || row.phone === null) return;
          recipients.push({ phone: row.phone, name: row.name, row: {}, cells: row.cells, line: row.line });
        },
      },
    );
    if (!outcome.ok) throw new AppFailure('validation', outcome.problem.message, 'source', undefined, `contacts.fileProblems.${outcome.problem.code}`);
    const { file, counts } = outcome;
    // The header is known for sure only at the end (the preview comes after the first rows).
    const headers = file.header ?? Array.from({ length: file.columns }, (_, i) => `column ${i + 1}`);
    for (const r of recipients) {
      const values: Record<string, string> = {};
      headers.forEach((h, i) => (values[h] = r.cells[i] ?? ''));
      r.row = values;
    }
    return {
      columns: {
        headers,
        phoneColumn: headers[file.mapping.phone] ?? null,
        nameColumn: file.mapping.name === null ? null : (headers[file.mapping.name] ?? null),
      },
      recipients,
      suppressed,
      leftOut,
      skipped: { invalid: counts.invalid, duplicates: counts.duplicates, landlines },
      sourceName: path.split(/[\\/]/).pop() ?? 'file',
    };
  }

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
      if (!info) throw new AppFailure('validation', `Phone ${p.deviceId} is not on this account.`, 'phones', { phone: p.deviceId }, 'refusals.phoneNotOnAccount');
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
    const plan = planPacing({ recipients: loaded.recipients.length, phones: pacing, start, zone: deps.zone(), quietHours: input.quietHours });
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
      blankRows: summary.blankRows.map((b) => ({ phone: loaded.recipients[b.index]!.phone, name: loaded.recipients[b.index]!.name, blanks: b.blanks })),
      plan: planView,
      sameAs: earlier ? { campaignId: earlier.id, title: earlier.title, createdAt: earlier.created_at } : null,
    };
    const title = input.title?.trim() || `${loaded.sourceName} · ${new Date(now()).toISOString().slice(0, 16).replace('T', ' ')}`;
    return {
      preview,
      ready: { recipients: loaded.recipients, bodies, plan, planView, fingerprint, phones: titles, headers: [...loaded.columns.headers], title },
    };
  }

  function schedule(iso: string): ScheduleView {
    const instant = Temporal.Instant.from(iso);
    const localZone = deps.zone();
    const gatewayZone = deps.gatewayZone();
    const local = instant.toZonedDateTimeISO(localZone);
    const gateway = instant.toZonedDateTimeISO(gatewayZone);
    const fmt = (z: Temporal.ZonedDateTime) => z.toPlainDateTime().toString({ smallestUnit: 'minute' }).replace('T', ' ');
    return { iso: instant.toString(), localZone, local: fmt(local), gatewayZone, gateway: `${fmt(gateway)}:00`, differs: local.offsetNanoseconds !== gateway.offsetNanoseconds };
  }

  /** Writes the campaign (recipients, chunks, customerids) in one transaction and starts its job. */
  async function start(input: CampaignInput & { again: boolean }, resendOf: { campaignId: number; reason: 'failures' | 'missing' } | null = null) {
    const prepared = await prepare(input);
    return startPrepared(prepared, input.again, resendOf);
  }

  function startPrepared(prepared: Prepared, again: boolean, resendOf: ResendOf): Promise<{ campaign: CampaignSummary; job: JobView; attached: boolean }>;
  /** keepUntil: kept in this computer (no job) until then, see ./stop.ts. */
  function startPrepared(prepared: Prepared, again: boolean, resendOf: ResendOf, options: { keepUntil: number }): Promise<{ campaign: CampaignSummary; job: JobView | null; attached: boolean }>;
  async function startPrepared(prepared: Prepared, again: boolean, resendOf: ResendOf, options: { keepUntil?: number } = {}): Promise<{ campaign: CampaignSummary; job: JobView | null; attached: boolean }> {
    const { preview, ready } = prepared;
    if (!ready) {
      const p = preview.problems[0]!;
      throw new AppFailure('validation', `The template's {${p.placeholder}} has no column${p.suggestions.length ? ` (did you mean ${p.suggestions.join(', ')}?)` : ''}. Nothing was sent.`, 'body', { placeholder: `{${p.placeholder}}`, suggestions: p.suggestions.join(', ') }, p.kind === 'ambiguous' ? 'refusals.placeholderAmbiguous' : p.suggestions.length ? 'refusals.placeholderNoColumnSuggest' : 'refusals.placeholderNoColumn');
    }
    if (ready.recipients.length === 0) throw new AppFailure('validation', 'Nobody to send to: every number is opted out, invalid or a duplicate.', 'source', undefined, 'refusals.nobodyToSend');
    const lookalike = lookalikePlaceholders(ready.bodies[0] ?? '', ready.headers)[0];
    if (lookalike) throw refusal('placeholderLookalike', `"${lookalike}" would reach customers as written: Relay Desk fills in placeholders in braces, like {nome}. Nothing was sent.`, { placeholder: lookalike }, { field: 'body' });
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
          .run(ready.title, ready.fingerprint, '', JSON.stringify(ready.headers), JSON.stringify(ready.phones), JSON.stringify(ready.planView), ready.recipients.length, preview.suppressed, range.first, plan.chunks.length, resendOf?.campaignId ?? null, resendOf?.reason ?? null, now())
          .lastInsertRowid,
      );
      const chunkInsert = db.prepare(
        'INSERT INTO campaign_chunks (campaign_id, chunk, customer_id, device_id, sim, first_recipient, count, send_at, spacing_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const recipientInsert = db.prepare('INSERT INTO campaign_recipients (campaign_id, idx, chunk, phone, name, body, cells, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
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
      if (options.keepUntil !== undefined) db.prepare("UPDATE campaigns SET keep_until = ?, hold = 'kept' WHERE id = ?").run(options.keepUntil, id);
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
      if (kept) throw refusal('campaignKeptHere', `The same campaign (${claim.existing.id}, "${claim.existing.title}") is kept here for later: open it to pause, cancel or let it go at its time.`, { campaignId: claim.existing.id, title: claim.existing.title }, { field: 'again' });
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
    const input: CampaignJobInput = { campaignId, chunks: Array.from({ length: row.chunk_count }, (_, k) => ({ chunk: k, customerId: row.first_customer_id + k })) };
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

  /** When each chunk was last read back (`campaignId:chunk`): the least recently read go first. */
  const lastRead = new Map<string, number>();

  /**
   * Brings the statuses of the chunks not all final yet up to date and records the counts. From the history
   * mirror when it covers the campaign (no gateway request; the mirror is asked to sync soon when messages
   * sent after its last sync are missing); else at most `maxReads` read-backs by customerid, the least
   * recently read first, `READ_CONCURRENCY` at a time within the client's limiter.
   */
  async function refresh(id: number, options: { maxReads?: number; mirror?: StatusMirror | null } = {}): Promise<{ summary: CampaignSummary; changed: boolean; reads: number }> {
    const db = deps.db();
    const row = campaignRow(db, id);
    if (!row) throw new AppFailure('validation', 'This campaign does not exist (any more).', undefined, { id }, 'refusals.noSuchCampaign');
    const open = chunkRows(db, id).filter((c) => (c.state === 'sent' || c.state === 'found') && c.final === 0);
    let changed = false;
    let reads = 0;
    const mirror = options.mirror ?? null;
    if (open.length > 0 && mirror && mirror.covers(db, row.created_at - 60_000, now())) {
      const ids = open.map((c) => c.customer_id);
      const expected = open.reduce((n, c) => n + c.count, 0);
      const byCustomer = new Map<number, Message[]>();
      for (const m of mirror.messages(db, { customerIdRange: [Math.min(...ids), Math.max(...ids)] }, expected * 2 + 100)) {
        if (m.customerId === null) continue;
        const list = byCustomer.get(m.customerId);
        if (list) list.push(m);
        else byCustomer.set(m.customerId, [m]);
      }
      let lastLeft = 0;
      for (const chunk of open) {
        const found = byCustomer.get(chunk.customer_id) ?? [];
        if (markFound(db, chunk, chunkRecipients(db, id, chunk.chunk), found, now())) changed = true;
        if (found.length < chunk.count) lastLeft = Math.max(lastLeft, chunk.left_at ?? row.created_at);
      }
      // Messages the app sent after the mirror's last sync are not in it yet.
      if (lastLeft > 0 && (mirror.lastSyncAt(db) ?? 0) <= lastLeft) mirror.syncSoon();
    } else if (open.length > 0) {
      const key = (c: ChunkRow) => `${id}:${c.chunk}`;
      const picked = [...open].sort((a, b) => (lastRead.get(key(a)) ?? 0) - (lastRead.get(key(b)) ?? 0)).slice(0, options.maxReads ?? DEFAULT_READS);
      await forEachConcurrently(picked, READ_CONCURRENCY, async (chunk) => {
        lastRead.set(key(chunk), now());
        reads += 1;
        const found = await readChunk(deps.client(), chunk.customer_id);
        if (markFound(db, chunk, chunkRecipients(db, id, chunk.chunk), found, now())) changed = true;
      });
      if (lastRead.size > 100_000) lastRead.clear();
    }
    const counts = countsOf(db, id, row.recipients);
    db.prepare('UPDATE campaigns SET counts = ?, refreshed_at = ? WHERE id = ?').run(JSON.stringify(counts), now(), id);
    return { summary: summary(campaignRow(db, id)!), changed, reads };
  }

  /** The phone that took messages and has been silent past the limit, with its title, or null. */
  function stallOf(db: Db, row: CampaignRow): CampaignSummary['stall'] {
    const stall = findStall(phoneProgress(db, row.id), now(), deps.stallMs ?? DEFAULT_STALL_MS);
    if (!stall) return null;
    const phones = JSON.parse(row.phones) as CampaignSummary['phones'];
    return { ...stall, title: phones.find((p) => p.deviceId === stall.deviceId)?.title ?? `Phone ${stall.deviceId}` };
  }

  function countsOf(db: Db, id: number, total: number): StatusCounts {
    const counts = emptyCounts(total);
    const rows = db.prepare('SELECT status, COUNT(*) AS n FROM campaign_recipients WHERE campaign_id = ? AND status IS NOT NULL GROUP BY status').all(id) as { status: number; n: number }[];
    for (const r of rows) for (let i = 0; i < r.n; i++) countStatus(counts, r.status);
    return counts;
  }

  function summary(row: CampaignRow): CampaignSummary {
    const db = deps.db();
    const job = row.job_id === null ? null : deps.jobs().get(row.job_id);
    const counts = row.counts ? (JSON.parse(row.counts) as StatusCounts) : countsOf(db, row.id, row.recipients);
    const plan = row.plan ? (JSON.parse(row.plan) as PlanView) : null;
    const attention = (db.prepare("SELECT COUNT(*) AS n FROM campaign_chunks WHERE campaign_id = ? AND state = 'attention'").get(row.id) as { n: number }).n;
    const finals = counts.delivered + counts.failed;
    let state: CampaignState;
    const firstAt = plan?.firstAt ?? null;
    const listed = counts.new + counts.queued + counts.taken + counts.sent + finals;
    if (row.hold === 'cancelled') state = 'cancelled';
    else if (row.hold === 'kept') state = 'scheduled';
    else if (row.hold === 'paused' || job?.state === 'paused') state = 'paused';
    else if (job && (job.state === 'cancelled' || job.state === 'failed')) state = job.state;
    else if (attention > 0 || job?.state === 'needs-attention' || job?.state === 'interrupted') state = 'needs-attention';
    else if (job && job.state !== 'done') state = 'sending';
    // Handed over for later: not "in the queue, 18 hours left" but "starts at …".
    else if (finals < row.recipients && firstAt !== null && firstAt > now() && counts.sent + finals === 0 && listed <= row.recipients) state = 'scheduled';
    else state = finals >= row.recipients ? 'done' : 'watching';
    const lastAt = plan?.lastAt ?? null;
    return {
      id: row.id,
      title: row.title,
      createdAt: row.created_at,
      state,
      jobId: row.job_id ?? 0,
      recipients: row.recipients,
      suppressed: row.suppressed,
      customerIds: { first: row.first_customer_id, last: row.first_customer_id + Math.max(0, row.chunk_count - 1) },
      phones: JSON.parse(row.phones) as CampaignSummary['phones'],
      counts,
      // No estimate while it waits for its time or is stopped; one that has run out is no estimate either.
      etaSeconds: ['done', 'scheduled', 'paused', 'cancelled', 'failed'].includes(state) || lastAt === null || lastAt <= now() ? null : Math.round((lastAt - now()) / 1000),
      startsAt: firstAt,
      stop: stopView(db, row, job?.state ?? null),
      stall: state === 'sending' || state === 'watching' ? stallOf(db, row) : null,
      resendOf: row.resend_of === null ? null : { campaignId: row.resend_of, reason: row.resend_reason ?? 'failures' },
      refreshedAt: row.refreshed_at,
    };
  }

  function detail(id: number): CampaignDetail {
    const db = deps.db();
    const row = campaignRow(db, id);
    if (!row) throw new AppFailure('validation', 'This campaign does not exist (any more).', undefined, { id }, 'refusals.noSuchCampaign');
    const chunks = chunkRows(db, id);
    const failed = db
      .prepare('SELECT phone, status FROM campaign_recipients WHERE campaign_id = ? AND status >= 8')
      .all(id) as { phone: string; status: number }[];
    const groups = groupFailures(failed);
    const attention = chunks.filter((c) => c.state === 'attention' || c.state === 'planned' || c.state === 'sent');
    const job = row.job_id === null ? null : deps.jobs().get(row.job_id);
    const unknownSteps = new Set(job && job.unknown > 0 ? deps.jobs().steps(job.id, { state: 'unknown', limit: 1000 }).map((s) => (s.payload as { chunk: number }).chunk) : []);
    const attentionViews = attention
      .filter((c) => c.state === 'attention' || unknownSteps.has(c.chunk))
      .map((c) => ({
        chunk: c.chunk,
        customerId: c.customer_id,
        reason: c.state === 'attention' ? (JSON.parse(c.missing ?? '[]').length === c.count ? 'none-found' : 'partly-found') : 'unknown',
        missing: c.state === 'attention' ? (JSON.parse(c.missing ?? '[]') as number[]).length : c.count,
      })) as CampaignDetail['attention'];
    return {
      ...summary(row),
      plan: row.plan ? (JSON.parse(row.plan) as PlanView) : null,
      chunks: {
        total: chunks.length,
        done: chunks.filter((c) => c.state === 'found' || c.state === 'sent').length,
        pending: chunks.filter((c) => c.state === 'planned').length,
        attention: attentionViews.length,
      },
      attention: attentionViews,
      failures: groups.map((g) => ({ code: g.code, kind: g.kind, titleKey: g.titleKey, whatKey: g.whatKey, todoKey: g.todoKey, count: g.messages.length, sample: g.messages.slice(0, 20).map((m) => m.phone) })),
      retryableFailures: failed.filter((f) => isRetryable(f.status)).length,
      missing: attentionViews.reduce((n, a) => n + (a.reason === 'unknown' ? 0 : a.missing), 0),
      job: job as JobView | null,
    };
  }

  /**
   * The campaign's report as CSV at `path`: the original row's cells, then customerid, sms_id (where known) and
   * the final status code; every cell escaped for spreadsheets (a formula is written as text). Returns the rows.
   */
  async function exportReport(id: number, path: string): Promise<number> {
    const db = deps.db();
    const row = campaignRow(db, id);
    if (!row) throw new AppFailure('validation', 'This campaign does not exist (any more).', undefined, { id }, 'refusals.noSuchCampaign');
    const headers = JSON.parse(row.columns) as string[];
    const lines = [[...headers, 'customerid', 'sms_id', 'status'].map((c) => csvCell(c)).join(',')];
    const rows = db
      .prepare('SELECT r.cells, c.customer_id, r.sms_id, r.status FROM campaign_recipients r JOIN campaign_chunks c ON c.campaign_id = r.campaign_id AND c.chunk = r.chunk WHERE r.campaign_id = ? ORDER BY r.idx')
      .iterate(id) as IterableIterator<{ cells: string; customer_id: number; sms_id: number | null; status: number | null }>;
    let count = 0;
    for (const r of rows) {
      const cells = JSON.parse(r.cells) as string[];
      lines.push([...cells, String(r.customer_id), r.sms_id === null ? '' : String(r.sms_id), r.status === null ? '' : String(r.status)].map((c) => csvCell(c)).join(','));
      count += 1;
    }
    await writeFile(path, `\ufeff${lines.join('\r\n')}\r\n`);
    return count;
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
    const infos = list.phones.map((p) => ({ ...p, info: known.find((k) => k.deviceId === p.deviceId) ?? { deviceId: p.deviceId, title: `Phone ${p.deviceId}`, online: true, sendDelaySeconds: null } }));
    const pacing: PacingPhone[] = infos.map((p) => ({ deviceId: p.deviceId, sim: p.sim, health: healthOf(p.info), sendDelaySeconds: p.info.sendDelaySeconds }));
    const plan = planPacing({ recipients: picked.length, phones: pacing, start: list.start, zone: deps.zone() });
    const recipients: Recipient[] = picked.map((r) => ({ phone: r.phone, name: r.name, row: {}, cells: JSON.parse(r.cells) as string[], line: r.line }));
    const bodies = picked.map((r) => r.body);
    const planView: PlanView = {
      phones: plan.phones.map((p, i) => ({ ...p, title: infos[i]!.info.title, health: pacing[i]!.health })),
      excluded: plan.excluded.map((e) => ({ deviceId: e.deviceId, sim: e.sim, title: infos[e.phone]!.info.title, reason: e.reason })),
      firstAt: plan.firstAt, lastAt: plan.lastAt, durationMs: plan.durationMs, days: plan.days,
      spillsToLaterDays: plan.spillsToLaterDays, startDeferred: plan.startDeferred, zone: deps.zone(),
    };
    return {
      preview: {
        columns: list.headers, problems: [], recipients: picked.length, suppressed: list.suppressed, optedOut: [],
        skipped: { invalid: 0, duplicates: 0, landlines: 0 }, rows: [], longest: null, totalSegments: 0, rowsWithBlanks: 0,
        plan: planView, schedule: null, sameAs: null,
      },
      ready: {
        recipients, bodies, plan, planView,
        fingerprint: campaignFingerprint({ messages: picked.map((r) => ({ phone: r.phone, body: r.body })), phones: list.phones }),
        phones: infos.map((p) => ({ deviceId: p.deviceId, sim: p.sim, title: p.info.title })),
        headers: list.headers,
        title: list.title,
      },
    };
  }

  /** Starts a campaign of one fixed body to a list of contacts (a newsletter sent without its opted-out contacts). */
  async function startList(input: { title: string; body: string; contacts: { phone: string; name: string }[]; phone: { deviceId: number; sim: SimSlot }; sendAt: string | null; suppressed: number }) {
    const prepared = await listPrepared({
      picked: input.contacts.map((c) => ({ phone: c.phone, name: c.name, body: input.body, cells: JSON.stringify([c.name, c.phone]), line: null })),
      phones: [input.phone], start: input.sendAt ? Date.parse(input.sendAt) : now(), suppressed: input.suppressed, headers: ['name', 'phone'], title: input.title,
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
      picked = (db.prepare('SELECT phone, name, body, cells, line, status FROM campaign_recipients WHERE campaign_id = ? AND status IS NOT NULL ORDER BY idx').all(id) as (RecipientPick & { status: number })[]).filter((r) => isRetryable(r.status));
    } else {
      const missing = new Set<number>();
      for (const c of chunkRows(db, id)) if (c.state === 'attention') for (const idx of JSON.parse(c.missing ?? '[]') as number[]) missing.add(idx);
      picked = (db.prepare('SELECT idx, phone, name, body, cells, line FROM campaign_recipients WHERE campaign_id = ? ORDER BY idx').all(id) as (RecipientPick & { idx: number })[]).filter((r) => missing.has(r.idx));
    }
    if (picked.length === 0) throw new AppFailure('validation', reason === 'failures' ? 'There are no retryable failures to send again.' : 'No recipient is missing.', undefined, undefined, reason === 'failures' ? 'refusals.nothingToRetry' : 'refusals.nobodyMissing');
    const optedOut = suppressionLookup(db);
    const suppressed = picked.filter((r) => optedOut.has(r.phone)).length;
    picked = picked.filter((r) => !optedOut.has(r.phone));
    const phonesUsed = chosen ?? (JSON.parse(row.phones) as { deviceId: number; sim: SimSlot }[]).map((p) => ({ deviceId: p.deviceId, sim: p.sim }));
    const prepared = await listPrepared({
      picked, phones: phonesUsed, start: now(), suppressed, headers: JSON.parse(row.columns) as string[],
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

  return { prepare, start, startPrepared, startList, exportReport, refresh, summary, detail, resend, list: () => campaignRows(deps.db()).map(summary), schedule, load };
}

export type CampaignService = ReturnType<typeof createCampaignService>;

/**
 * Messages of every campaign scheduled on the local day (in `zone`) that holds `at`, per `deviceId:sim`.
 * Chunks of cancelled or failed jobs count only when their request left (sent, found or needing attention).
 */
export function scheduledOnDay(db: Db, at: number, zone: string, jobState: (jobId: number) => string | null): Map<string, number> {
  const day = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(zone).startOfDay();
  const dayStart = day.epochMilliseconds;
  const dayEnd = day.add({ days: 1 }).startOfDay().epochMilliseconds;
  const rows = db
    .prepare(
      `SELECT k.device_id AS deviceId, k.sim, k.send_at AS sendAt, k.count, k.spacing_ms AS spacingMs, k.state, c.job_id AS jobId
       FROM campaign_chunks k JOIN campaigns c ON c.id = k.campaign_id
       WHERE k.send_at < ? AND k.send_at + (k.count - 1) * k.spacing_ms >= ?`,
    )
    .all(dayEnd, dayStart) as { deviceId: number; sim: number; sendAt: number; count: number; spacingMs: number; state: string; jobId: number | null }[];
  const used = new Map<string, number>();
  const stopped = new Map<number, boolean>();
  for (const r of rows) {
    if (r.state === 'planned' && r.jobId !== null) {
      if (!stopped.has(r.jobId)) stopped.set(r.jobId, ['cancelled', 'failed'].includes(jobState(r.jobId) ?? ''));
      if (stopped.get(r.jobId)) continue;
    }
    // Message i goes at sendAt + i × spacing: those within [dayStart, dayEnd).
    const step = Math.max(1, r.spacingMs);
    const first = r.sendAt >= dayStart ? 0 : Math.ceil((dayStart - r.sendAt) / step);
    const last = Math.min(r.count - 1, Math.ceil((dayEnd - r.sendAt) / step) - 1);
    if (last < first) continue;
    const key = `${r.deviceId}:${r.sim}`;
    used.set(key, (used.get(key) ?? 0) + last - first + 1);
  }
  return used;
}

/** Whether every message of the campaign reached a final status. */
export function allFinal(statuses: Iterable<number | null>): boolean {
  for (const s of statuses) if (s === null || !FINAL_STATUSES.has(s)) return false;
  return true;
}


/** The account's phones from one getalldevices read, with the monitor's online rule (the CLI has no monitor). */
export async function phonesFromGateway(client: GatewayClient, nowMs: number = Date.now()): Promise<PhoneInfo[]> {
  const devices = await client.getAllDevices();
  const offset = client.clockOffsetMs();
  return devices.map((d) => ({
    deviceId: d.id,
    title: d.title,
    online: isOnline(d.lastSeen ? Date.parse(d.lastSeen.iso) : null, d.pollIntervalSeconds, nowMs, offset),
    sendDelaySeconds: d.sendDelaySeconds,
  }));
}
