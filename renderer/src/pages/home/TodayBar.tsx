import { useTranslation } from 'react-i18next';
import { STATUS_GROUPS, type TodayView } from '../../../../shared/ipc';
import { formatNumber } from '../../format';
import styles from './HomePage.module.css';

// Today's messages as one bar split by status (SVG drawn by React: no runtime styles for the CSP), so a
// glance says whether the day goes well: mostly green is good, a red slice is a problem to open.

const WIDTH = 1000;
const HEIGHT = 28;

export function TodayBar({ today }: { today: TodayView }) {
  const { t, i18n } = useTranslation();
  const total = STATUS_GROUPS.reduce((sum, group) => sum + today[group], 0);
  const shown = STATUS_GROUPS.filter((group) => today[group] > 0);
  const widths = shown.map((group) => (total === 0 ? 0 : (today[group] / total) * WIDTH));
  const parts = shown.map((group, i) => ({ group, width: widths[i]!, x: widths.slice(0, i).reduce((a, b) => a + b, 0) }));
  const label = t('messages.home.chartLabel', {
    parts: STATUS_GROUPS.filter((group) => today[group] > 0)
      .map((group) => `${t(`messages.groups.${group}`)} ${formatNumber(today[group], i18n.language)}`)
      .join(', '),
  });
  return (
    <svg className={styles.bar} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <rect className={styles.barTrack} x={0} y={0} width={WIDTH} height={HEIGHT} />
      {parts.map((part) => (
        <rect key={part.group} className={styles[`fill-${part.group}`]} x={part.x} y={0} width={part.width} height={HEIGHT} />
      ))}
    </svg>
  );
}
