import type { AppInfo } from '../domain';
import { defineContract, none, out } from './kit';

export const appContract = defineContract({
  invoke: {
    'app:info': { input: none, output: out<AppInfo>() },
  },
  events: {},
});
