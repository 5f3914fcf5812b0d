import type { ConversationDto, ConversationFileDto } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { clockTime, dayLabel } from '../../../lib/time';
import { Icon } from '../../../ui/Icon';
import { visitorLabel } from '../../inbox/inboxLists';
import { fileMeta } from '../checks';
import { useConversationFiles, useDownloadFile } from '../hooks';
import { STATUS_TEXT } from '../links';
import { FileTile } from './FileTile';
import '../files.css';

function uploaderLabel(f: ConversationFileDto, conv: ConversationDto): string {
  if (f.uploaderType === 'visitor') return f.uploaderName ?? visitorLabel(conv.visitor);
  if (f.uploaderType === 'api') return f.uploaderName ?? 'API';
  return f.uploaderName ?? 'Agent';
}

/** The side panel's list of the files shared in this chat (newest first), each downloadable. */
export function ConversationFiles({ conv }: { conv: ConversationDto }) {
  const files = useConversationFiles(conv.id);
  const download = useDownloadFile();
  const list = files.data ?? [];
  return (
    <section className="details__section" aria-labelledby={`files-${conv.id}`}>
      <h3 className="details__title" id={`files-${conv.id}`}>
        Files{list.length > 0 && <span className="details__count"> · {list.length}</span>}
      </h3>
      {files.isPending ? (
        <p className="muted">Loading…</p>
      ) : files.isError ? (
        <p className="muted">Could not load: {errorMessage(files.error)}</p>
      ) : list.length === 0 ? (
        <p className="muted">No files shared yet.</p>
      ) : (
        <ul className="conv-files" data-testid="conversation-files">
          {list.map((f) => {
            const gone = f.status !== 'ready';
            const when = (
              <time dateTime={f.createdAt} title={new Date(f.createdAt).toLocaleString()}>
                {dayLabel(f.createdAt)} {clockTime(f.createdAt)}
              </time>
            );
            return (
              <li key={f.id} className={`conv-file${gone ? ' conv-file--gone' : ''}`} data-testid="conversation-file" data-attachment-id={f.id} data-status={f.status}>
                <FileTile type={f.type} size="sm" />
                <div className="conv-file__main">
                  {gone ? (
                    <span className="conv-file__name">{f.name}</span>
                  ) : (
                    <button type="button" className="conv-file__name conv-file__link" onClick={() => void download(f)} title={`Download ${f.name}`}>
                      {f.name}
                    </button>
                  )}
                  <span className="conv-file__meta">
                    {gone ? STATUS_TEXT[f.status as 'expired' | 'infected'] : fileMeta(f)} · {uploaderLabel(f, conv)} · {when}
                  </span>
                </div>
                {!gone && (
                  <button type="button" className="icon-btn icon-btn--sm" onClick={() => void download(f)} aria-label={`Download ${f.name}`} title="Download">
                    <Icon name="download" size={16} />
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
