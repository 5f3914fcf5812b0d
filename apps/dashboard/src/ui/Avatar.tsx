import { useState } from 'react';

const PALETTE = ['#0f766e', '#7c3aed', '#db2777', '#ea580c', '#2563eb', '#0891b2', '#65a30d', '#9333ea'];

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return Math.abs(h);
}

/** The stable colour of a person (avatar background, their name in a chat). */
export function avatarColor(seed: string): string {
  return PALETTE[hash(seed) % PALETTE.length]!;
}

/** The colour of the n-th agent of a chat (`agentOrder`): agents of one chat never share one. */
export const teamColor = (n: number): string => PALETTE[n % PALETTE.length]!;

export function initials(name: string): string {
  const parts = name.replace(/[#]/g, ' ').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  if (parts.length === 1) return parts[0]!.slice(0, 2).toUpperCase();
  return (parts[0]![0]! + parts[parts.length - 1]![0]!).toUpperCase();
}

interface AvatarProps {
  name: string;
  seed?: string;
  url?: string | null;
  size?: number;
  /** Overrides the colour derived from `seed`. */
  color?: string;
}

export function Avatar({ name, seed, url, size = 40, color }: AvatarProps) {
  const style = { width: size, height: size, fontSize: Math.round(size * 0.38) };
  // A broken image URL falls back to the initials.
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  if (url && url !== failedUrl) return <img className="avatar" src={url} alt="" style={style} onError={() => setFailedUrl(url)} />;
  return (
    <span className="avatar" aria-hidden="true" style={{ ...style, background: color ?? avatarColor(seed ?? name) }}>
      {initials(name)}
    </span>
  );
}
