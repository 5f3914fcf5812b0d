import { FILE_TYPES, type FileTypeKey } from '@parley/protocol';
import { Icon, type IconName } from '../../../ui/Icon';

const LOOK: Record<FileTypeKey, { icon: IconName; tone: string; short: string }> = {
  pdf: { icon: 'file', tone: 'pdf', short: 'PDF' },
  doc: { icon: 'note', tone: 'word', short: 'DOC' },
  docx: { icon: 'note', tone: 'word', short: 'DOC' },
  xlsx: { icon: 'sheet', tone: 'sheet', short: 'XLS' },
  csv: { icon: 'sheet', tone: 'sheet', short: 'CSV' },
  txt: { icon: 'note', tone: 'text', short: 'TXT' },
  jpg: { icon: 'image', tone: 'image', short: 'JPG' },
  png: { icon: 'image', tone: 'image', short: 'PNG' },
  gif: { icon: 'image', tone: 'image', short: 'GIF' },
  webp: { icon: 'image', tone: 'image', short: 'WEBP' },
};

/** The coloured type badge of a file card: an icon and the short type, e.g. PDF. */
export function FileTile({ type, size = 'md' }: { type: FileTypeKey | undefined; size?: 'sm' | 'md' }) {
  const look = type ? LOOK[type] : { icon: 'file' as const, tone: 'other', short: 'FILE' };
  return (
    <span className={`file-tile file-tile--${look.tone} file-tile--${size}`} aria-hidden="true" title={type ? FILE_TYPES[type].label : undefined}>
      <Icon name={look.icon} size={size === 'sm' ? 14 : 18} />
      {size === 'md' && <span className="file-tile__ext">{look.short}</span>}
    </span>
  );
}
