import type { Language } from '../../../shared/domain';

// Desktop notification text, in the user's language (main has no i18next; these few lines don't need it).

export interface TransitionFacts {
  /** The phone's title; may be empty. */
  title: string;
  deviceId: number;
  online: boolean;
  /** Messages waiting on the gateway for this phone. */
  waiting: number;
  /** How long ago the phone was last seen; null when never. */
  agoMs: number | null;
}

type Ago = { minutes: number } | { hours: number } | { days: number };

function ago(ms: number): Ago {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return { minutes };
  const hours = Math.round(minutes / 60);
  return hours < 48 ? { hours } : { days: Math.round(hours / 24) };
}

type Named = TransitionFacts & { name: string };

const TEXT: Record<Language, { online(f: Named): { title: string; body: string }; offline(f: Named): { title: string; body: string } }> = {
  en: {
    online: (f) => ({
      title: `${f.name} is back online`,
      body: f.waiting > 0 ? `It will now send the ${f.waiting} waiting message(s).` : 'It is polling the gateway again.',
    }),
    offline: (f) => {
      const a = f.agoMs === null ? null : ago(f.agoMs);
      const seen =
        a === null
          ? 'It has not been seen yet.'
          : 'minutes' in a
            ? `Last seen ${a.minutes} min ago.`
            : 'hours' in a
              ? `Last seen ${a.hours} h ago.`
              : `Last seen ${a.days} days ago.`;
      return { title: `${f.name} is offline`, body: `${seen} Messages wait on the gateway until it is back.` };
    },
  },
  'pt-BR': {
    online: (f) => ({
      title: `${f.name} voltou a ficar online`,
      body: f.waiting > 0 ? `Agora vai enviar a(s) ${f.waiting} mensagem(ns) na fila.` : 'Voltou a se conectar ao gateway.',
    }),
    offline: (f) => {
      const a = f.agoMs === null ? null : ago(f.agoMs);
      const seen =
        a === null
          ? 'Ainda não foi visto.'
          : 'minutes' in a
            ? `Visto há ${a.minutes} min.`
            : 'hours' in a
              ? `Visto há ${a.hours} h.`
              : `Visto há ${a.days} dias.`;
      return { title: `${f.name} está offline`, body: `${seen} As mensagens esperam no gateway até ele voltar.` };
    },
  },
};

const UNNAMED: Record<Language, (id: number) => string> = { en: (id) => `Phone ${id}`, 'pt-BR': (id) => `Celular ${id}` };

export function notificationText(language: Language, facts: TransitionFacts): { title: string; body: string } {
  const text = TEXT[language];
  const named = { ...facts, name: facts.title || UNNAMED[language](facts.deviceId) };
  return facts.online ? text.online(named) : text.offline(named);
}
