const STORAGE_KEY = 'parley.sound';
type Listener = (enabled: boolean) => void;
const listeners = new Set<Listener>();

export function isSoundEnabled(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function setSoundEnabled(enabled: boolean): void {
  try {
    localStorage.setItem(STORAGE_KEY, enabled ? 'on' : 'off');
  } catch {
    // private mode: keep it for this page only
  }
  listeners.forEach((l) => l(enabled));
}

export function subscribeSound(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * `ring`: something needs an agent (a new waiting chat, an unanswered one, a transfer to me).
 * `soft`: something to read (a visitor message, a mention).
 */
export type SoundKind = 'ring' | 'soft';

const GAP_MS: Record<SoundKind, number> = { ring: 1500, soft: 800 };

/**
 * Throttle for bursts: each kind plays at most once per its gap, and a soft tone right after
 * a ring is dropped (the ring already drew attention). `last` holds the previous play times.
 */
export function shouldPlay(kind: SoundKind, now: number, last: Record<SoundKind, number>): boolean {
  if (now - last[kind] < GAP_MS[kind]) return false;
  if (kind === 'soft' && now - last.ring < GAP_MS.ring) return false;
  return true;
}

let ctx: AudioContext | null = null;
const lastPlayed: Record<SoundKind, number> = { ring: -Infinity, soft: -Infinity };

function audio(): AudioContext {
  ctx ??= new AudioContext();
  if (ctx.state === 'suspended') void ctx.resume();
  return ctx;
}

function tone(ac: AudioContext, freq: number, start: number, duration: number, peak: number, glideTo?: number): void {
  const osc = ac.createOscillator();
  const gain = ac.createGain();
  osc.type = 'sine';
  osc.frequency.setValueAtTime(freq, start);
  if (glideTo) osc.frequency.exponentialRampToValueAtTime(glideTo, start + duration * 0.5);
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(peak, start + 0.015);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + duration);
  osc.connect(gain).connect(ac.destination);
  osc.start(start);
  osc.stop(start + duration + 0.02);
}

/** Synthesized with WebAudio (no audio files); silent when muted or throttled. */
export function playSound(kind: SoundKind): void {
  if (!isSoundEnabled()) return;
  const now = Date.now();
  if (!shouldPlay(kind, now, lastPlayed)) return;
  lastPlayed[kind] = now;
  try {
    const ac = audio();
    const t = ac.currentTime;
    if (kind === 'ring') {
      // Two short bursts of a warbling two-tone: reads as "the phone rings".
      for (const burst of [0, 0.42]) {
        for (let i = 0; i < 6; i++) tone(ac, i % 2 ? 1318 : 1046, t + burst + i * 0.045, 0.06, 0.14);
      }
    } else {
      tone(ac, 660, t, 0.22, 0.08, 990);
    }
  } catch {
    // no audio available (autoplay policy, headless): the title badge still shows
  }
}

/** The new-chat ring (kept for existing callers). */
export function beep(): void {
  playSound('ring');
}
