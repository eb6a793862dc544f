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

interface Words {
  unnamed(id: number): string;
  backOnline(name: string): string;
  willSend(waiting: number): string;
  pollingAgain: string;
  offline(name: string): string;
  neverSeen: string;
  seen(amount: number, unit: 'min' | 'h' | 'days'): string;
  waitNote: string;
}

const WORDS: Record<Language, Words> = {
  en: {
    unnamed: (id) => `Phone ${id}`,
    backOnline: (name) => `${name} is back online`,
    willSend: (n) => `It will now send the ${n} waiting message(s).`,
    pollingAgain: 'It is polling the gateway again.',
    offline: (name) => `${name} is offline`,
    neverSeen: 'It has not been seen yet.',
    seen: (amount, unit) => `Last seen ${amount} ${unit} ago.`,
    waitNote: 'Messages wait on the gateway until it is back.',
  },
  'pt-BR': {
    unnamed: (id) => `Celular ${id}`,
    backOnline: (name) => `${name} voltou a ficar online`,
    willSend: (n) => `Agora vai enviar a(s) ${n} mensagem(ns) na fila.`,
    pollingAgain: 'Voltou a se conectar ao gateway.',
    offline: (name) => `${name} está offline`,
    neverSeen: 'Ainda não foi visto.',
    seen: (amount, unit) => `Visto há ${amount} ${unit === 'days' ? 'dias' : unit}.`,
    waitNote: 'As mensagens esperam no gateway até ele voltar.',
  },
};

/** Rounded to the unit a person would say: minutes under an hour, hours under two days, then days. */
function ago(ms: number): [number, 'min' | 'h' | 'days'] {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return [minutes, 'min'];
  const hours = Math.round(minutes / 60);
  return hours < 48 ? [hours, 'h'] : [Math.round(hours / 24), 'days'];
}

export function notificationText(language: Language, facts: TransitionFacts): { title: string; body: string } {
  const w = WORDS[language];
  const name = facts.title || w.unnamed(facts.deviceId);
  if (facts.online) {
    return { title: w.backOnline(name), body: facts.waiting > 0 ? w.willSend(facts.waiting) : w.pollingAgain };
  }
  const seen = facts.agoMs === null ? w.neverSeen : w.seen(...ago(facts.agoMs));
  return { title: w.offline(name), body: `${seen} ${w.waitNote}` };
}
