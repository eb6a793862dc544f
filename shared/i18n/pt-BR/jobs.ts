import type { jobsEn } from '../en/jobs';

// Palavras em português do Brasil: jobs (the same keys as ../en/jobs.ts).

export const jobsPtBR: typeof jobsEn = {
  kinds: {
    messages: { sync: 'Sincronizar o histórico de mensagens' },
    contacts: { import: 'Importar contatos', saveTag: 'Criar uma etiqueta' },
    campaigns: { send: 'Campanha “{{title}}”' },
  },
};
