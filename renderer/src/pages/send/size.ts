import { formatNumber } from '../../format';

/** "340 KB" below a megabyte (never "0 MB"), "2.4 MB" / "5 MB" from one up (never "5,120 KB"). */
export const sizeText = (bytes: number, language: string) =>
  bytes < 1048576
    ? `${formatNumber(Math.max(1, Math.round(bytes / 1024)), language)} KB`
    : `${formatNumber(Math.round((bytes / 1048576) * 10) / 10, language)} MB`;
