import type { PreflightOptions } from '../../../electron/main/preflight';

/** The fixture folders every file of which is read and compared, each in these countries (BR: fast lane; US: shared code, the library). */
export const FIXTURE_DIRS = ['csv', 'csv-e2e', 'sources'] as const;
export const COUNTRIES = ['BR', 'US'] as const;

const set = (...phones: string[]) => new Set(phones);

/** The generated 10k-row file, read with these options. */
export const VARIANTS: Record<string, PreflightOptions> = {
  BR: { country: 'BR' },
  'BR in a tag, with opt-outs, short preview': {
    country: 'BR',
    previewRows: 37,
    inTag: set('+5521926380410', '+5551934209374', '+551974261882', '+5511909107602', '+5585906758333', '+5541909611460'),
    optedOut: set('+5585980837644', '+447911045798', '+5519928735647', '+351911757886', '+5585980181706', '+351916461625'),
  },
  'BR both phone columns, name chosen, no consent column': {
    country: 'BR',
    phoneColumn: 'Celular+Telefone',
    nameColumn: 'Nome',
    consentColumn: null,
  },
  'BR no header': { country: 'BR', header: false },
  PT: { country: 'PT' },
  US: { country: 'US' },
  DE: { country: 'DE' },
};
