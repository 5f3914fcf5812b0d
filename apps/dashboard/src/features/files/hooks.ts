import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ConversationDto, MessageDto } from '@parley/protocol';
import { errorMessage } from '../../api/client';
import { showToast } from '../../lib/toast';
import { onMessageStored } from '../conversation/cache';
import { fetchConversationFiles, fetchFilesReport } from './api';
import { STATUS_TEXT, linkProblem, linkQuery } from './links';
import { fileKeys } from './queryKeys';

/** A file's short-lived link, cached until shortly before it expires. */
export function useFileLink(id: string, enabled = true) {
  return useQuery({ ...linkQuery(id), enabled });
}

/** The files shared in a conversation (side panel), newest first. */
export function useConversationFiles(conversationId: string) {
  return useQuery({ queryKey: fileKeys.conversation(conversationId), queryFn: () => fetchConversationFiles(conversationId) });
}

export function useFilesReport(siteId: string, enabled = true) {
  return useQuery({ queryKey: fileKeys.report(siteId), queryFn: () => fetchFilesReport(siteId), enabled });
}

/** A new file message: the conversation's files list has grown. */
export function onFileMessage(qc: QueryClient, conversationId: string): void {
  void qc.invalidateQueries({ queryKey: fileKeys.conversation(conversationId) });
}

/** What an acked upload does: merged into the thread like an acked text send, and the files list refreshed. */
export function onUploadStored(qc: QueryClient) {
  const stored = onMessageStored(qc);
  return (message: MessageDto, conversation: ConversationDto) => {
    stored(message, conversation);
    onFileMessage(qc, message.conversationId);
  };
}

/** Saves a URL as a file the way a click on a download link does. */
export function saveUrl(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * Downloads a file through a fresh link (a cached one while it is still good). A refusal is
 * shown as a toast and stays in the link's query, so the file's card turns into "File expired".
 */
export function useDownloadFile() {
  const qc = useQueryClient();
  return async (file: { id: string; name: string }) => {
    try {
      const link = await qc.fetchQuery(linkQuery(file.id));
      saveUrl(link.url, file.name);
    } catch (err) {
      const problem = linkProblem(err);
      showToast(problem === 'expired' || problem === 'infected' ? STATUS_TEXT[problem] : errorMessage(err), 'error');
    }
  };
}

/** An object URL for a local file (the tray's previews), revoked when no longer shown. */
export function useObjectUrl(file: Blob | null | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file) return;
    const u = URL.createObjectURL(file);
    setUrl(u);
    return () => {
      URL.revokeObjectURL(u);
      setUrl(null);
    };
  }, [file]);
  return url;
}

/**
 * A local picture's preview: an object URL, or — when the page's Content-Security-Policy
 * refuses `blob:` images and the <img> fails — the file read as a data URL.
 */
export function useLocalPreview(file: Blob | null | undefined): { src: string | null; onError: () => void } {
  const url = useObjectUrl(file);
  const [dataUrl, setDataUrl] = useState<string | null>(null);
  // Bytes the browser cannot show as a picture (e.g. a program named .png): the caller shows a file tile.
  const [broken, setBroken] = useState(false);
  const onError = () => {
    if (!file || dataUrl || file.size > 20 * 1024 * 1024) return setBroken(true);
    const reader = new FileReader();
    reader.onload = () => {
      if (typeof reader.result === 'string') setDataUrl(reader.result);
    };
    reader.readAsDataURL(file);
  };
  return { src: broken ? null : (dataUrl ?? url), onError };
}
