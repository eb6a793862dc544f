import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countSms } from '../../../../shared/sms';
import { MAX_REPLY_LENGTH, type ThreadView } from '../../../../shared/ipc';
import { errorMessage } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../ui';
import { channelName, usePhoneNames } from '../messages/common';
import styles from './InboxPage.module.css';

// The reply: one message on the phone and slot the customer wrote to. The button is busy while it leaves
// (a second press cannot send it twice; main refuses a second one too), and the words stay until it is queued.

export function ReplyBox({ thread }: { thread: ThreadView }) {
  const { t } = useTranslation();
  const phoneName = usePhoneNames(t);
  const [body, setBody] = useState('');
  const [sent, setSent] = useState(false);
  const reply = useAction('inbox:reply');
  if (thread.optedOut) return <p className="notice">{t('inbox.reply.optedOut')}</p>;
  if (!thread.replyFrom) return <p className="notice">{t('inbox.reply.noNumber')}</p>;
  const from = thread.replyFrom;
  const segments = countSms(body).segments;
  const send = () => {
    setSent(false);
    reply.mutate(
      { key: thread.key, body },
      {
        onSuccess: (result) => {
          if (result.send.state === 'queued') {
            setBody('');
            setSent(true);
          }
        },
      },
    );
  };
  return (
    <form
      className={styles.reply}
      onSubmit={(event) => {
        event.preventDefault();
        if (!reply.isPending && body.trim() !== '') send();
      }}
    >
      <label className={styles.replyLabel} htmlFor="inbox-reply">
        {t('inbox.reply.label')}
      </label>
      <textarea
        id="inbox-reply"
        rows={2}
        value={body}
        maxLength={MAX_REPLY_LENGTH}
        placeholder={t('inbox.reply.placeholder')}
        onChange={(event) => {
          setBody(event.target.value);
          setSent(false);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) event.currentTarget.form?.requestSubmit();
        }}
      />
      <div className={styles.replyFoot}>
        <span className="muted small">
          {t('inbox.reply.from', { phone: phoneName(from.deviceId), channel: channelName(t, from.sim) })}
          {segments > 0 ? ` · ${t('inbox.reply.segments', { count: segments })}` : ''}
        </span>
        <Button type="submit" variant="primary" disabled={reply.isPending || body.trim() === ''}>
          {reply.isPending ? t('inbox.reply.sending') : t('inbox.reply.send')}
        </Button>
      </div>
      {sent ? (
        <p className={styles.sentNote} role="status">
          {t('inbox.reply.sent')}
        </p>
      ) : null}
      {reply.isError ? <p className="error">{errorMessage(reply.error)}</p> : null}
    </form>
  );
}
