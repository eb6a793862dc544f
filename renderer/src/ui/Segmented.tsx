import styles from './Segmented.module.css';

export interface SegmentedOption<V extends string> {
  value: V;
  label: string;
}

/**
 * "Show: All · Online · Offline": one choice of a few, as a row of joined buttons. Each option is a real radio
 * button (the arrow keys move between them, screen readers name the group by its legend).
 */
export function Segmented<V extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  legendBeside = false,
  className,
}: {
  legend: string;
  name: string;
  value: V;
  options: readonly SegmentedOption<V>[];
  onChange: (value: V) => void;
  /** The legend on the same line, before the options (a filter); else above them (a form's control). */
  legendBeside?: boolean;
  /** Where the group sits among its neighbours (its margins). */
  className?: string | undefined;
}) {
  return (
    <fieldset className={[styles.group, legendBeside ? styles.beside : styles.above, className].filter(Boolean).join(' ')}>
      <legend className={styles.legend}>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className={styles.option}>
          <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
          <span>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
