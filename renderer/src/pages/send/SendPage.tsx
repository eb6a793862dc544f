import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { SimSlot } from '../../../../shared/domain';
import { MAX_IMAGE_BYTES, type ImageView, type SingleSendView } from '../../../../shared/ipc';
import { errorMessage } from '../../api/client';
import { useAction, useInvoke } from '../../api/hooks';
import { useSettled } from '../../composer/settled';
import { useOptOutReason } from '../../composer/OptedOutPeople';
import { shrinkImage } from './shrink-image';
import { Button, Field } from '../../ui';
import { useComposerDefaults } from '../../composer/defaults';
import { MessageField } from '../../composer/MessageField';
import { isSmsChannel, PhonePicker } from '../../composer/PhonePicker';
import { Steps } from '../../composer/Steps';
import { firstReason } from '../../composer/WhyDisabled';
import { SendConfirm } from './SendConfirm';
import { sizeText } from './size';
import { wallTimeToIso } from '../../composer/time';
import { useNow } from '../../ui/useNow';
import { WhenPicker, type WhenValue } from '../../composer/WhenPicker';
import page from '../../composer/sending.module.css';

// Single sends (addsms): a message to one or a few numbers. Numbers are read as the user types (normalised
// to +CC…, repeats folded); main checks them again with the opt-out list and answers per number. Two steps:
// compose, then a confirmation (to whom, from which phone, when, how many SMS or which image) whose button
// alone sends; Enter in a field never does. Never retried: an unknown outcome is read back by its customerid.

const MAX_NUMBERS = 100;
/** The opt-out check runs once typing pauses this long. */
const CHECK_DELAY_MS = 400;

export interface CheckedNumber {
  raw: string;
  /** E.164, or null when it is not a phone number. */
  phone: string | null;
  duplicate: boolean;
}

/** The numbers typed, split on commas, semicolons and lines, normalised with the default country. */
export function checkNumbers(text: string, country: string): CheckedNumber[] {
  const seen = new Set<string>();
  return text
    .split(/[,;\n]+/)
    .map((raw) => raw.trim())
    .filter(Boolean)
    .slice(0, MAX_NUMBERS)
    .map((raw) => {
      const parsed = parsePhoneNumberFromString(raw, country as CountryCode);
      const phone = parsed?.isValid() ? parsed.number : null;
      const duplicate = phone !== null && seen.has(phone);
      if (phone) seen.add(phone);
      return { raw, phone, duplicate };
    });
}

export function SendPage() {
  const { t, i18n } = useTranslation();
  const defaults = useComposerDefaults();
  const [numbers, setNumbers] = useState('');
  const [body, setBody] = useState('');
  // Settings' default phone and channel until the user picks another.
  const [pickedPhone, setPhone] = useState<{ deviceId: number | null; sim: SimSlot } | null>(null);
  const phone = pickedPhone ?? { deviceId: defaults.deviceId, sim: defaults.sim };
  const now = useNow();
  const [when, setWhen] = useState<WhenValue>({ mode: 'now', wallTime: '' });
  const [urgent, setUrgent] = useState(false);
  const [image, setImage] = useState<ImageView | null>(null);
  const [step, setStep] = useState(0);
  const pickImage = useAction('sending:pickImage');
  const putImage = useAction('sending:putImage');
  const [shrinking, setShrinking] = useState<{ name: string; from: number } | 'failed' | null>(null);
  /** A photo over the limit is shrunk here, then kept by main; a refused file takes the old preview away. */
  const choose = () =>
    pickImage.mutate(undefined, {
      // react-query does not wait for onSuccess: the shrinking runs on, its outcome shown through state.
      onSuccess: (picked) =>
        void (async () => {
          if (!picked) return;
          putImage.reset();
          if (!picked.oversize) {
            setShrinking(null);
            setImage(picked);
            return;
          }
          setImage(null);
          setShrinking({ name: picked.name, from: picked.size });
          const smaller = await shrinkImage(picked.dataUrl, MAX_IMAGE_BYTES).catch(() => null);
          if (!smaller) return setShrinking('failed');
          putImage.mutate(
            { name: picked.name, dataUrl: smaller },
            {
              onSuccess: (kept) => {
                setImage(kept);
                setShrinking({ name: picked.name, from: picked.size });
              },
              onError: () => setShrinking(null),
            },
          );
        })(),
      onError: () => {
        setImage(null);
        setShrinking(null);
      },
    });
  const send = useAction('sending:send');

  const checked = useMemo(() => checkNumbers(numbers, defaults.country), [numbers, defaults.country]);
  const valid = checked.filter((n) => n.phone !== null && !n.duplicate);
  // Main's word on each number before Send is pressed: who opted out, and with which reply (fresh replies read).
  const typed = useSettled(
    valid.map((n) => n.phone!),
    CHECK_DELAY_MS,
  );
  const optOuts = useInvoke('sending:check', typed.length > 0 ? { to: typed, country: defaults.country } : undefined, {
    enabled: typed.length > 0,
  });
  const optedOut = new Map((optOuts.data ?? []).filter((r) => r.state === 'opted-out' && r.optedOut).map((r) => [r.phone!, r.optedOut!]));
  const reason = useOptOutReason();
  const sendAt = when.mode === 'at' ? wallTimeToIso(when.wallTime, defaults.zone) : null;
  const past = when.mode === 'at' && sendAt !== null && Date.parse(sendAt) < now;
  const whatsApp = !isSmsChannel(phone.sim);
  // An SMS cannot carry an image: refused here, with the reason, before anything is sent.
  const imageRefused = image !== null && !whatsApp;
  const imageBusy = pickImage.isPending || putImage.isPending || (shrinking !== null && shrinking !== 'failed' && image === null);
  // Why the confirmation cannot open yet (null: it can), in words beside the button.
  const whyNot = firstReason([
    [imageRefused, t('screens.disabled.imageOnSms')],
    [past, t('screens.disabled.past')],
    [when.mode === 'at' && sendAt === null, t('screens.disabled.noTime')],
    [valid.length === 0, t('campaigns.single.noneValid')],
    [imageBusy, t('composer.disabled.checkingImage')],
    [!body.trim() && !image, t('composer.disabled.noMessageOrImage')],
    [phone.deviceId === null, t('screens.disabled.noPhone')],
    [valid.every((n) => optedOut.has(n.phone!)), t('screens.disabled.nobodyLeft')],
  ]);
  const to = valid.map((n) => n.phone!);
  const sendNow = () =>
    send.mutate(
      {
        to,
        body,
        deviceId: phone.deviceId!,
        sim: phone.sim,
        sendAt,
        urgent,
        imageId: whatsApp && image ? image.imageId : null,
        country: defaults.country,
      },
      { onSuccess: () => setStep(0) },
    );

  return (
    <section aria-labelledby="page-title" className={page.page}>
      <h1 id="page-title">{t('campaigns.single.title')}</h1>
      <p className={`muted ${page.intro}`}>{t('campaigns.single.intro')}</p>
      <form
        className={page.panel}
        aria-label={t('campaigns.single.title')}
        noValidate
        onSubmit={(event) => {
          // Enter in a field never sends: only the confirmation's button does.
          event.preventDefault();
        }}
      >
        <Steps
          labels={[t('composer.steps.message'), t('composer.steps.review')]}
          current={step}
          onGo={setStep}
          canOpen={() => whyNot === null}
          title={step === 0 ? t('composer.send.composeTitle') : t('composer.send.title')}
          testId="send-steps"
          next={
            step === 0
              ? {
                  reason: whyNot,
                  label: t('sending.confirm.review'),
                  onNext: () => {
                    send.reset();
                    setStep(1);
                  },
                }
              : {
                  reason: whyNot,
                  busy: send.isPending,
                  label: send.isPending
                    ? t('campaigns.single.sending')
                    : sendAt
                      ? t('sending.confirm.schedule')
                      : t('sending.confirm.send'),
                  onNext: sendNow,
                }
          }
        >
          {step === 1 && phone.deviceId !== null ? (
            <>
              <SendConfirm
                to={to}
                optedOut={to.filter((n) => optedOut.has(n))}
                deviceId={phone.deviceId}
                sim={phone.sim}
                sendAt={sendAt}
                zone={defaults.zone}
                urgent={urgent}
                body={body}
                image={whatsApp ? image : null}
              />
              {send.error ? (
                <p role="alert" className="error">
                  {errorMessage(send.error)}
                </p>
              ) : null}
            </>
          ) : (
            <div className={page.columns}>
              <div className={page.stack}>
                <Field label={t('campaigns.single.numbers')} hint={t('campaigns.single.numbersHint', { country: defaults.country })}>
                  {(control) => (
                    <textarea {...control} className={page.textareaSmall} value={numbers} onChange={(e) => setNumbers(e.target.value)} />
                  )}
                </Field>
                {checked.length > 0 ? (
                  <ul className={page.numbers} aria-label={t('campaigns.single.checked')} data-testid="checked-numbers">
                    {checked.map((n, index) => (
                      <li key={`${n.raw}-${index}`}>
                        <span className={`pill ${n.phone === null ? 'bad' : n.duplicate || optedOut.has(n.phone) ? 'warn' : 'good'}`}>
                          {n.phone === null
                            ? t('campaigns.single.invalid')
                            : n.duplicate
                              ? t('campaigns.single.duplicate')
                              : optedOut.has(n.phone)
                                ? t('sending.optedOut.pill')
                                : t('campaigns.single.valid')}
                        </span>{' '}
                        {n.phone ?? n.raw}
                        {n.phone && !n.duplicate && optedOut.has(n.phone) ? (
                          <span className="muted small" data-testid="opted-out-reason">
                            {' '}
                            — {reason(optedOut.get(n.phone)!)}; {t('sending.optedOut.notSent')}
                          </span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
                <MessageField label={t('campaigns.single.body')} value={body} onChange={setBody} sms={!whatsApp} />
              </div>
              <div className={page.stack}>
                <PhonePicker deviceId={phone.deviceId} sim={phone.sim} onChange={setPhone} />
                <WhenPicker value={when} onChange={setWhen} zone={defaults.zone} past={past} />
                <label className="check">
                  <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />
                  {t('campaigns.single.urgent')}
                </label>
                <fieldset className={page.stack} data-testid="image">
                  <legend>{t('campaigns.single.image')}</legend>
                  <p className={`muted small ${page.tight}`}>
                    {t('campaigns.single.imageHint', { size: sizeText(MAX_IMAGE_BYTES, i18n.language) })}
                  </p>
                  {image ? <ImagePreview image={image} /> : null}
                  {shrinking !== null && shrinking !== 'failed' && image ? (
                    <p className="muted small" data-testid="image-shrunk">
                      {t('sending.image.shrunk', {
                        from: sizeText(shrinking.from, i18n.language),
                        to: sizeText(image.size, i18n.language),
                      })}
                    </p>
                  ) : null}
                  {shrinking === 'failed' ? (
                    <p role="alert" className="error">
                      {t('sending.image.cannotShrink')}
                    </p>
                  ) : null}
                  {putImage.error ? (
                    <p role="alert" className="error">
                      {errorMessage(putImage.error)}
                    </p>
                  ) : null}
                  {image && whatsApp && body.trim() !== '' ? (
                    <p className="notice small" data-testid="image-text-note">
                      {t('sending.image.textFirst')}
                    </p>
                  ) : null}
                  {/* Side by side under the preview (short words, so they fit the column without stacking). */}
                  <div className={page.imageActions}>
                    <Button disabled={pickImage.isPending || putImage.isPending} onClick={choose}>
                      {image ? t('campaigns.single.pickOtherImage') : t('campaigns.single.pickImage')}
                    </Button>
                    {image ? <Button onClick={() => setImage(null)}>{t('campaigns.single.removeImage')}</Button> : null}
                  </div>
                  {imageRefused ? (
                    <p role="alert" className="error" data-testid="image-refused">
                      {t('campaigns.single.imageOnlyWhatsApp')}
                    </p>
                  ) : null}
                  {pickImage.error ? (
                    <p role="alert" className="error">
                      {errorMessage(pickImage.error)}
                    </p>
                  ) : null}
                </fieldset>
              </div>
            </div>
          )}
        </Steps>
        {step === 0 && send.data ? <SendResults results={send.data} /> : null}
      </form>
    </section>
  );
}

function ImagePreview({ image }: { image: ImageView }) {
  const { t, i18n } = useTranslation();
  return (
    <figure className={page.figure}>
      <img className={page.image} src={image.dataUrl} alt={t('campaigns.single.imagePreview', { name: image.name })} />
      <figcaption className="muted small">
        {image.name} · {sizeText(image.size, i18n.language)}
      </figcaption>
    </figure>
  );
}

/** What main did with each number: queued, left out (opted out), not a number, refused, or unknown. */
function SendResults({ results }: { results: SingleSendView[] }) {
  const { t } = useTranslation();
  // Numbers, not messages: an image with its text is two messages to one number.
  const queued = new Set(results.filter((r) => r.state === 'queued').map((r) => r.to)).size;
  return (
    <div role="status" data-testid="send-results" className={page.stack}>
      {queued > 0 ? <p className={page.ok}>{t('campaigns.single.sent', { count: queued })}</p> : null}
      <ul className={page.numbers}>
        {results
          .filter((r) => r.state !== 'queued')
          .map((r) => (
            <li key={r.id} className={r.state === 'unknown' ? 'warn-text' : 'error'}>
              {r.to}:{' '}
              {r.state === 'suppressed'
                ? t('campaigns.single.suppressed')
                : r.state === 'invalid'
                  ? t('campaigns.single.invalid')
                  : r.state === 'unknown'
                    ? t('campaigns.single.unknown')
                    : (r.reason ?? r.state)}
            </li>
          ))}
      </ul>
    </div>
  );
}
