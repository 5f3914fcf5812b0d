/**
 * Every mail Parley sends, as plain text plus simple HTML. All user-supplied text (names,
 * messages, form answers, site names) goes through `escapeHtml` in the HTML part.
 */

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

/** Escapes text for an HTML element or a double-quoted attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Escaped, with line breaks kept. */
const para = (s: string) => escapeHtml(s).replace(/\r?\n/g, '<br>');

const quote = (s: string) => s.split(/\r?\n/).map((l) => `> ${l}`).join('\n');

function layout(inner: string): string {
  return `<!doctype html><html><body style="font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2328">${inner}</body></html>`;
}

const quoteHtml = (s: string) => `<blockquote style="margin:12px 0;padding:8px 12px;border-left:3px solid #d0d7de;color:#424a53">${para(s)}</blockquote>`;

/** "When we'll answer", in the site's time zone; or "as soon as possible". */
export function whenWeAnswer(nextOpenAt: Date | null, timeZone: string): string {
  if (!nextOpenAt) return 'as soon as possible';
  const at = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(nextOpenAt);
  return `when we're back (${at})`;
}

/** The subject every mail of an email conversation shares, so mail clients thread them. */
export const threadSubject = (team: string) => `Your message to ${team}`;

export interface OfflineNotice {
  siteName: string;
  visitorName: string;
  visitorEmail: string;
  message: string;
  /** Other form answers: label (or key) → value. */
  fields: [string, string][];
  link: string;
}

/** To every agent of the site: someone left a message while nobody was available. */
export function offlineNoticeMail(n: OfflineNotice): Rendered {
  const fieldLines = n.fields.map(([k, v]) => `${k}: ${v}`);
  return {
    subject: `New offline message from ${n.visitorName} on ${n.siteName}`,
    text: [`${n.visitorName} <${n.visitorEmail}> left a message on ${n.siteName}:`, '', quote(n.message), '', ...fieldLines, ...(fieldLines.length ? [''] : []), `Answer it in Parley: ${n.link}`].join('\n'),
    html: layout(
      `<p><strong>${escapeHtml(n.visitorName)}</strong> &lt;${escapeHtml(n.visitorEmail)}&gt; left a message on ${escapeHtml(n.siteName)}:</p>` +
        quoteHtml(n.message) +
        (n.fields.length ? `<table style="border-collapse:collapse">${n.fields.map(([k, v]) => `<tr><td style="padding:2px 12px 2px 0;color:#59636e">${escapeHtml(k)}</td><td>${para(v)}</td></tr>`).join('')}</table>` : '') +
        `<p><a href="${escapeHtml(n.link)}">Answer it in Parley</a></p>`,
    ),
  };
}

/** To the visitor: we got your message and will answer by email. */
export function offlineAutoReplyMail(r: { team: string; visitorName: string; message: string; when: string }): Rendered {
  const promise = `We'll answer by email ${r.when}. You can reply to this email to add anything.`;
  return {
    subject: threadSubject(r.team),
    text: [`Hi ${r.visitorName},`, '', `Thanks for your message to ${r.team}. ${promise}`, '', 'Your message:', quote(r.message), '', `— ${r.team}`].join('\n'),
    html: layout(
      `<p>Hi ${escapeHtml(r.visitorName)},</p><p>Thanks for your message to ${escapeHtml(r.team)}. ${escapeHtml(promise)}</p><p>Your message:</p>` +
        quoteHtml(r.message) +
        `<p>— ${escapeHtml(r.team)}</p>`,
    ),
  };
}

/** To the visitor: an agent's answer in an email conversation. */
export function agentReplyMail(r: { team: string; agentName: string; body: string }): Rendered {
  const footer = 'Reply to this email to answer.';
  return {
    subject: `Re: ${threadSubject(r.team)}`,
    text: [r.body, '', `— ${r.agentName}, ${r.team}`, '', footer].join('\n'),
    html: layout(`<p>${para(r.body)}</p><p>— ${escapeHtml(r.agentName)}, ${escapeHtml(r.team)}</p><p style="color:#59636e;font-size:13px">${footer}</p>`),
  };
}

export interface TranscriptLine {
  who: string;
  at: Date;
  body: string;
}

/** To the visitor: the conversation as they saw it (no notes, no internal events). */
export function transcriptMail(t: { team: string; lines: TranscriptLine[]; timeZone: string }): Rendered {
  const fmt = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: t.timeZone });
  const started = t.lines[0] ? fmt.format(t.lines[0].at) : '';
  return {
    subject: `Your conversation with ${t.team}`,
    text: [`Your conversation with ${t.team}${started ? ` (${started})` : ''}:`, '', ...t.lines.flatMap((l) => [`[${fmt.format(l.at)}] ${l.who}:`, l.body, ''])].join('\n'),
    html: layout(
      `<p>Your conversation with ${escapeHtml(t.team)}${started ? ` (${escapeHtml(started)})` : ''}:</p>` +
        t.lines.map((l) => `<p style="margin:10px 0"><strong>${escapeHtml(l.who)}</strong> <span style="color:#59636e;font-size:13px">${escapeHtml(fmt.format(l.at))}</span><br>${para(l.body)}</p>`).join(''),
    ),
  };
}
