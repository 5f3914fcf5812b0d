import type { TriggerConditionType } from '@parley/protocol';
import { Icon } from '../../../ui/Icon';
import { rowUid, type PathErrors } from '../../settings/site/sectionForm';
import { CONDITION_TYPES, conditionMeta, newConditionRow, type ConditionRow } from '../conditions';

interface Props {
  rows: ConditionRow[];
  errors: PathErrors;
  onChange(rows: ConditionRow[]): void;
}

const MAX_CONDITIONS = 10;

/** The "all of these" list of a trigger: a row per condition (type, comparison, value). */
export function ConditionRows({ rows, errors, onChange }: Props) {
  const replace = (i: number, row: ConditionRow) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <div className="conditions">
      {errors.conditions && (
        <p className="field__error" role="alert">
          {errors.conditions}
        </p>
      )}
      <ol className="conditions__list">
        {rows.map((row, i) => {
          const meta = conditionMeta(row.type);
          const error = errors[`conditions.${i}`];
          return (
            <li key={row.uid} className={`condition${error ? ' condition--invalid' : ''}`} data-testid="condition-row">
              {i > 0 && <span className="condition__and">and</span>}
              <div className="condition__controls">
                <select
                  aria-label={`Condition ${i + 1}`}
                  value={row.type}
                  onChange={(e) => replace(i, newConditionRow(e.target.value as TriggerConditionType, row.uid))}
                  data-testid="condition-type"
                >
                  {CONDITION_TYPES.map((m) => (
                    <option key={m.type} value={m.type}>
                      {m.label}
                    </option>
                  ))}
                </select>
                {meta.ops.length > 0 && (
                  <select aria-label="Comparison" value={row.op} onChange={(e) => replace(i, { ...row, op: e.target.value })} data-testid="condition-op">
                    {meta.ops.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                )}
                <ConditionValue row={row} onChange={(value) => replace(i, { ...row, value })} />
                <button type="button" className="icon-btn icon-btn--sm icon-btn--danger" onClick={() => onChange(rows.filter((r) => r.uid !== row.uid))} aria-label={`Remove condition ${i + 1}`} data-testid="condition-remove">
                  <Icon name="trash" size={16} />
                </button>
              </div>
              {error && (
                <p className="field__error" role="alert">
                  {error}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn btn--secondary btn--sm" onClick={() => onChange([...rows, newConditionRow('url', rowUid())])} disabled={rows.length >= MAX_CONDITIONS} data-testid="condition-add">
        <Icon name="plus" size={16} /> Add condition
      </button>
    </div>
  );
}

function ConditionValue({ row, onChange }: { row: ConditionRow; onChange(value: string): void }) {
  const meta = conditionMeta(row.type);
  const number = (unit: string, max: number) => (
    <span className="condition__number">
      <input type="number" inputMode="numeric" min={0} max={max} value={row.value} onChange={(e) => onChange(e.target.value)} aria-label={meta.label} data-testid="condition-value" />
      <span className="muted">{unit}</span>
    </span>
  );
  switch (meta.input) {
    case 'seconds':
      return number('seconds or more', 3600);
    case 'count':
      return number('or more', 1000);
    case 'amount':
      return number('(cart total)', 1e9);
    case 'yesno':
      return (
        <select aria-label="Returning visitor" value={row.value} onChange={(e) => onChange(e.target.value)} data-testid="condition-value">
          <option value="true">is returning</option>
          <option value="false">is new</option>
        </select>
      );
    case 'none':
      return <span className="muted condition__text">when the pointer heads out of the window</span>;
    case 'text':
      return <input className="condition__text-input" value={row.value} maxLength={200} placeholder={meta.placeholder} onChange={(e) => onChange(e.target.value)} aria-label={`${meta.label} value`} data-testid="condition-value" />;
  }
}
