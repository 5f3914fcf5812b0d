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

let ctx: AudioContext | null = null;
let lastBeep = 0;

/** A short two-tone chime made with WebAudio; throttled so a burst of events beeps once. */
export function beep(): void {
  if (!isSoundEnabled()) return;
  const now = Date.now();
  if (now - lastBeep < 1200) return;
  lastBeep = now;
  try {
    ctx ??= new AudioContext();
    if (ctx.state === 'suspended') void ctx.resume();
    const t = ctx.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const start = t + i * 0.12;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.18, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 0.2);
    }
  } catch {
    // no audio available (autoplay policy, headless): the title badge still shows
  }
}
