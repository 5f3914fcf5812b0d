import { useId } from 'react';
import { FILE_LIMITS, FILE_TYPES, formatBytes, type FilesReportDto, type SiteDto } from '@parley/protocol';
import { Field } from '../../../ui/Field';
import { Panel } from '../../../ui/Panel';
import { QueryStatus } from '../../../ui/QueryStatus';
import { FileTile } from '../../files/components/FileTile';
import { useFilesReport } from '../../files/hooks';
import { ToggleField } from '../components/ToggleField';
import { SectionForm } from './SectionForm';
import { fillDays, filesModel, toggleType, typeChoices, usagePercent, usageText, type FilesDraft } from './filesSettings';
import { storedSettings } from './sectionForm';
import { useSiteSection } from './useSiteSection';
import '../../files/files.css';

const CHOICES = typeChoices();

/** Files visitors may send, limits, how long files are kept, and the site's storage and uploads. */
export function FilesSection({ site }: { site: SiteDto }) {
  const section = useSiteSection(site, filesModel, 'File settings');
  const report = useFilesReport(site.id);
  const { draft, errors } = section;
  const typesId = useId();
  const set = (change: Partial<FilesDraft>) => section.update((d) => ({ ...d, ...change }));
  const savedQuotaMb = storedSettings(site.settings).files.quotaMb;

  return (
    <div className="stack" data-testid="files-settings">
      <SectionForm
        section={section}
        title="Files"
        description="What visitors may send in the chat and how long files are kept. Agents can always attach files; the types and the size limit apply to them too."
        testId="files"
      >
        <ToggleField
          label="Visitors can send files"
          checked={draft.enabled}
          onChange={(enabled) => set({ enabled })}
          testId="files-enabled"
          hint={draft.enabled ? 'The widget shows a paperclip; visitors can also drop or paste files.' : 'Off: the widget has no paperclip, and visitor uploads are refused.'}
        />
        <fieldset className="form__group" aria-describedby={`${typesId}-hint`}>
          <legend className="field-legend">Allowed file types</legend>
          <div className="type-grid" data-testid="files-types">
            {CHOICES.map((c) => (
              <label key={c.label} className="checkbox type-grid__item">
                <input
                  type="checkbox"
                  checked={c.keys.every((k) => draft.allowedTypes.includes(k))}
                  onChange={(e) => set({ allowedTypes: toggleType(draft.allowedTypes, c.keys, e.target.checked) })}
                  data-testid={`files-type-${c.keys[0]}`}
                />
                <FileTile type={c.keys[0]} size="sm" />
                <span>
                  {c.label} <span className="muted type-grid__ext">{c.exts}</span>
                </span>
              </label>
            ))}
          </div>
          <p id={`${typesId}-hint`} className={draft.allowedTypes.length === 0 ? 'field__error' : 'field__hint'}>
            {draft.allowedTypes.length === 0
              ? 'No type is allowed: nobody can send files on this website.'
              : 'Checked from the file’s contents, not its name: a program renamed to .png is refused.'}
          </p>
        </fieldset>
        <div className="field-row">
          <Field label="Largest file (MB)" error={errors['files.maxSizeMb']} hint={`1 to ${FILE_LIMITS.maxSizeMbCeiling} MB.`}>
            <input type="number" inputMode="numeric" min={1} max={FILE_LIMITS.maxSizeMbCeiling} className="input--short" value={draft.maxSizeMb} onChange={(e) => set({ maxSizeMb: e.target.value })} data-testid="files-max-size" />
          </Field>
          <Field label="Keep files for (days)" error={errors['files.retentionDays']} hint="Then deleted; the chat shows “File expired”.">
            <input type="number" inputMode="numeric" min={1} max={3650} className="input--short" value={draft.retentionDays} onChange={(e) => set({ retentionDays: e.target.value })} data-testid="files-retention" />
          </Field>
          <Field label="Uploads per minute per visitor" error={errors['files.uploadsPerMinute']} hint="More are refused until a minute has passed.">
            <input type="number" inputMode="numeric" min={1} max={120} className="input--short" value={draft.uploadsPerMinute} onChange={(e) => set({ uploadsPerMinute: e.target.value })} data-testid="files-rate" />
          </Field>
          <Field label="Storage quota (MB)" error={errors['files.quotaMb']} hint="Uploads are refused once the website’s files fill it.">
            <input type="number" inputMode="numeric" min={1} className="input--short" value={draft.quotaMb} onChange={(e) => set({ quotaMb: e.target.value })} data-testid="files-quota" />
          </Field>
        </div>
        {/* The saved quota (the site's settings follow a save at once; the report is from when it loaded). */}
        {report.data && <UsageBar bytes={report.data.bytes} quotaBytes={savedQuotaMb * 1024 * 1024} />}
      </SectionForm>
      <Panel title="Files report" description="Files stored for this website now, and uploads over the last 30 days.">
        <QueryStatus query={report} />
        {report.data && <FilesReport report={report.data} />}
      </Panel>
    </div>
  );
}

function UsageBar({ bytes, quotaBytes }: { bytes: number; quotaBytes: number }) {
  const pct = usagePercent(bytes, quotaBytes);
  const text = usageText(bytes, quotaBytes);
  return (
    <div className="usage" data-testid="files-usage">
      <div className="usage__head">
        <span className="field-legend">Storage used</span>
        <span className="usage__text">{text}</span>
      </div>
      <div
        className={`usage__track${pct >= 90 ? ' usage__track--full' : pct >= 75 ? ' usage__track--high' : ''}`}
        role="meter"
        aria-label="Storage used"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={text}
      >
        <span className="usage__bar" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function FilesReport({ report }: { report: FilesReportDto }) {
  const days = fillDays(report.daily, new Date());
  const most = Math.max(1, ...days.map((d) => d.count));
  const uploads = days.reduce((n, d) => n + d.count, 0);
  const uploadedBytes = days.reduce((n, d) => n + d.bytes, 0);
  const dayName = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  return (
    <div className="files-report" data-testid="files-report">
      <dl className="stat-tiles">
        <div className="stat-tile">
          <dt>Files stored</dt>
          <dd data-testid="files-report-count">{report.count}</dd>
        </div>
        <div className="stat-tile">
          <dt>Storage used</dt>
          <dd data-testid="files-report-bytes">{formatBytes(report.bytes)}</dd>
        </div>
        <div className="stat-tile">
          <dt>Expired</dt>
          <dd>{report.expired}</dd>
        </div>
        <div className="stat-tile">
          <dt>Blocked (virus)</dt>
          <dd>{report.infected}</dd>
        </div>
      </dl>
      <div className="files-report__cols">
        <section aria-labelledby="files-by-type">
          <h3 id="files-by-type" className="files-report__title">
            By type
          </h3>
          {report.byType.length === 0 ? (
            <p className="muted">No files stored.</p>
          ) : (
            <table className="mini-table" data-testid="files-by-type">
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col" className="num">
                    Files
                  </th>
                  <th scope="col" className="num">
                    Size
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...report.byType]
                  .sort((a, b) => b.bytes - a.bytes)
                  .map((t) => (
                    <tr key={t.type}>
                      <td>
                        <span className="mini-table__type">
                          <FileTile type={t.type} size="sm" /> {FILE_TYPES[t.type].label} <span className="muted">.{FILE_TYPES[t.type].exts[0]}</span>
                        </span>
                      </td>
                      <td className="num">{t.count}</td>
                      <td className="num">{formatBytes(t.bytes)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="files-daily">
          <h3 id="files-daily" className="files-report__title">
            Last 30 days
          </h3>
          <p className="muted files-report__sum">
            {uploads} {uploads === 1 ? 'upload' : 'uploads'}, {formatBytes(uploadedBytes)}
          </p>
          <ol className="day-bars" aria-label="Uploads per day, last 30 days" data-testid="files-daily">
            {days.map((d) => (
              <li key={d.date} className="day-bars__day" title={`${dayName(d.date)}: ${d.count} ${d.count === 1 ? 'file' : 'files'}, ${formatBytes(d.bytes)}`}>
                <span className="day-bars__bar" style={{ height: `${d.count === 0 ? 0 : Math.max(6, (d.count / most) * 100)}%` }} />
                <span className="visually-hidden">
                  {dayName(d.date)}: {d.count}
                </span>
              </li>
            ))}
          </ol>
          <div className="day-bars__axis" aria-hidden="true">
            <span>{dayName(days[0]!.date)}</span>
            <span>Today</span>
          </div>
        </section>
      </div>
    </div>
  );
}
