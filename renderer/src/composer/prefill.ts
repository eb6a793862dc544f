import { useLocation } from 'react-router';

// A campaign composed elsewhere and handed over in one click (a newsletter whose text has placeholders goes to
// the same tags as a personalised campaign): the router's location state, read once by the composer.

export interface CampaignPrefill {
  tagIds: number[];
  body: string;
  footer: boolean;
}

export interface CampaignPrefillState {
  prefill: CampaignPrefill;
}

export function useCampaignPrefill(): CampaignPrefill | null {
  const state = useLocation().state as Partial<CampaignPrefillState> | null;
  const prefill = state?.prefill;
  return prefill && Array.isArray(prefill.tagIds) && typeof prefill.body === 'string' ? prefill : null;
}
