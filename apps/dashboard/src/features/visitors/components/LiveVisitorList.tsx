import { memo, type RefObject } from 'react';
import type { LiveVisitorDto } from '@parley/protocol';
import { deviceLabel, sourceLabel } from '../format';
import { useWindowedList } from '../hooks/useWindowedList';
import type { LiveRow } from '../liveList';
import { CartValue, ChatAction, ChatStatus, CurrentPage, Device, Location, Source, TimeOnSite, VisitorIdentity } from './cells';

/** Fixed heights make windowing exact (kept in sync with visitors.css). */
const ROW_HEIGHT = 64;
const CARD_HEIGHT = 218;

interface ListProps {
  rows: readonly LiveRow[];
  scrollRef: RefObject<HTMLDivElement | null>;
  canChat: boolean;
  agentName: (id: string) => string | undefined;
  onStart: (v: LiveVisitorDto) => void;
}

/** Desktop: a table, one row per visitor, only the rows in view rendered. */
export function LiveVisitorTable({ rows, scrollRef, canChat, agentName, onStart }: ListProps) {
  const { start, end, padTop, padBottom } = useWindowedList(scrollRef, rows.length, ROW_HEIGHT);
  return (
    <table className="lv-table" aria-rowcount={rows.length + 1} data-testid="live-visitors">
      <colgroup>
        <col className="lv-col--who" />
        <col className="lv-col--page" />
        <col className="lv-col--num" />
        <col className="lv-col--pages" />
        <col className="lv-col--cart" />
        <col className="lv-col--loc" />
        <col className="lv-col--device" />
        <col className="lv-col--source" />
        <col className="lv-col--chat" />
      </colgroup>
      <thead>
        <tr aria-rowindex={1}>
          <th scope="col">Visitor</th>
          <th scope="col">Current page</th>
          <th scope="col">On site</th>
          <th scope="col" className="lv-right">
            Pages
          </th>
          <th scope="col" className="lv-right">
            Cart
          </th>
          <th scope="col">Location</th>
          <th scope="col">Device</th>
          <th scope="col">Source</th>
          <th scope="col">Chat</th>
        </tr>
      </thead>
      <tbody>
        {padTop > 0 && <tr className="lv-spacer" style={{ height: padTop }} aria-hidden="true" />}
        {rows.slice(start, end).map((v, i) => (
          <TableRow key={v.id} v={v} index={start + i} canChat={canChat} agentName={agentName} onStart={onStart} />
        ))}
        {padBottom > 0 && <tr className="lv-spacer" style={{ height: padBottom }} aria-hidden="true" />}
      </tbody>
    </table>
  );
}

interface RowProps {
  v: LiveRow;
  index: number;
  canChat: boolean;
  agentName: (id: string) => string | undefined;
  onStart: (v: LiveVisitorDto) => void;
}

const TableRow = memo(function TableRow({ v, index, canChat, agentName, onStart }: RowProps) {
  return (
    <tr className={`lv-row${v.leavingAt !== undefined ? ' lv-row--leaving' : ''}`} aria-rowindex={index + 2} data-testid="live-visitor" data-id={v.id}>
      <td>
        <VisitorIdentity v={v} />
      </td>
      <td>
        <CurrentPage v={v} />
      </td>
      <td>
        <TimeOnSite v={v} />
      </td>
      <td className="lv-right">
        <span className="lv-num" data-testid="live-pages">
          {v.pagesViewed}
        </span>
      </td>
      <td className="lv-right">
        <CartValue v={v} />
      </td>
      <td>
        <Location v={v} twoLines />
      </td>
      <td>
        <Device v={v} />
      </td>
      <td>
        <Source v={v} />
      </td>
      <td>
        <span className="lv-chatcell">
          <ChatStatus v={v} agentName={agentName} />
          <ChatAction v={v} canChat={canChat} onStart={onStart} />
        </span>
      </td>
    </tr>
  );
});

/** Phones: one card per visitor, windowed the same way. */
export function LiveVisitorCards({ rows, scrollRef, canChat, agentName, onStart }: ListProps) {
  const { start, end, padTop, padBottom } = useWindowedList(scrollRef, rows.length, CARD_HEIGHT);
  return (
    <ul className="lv-cards" style={{ paddingTop: padTop, paddingBottom: padBottom + 10 }} data-testid="live-visitors">
      {rows.slice(start, end).map((v) => (
        <Card key={v.id} v={v} canChat={canChat} agentName={agentName} onStart={onStart} />
      ))}
    </ul>
  );
}

const Card = memo(function Card({ v, canChat, agentName, onStart }: Omit<RowProps, 'index'>) {
  return (
    <li className={`lv-card${v.leavingAt !== undefined ? ' lv-row--leaving' : ''}`} data-testid="live-visitor" data-id={v.id}>
      <div className="lv-card__top">
        <VisitorIdentity v={v} />
        {v.cart && <CartValue v={v} />}
      </div>
      <CurrentPage v={v} />
      <dl className="lv-card__facts">
        <div>
          <dt>On site</dt>
          <dd>
            <TimeOnSite v={v} />
          </dd>
        </div>
        <div>
          <dt>Pages</dt>
          <dd className="lv-num" data-testid="live-pages">
            {v.pagesViewed}
          </dd>
        </div>
        <div>
          <dt>From</dt>
          <dd>
            <Location v={v} />
          </dd>
        </div>
      </dl>
      <p className="lv-sub lv-ellipsis lv-card__meta">{[deviceLabel(v.device), v.referrer || v.utmSource ? `via ${sourceLabel(v.referrer, v.utmSource)}` : 'direct visit'].filter(Boolean).join(' · ')}</p>
      <div className="lv-card__bottom">
        <ChatStatus v={v} agentName={agentName} />
        <ChatAction v={v} canChat={canChat} onStart={onStart} />
      </div>
    </li>
  );
});
