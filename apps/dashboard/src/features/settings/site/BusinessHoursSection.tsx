import { useId, useMemo } from 'react';
import { WEEKDAYS, type SiteDto, type TimeRange, type Weekday } from '@parley/protocol';
import { Field } from '../../../ui/Field';
import { Icon } from '../../../ui/Icon';
import { useNow } from '../../../lib/useNow';
import { ToggleField } from '../components/ToggleField';
import { SectionForm } from './SectionForm';
import { errorsUnder, type PathErrors } from './sectionForm';
import { useSiteSection } from './useSiteSection';
import { DAY_NAMES, browserTimeZone, copyMondayToWeekdays, endFromInput, endToInput, hoursModel, nextRange, setDayOpen, statusLine, timeZones, type HoursDraft } from './weekly';

/** When the team answers chats: time zone, weekly hours, holidays, and whether that is now. */
export function BusinessHoursSection({ site }: { site: SiteDto }) {
  const section = useSiteSection(site, hoursModel, 'Business hours');
  const { draft, errors } = section;
  const now = useNow(30_000);
  const status = statusLine(draft, now);
  const zones = useMemo(timeZones, []);
  const listId = useId();
  const set = (change: Partial<HoursDraft>) => section.update((d) => ({ ...d, ...change }));
  const setDay = (day: Weekday, ranges: TimeRange[]) => section.update((d) => ({ ...d, weekly: { ...d.weekly, [day]: ranges } }));
  const mine = browserTimeZone();

  return (
    <SectionForm section={section} title="Business hours" description="Outside these hours the widget offers the offline form instead of a live chat." testId="hours">
      <ToggleField
        label="Use business hours"
        checked={draft.enabled}
        onChange={(enabled) => set({ enabled })}
        testId="hours-enabled"
        hint={draft.enabled ? 'Visitors can chat during these hours when an agent is online.' : 'Off: visitors can chat whenever an agent is online.'}
      />
      <div className="tz-row">
        <Field label="Time zone" error={errors['businessHours.timezone']} hint="Type to search, e.g. Paris or New_York.">
          <input list={listId} value={draft.timezone} onChange={(e) => set({ timezone: e.target.value })} spellCheck={false} autoComplete="off" data-testid="hours-timezone" />
        </Field>
        <datalist id={listId}>
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {draft.timezone !== mine && (
          <button type="button" className="btn btn--link tz-row__mine" onClick={() => set({ timezone: mine })}>
            Use mine ({mine})
          </button>
        )}
      </div>
      <div className="form__group" role="group" aria-labelledby={`${listId}-week`}>
        <div className="group-head">
          <span id={`${listId}-week`} className="field-legend">
            Weekly hours
          </span>
          <button type="button" className="btn btn--secondary btn--sm" onClick={() => set({ weekly: copyMondayToWeekdays(draft.weekly) })} data-testid="hours-copy-monday">
            Copy Monday to Tue–Fri
          </button>
        </div>
        <ul className="week" data-testid="hours-week">
          {WEEKDAYS.map((day) => (
            <DayRow key={day} day={day} ranges={draft.weekly[day]} errors={errors} onChange={(ranges) => setDay(day, ranges)} onOpen={(open) => set({ weekly: setDayOpen(draft.weekly, day, open) })} />
          ))}
        </ul>
        <p className="field__hint">Times are in the website’s time zone. To stay open until midnight, end at 00:00 (12:00 AM).</p>
      </div>
      <p className={`hours-status${status.open ? ' hours-status--open' : ''}`} role="status" data-testid="hours-status">
        <span className="hours-status__dot" aria-hidden="true" />
        {status.text}
      </p>
      <fieldset className="form__group">
        <legend className="field-legend">Holidays</legend>
        <p className="field__hint group-hint">Closed all day, in the website’s time zone.</p>
        {errors['businessHours.holidays'] && <p className="field__error">{errors['businessHours.holidays']}</p>}
        <ul className="holidays">
          {draft.holidays.map((h, i) => (
            <li key={i} className="holiday" data-testid="hours-holiday">
              <Field label="Date" error={errors[`businessHours.holidays.${i}.date`]}>
                <input type="date" value={h.date} onChange={(e) => set({ holidays: draft.holidays.map((x, j) => (j === i ? { ...x, date: e.target.value } : x)) })} data-testid="hours-holiday-date" />
              </Field>
              <Field label="Name" error={errors[`businessHours.holidays.${i}.name`]}>
                <input value={h.name} maxLength={80} placeholder="e.g. Christmas" onChange={(e) => set({ holidays: draft.holidays.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })} data-testid="hours-holiday-name" />
              </Field>
              <button type="button" className="icon-btn icon-btn--danger holiday__remove" onClick={() => set({ holidays: draft.holidays.filter((_, j) => j !== i) })} aria-label={`Remove ${h.name || h.date || 'holiday'}`}>
                <Icon name="trash" size={16} />
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="btn btn--secondary btn--sm" onClick={() => set({ holidays: [...draft.holidays, { date: '', name: '' }] })} disabled={draft.holidays.length >= 100} data-testid="hours-holiday-add">
          <Icon name="plus" size={16} /> Add holiday
        </button>
      </fieldset>
    </SectionForm>
  );
}

interface DayRowProps {
  day: Weekday;
  ranges: TimeRange[];
  errors: PathErrors;
  onChange(ranges: TimeRange[]): void;
  onOpen(open: boolean): void;
}

function DayRow({ day, ranges, errors, onChange, onOpen }: DayRowProps) {
  const path = `businessHours.weekly.${day}`;
  const open = ranges.length > 0;
  const more = nextRange(ranges);
  const messages = errorsUnder(errors, path);
  const replace = (i: number, r: TimeRange) => onChange(ranges.map((x, j) => (j === i ? r : x)));
  return (
    <li className={`day${open ? '' : ' day--closed'}`} data-testid={`hours-day-${day}`}>
      <label className="checkbox day__name">
        <input type="checkbox" checked={open} onChange={(e) => onOpen(e.target.checked)} data-testid={`hours-open-${day}`} />
        {DAY_NAMES[day]}
      </label>
      <div className="day__ranges">
        {!open && <span className="muted day__closed">Closed</span>}
        {ranges.map((r, i) => (
          <span key={i} className={`range${errors[`${path}.${i}.from`] || errors[`${path}.${i}.to`] ? ' range--invalid' : ''}`}>
            <input type="time" value={r.from} onChange={(e) => replace(i, { ...r, from: e.target.value })} aria-label={`${DAY_NAMES[day]} opens at`} data-testid="hours-from" />
            <span aria-hidden="true">–</span>
            <input type="time" value={endToInput(r.to)} onChange={(e) => replace(i, { ...r, to: endFromInput(e.target.value) })} aria-label={`${DAY_NAMES[day]} closes at`} data-testid="hours-to" />
            {r.to === '24:00' && <span className="muted range__note">{r.from === '00:00' ? 'all day' : 'midnight'}</span>}
            <button type="button" className="icon-btn icon-btn--sm" onClick={() => onChange(ranges.filter((_, j) => j !== i))} aria-label={`Remove ${DAY_NAMES[day]} ${r.from}–${r.to}`}>
              <Icon name="close" size={14} />
            </button>
          </span>
        ))}
        {open && more && ranges.length < 4 && (
          <button type="button" className="btn btn--link day__add" onClick={() => onChange([...ranges, more])} data-testid={`hours-add-${day}`}>
            + Add hours
          </button>
        )}
        {messages.map((m) => (
          <p key={m} className="field__error day__error" role="alert">
            {m}
          </p>
        ))}
      </div>
    </li>
  );
}
