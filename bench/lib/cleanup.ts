/**
 * Every benchmark runs inside `runBench()`: whatever it set up (child processes, databases,
 * Redis keys) registers an undo step with `onCleanup()`, and those steps run in reverse
 * order when the script ends, fails, or is interrupted (Ctrl+C, SIGTERM).
 */

/** A failure with a message meant for the person running the benchmark (no stack trace). */
export class BenchError extends Error {}

interface Step {
  name: string;
  fn: () => Promise<void> | void;
}

const steps: Step[] = [];
let running: Promise<void> | undefined;

/** Registers an undo step; returns a function that removes it (when it was undone early). */
export function onCleanup(name: string, fn: () => Promise<void> | void): () => void {
  const step = { name, fn };
  steps.push(step);
  return () => {
    const i = steps.indexOf(step);
    if (i >= 0) steps.splice(i, 1);
  };
}

/** Runs (once) every registered step, newest first; a failing or hanging step does not stop the others. */
export function cleanup(): Promise<void> {
  running ??= (async () => {
    while (steps.length) {
      const step = steps.pop()!;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          Promise.resolve().then(step.fn),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('timed out after 30 s')), 30_000);
          }),
        ]);
      } catch (err) {
        console.error(`cleanup: ${step.name} failed: ${(err as Error).message}`);
      } finally {
        clearTimeout(timer);
      }
    }
  })();
  return running;
}

/**
 * Runs a benchmark: `main` returns the exit code (0 = every goal met). Errors print as a clear
 * message; cleanup always runs.
 */
export function runBench(main: () => Promise<number>): void {
  let interrupted = false;
  const interrupt = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping and cleaning up…`);
    void cleanup().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  main().then(
    async (code) => {
      await cleanup();
      process.exit(code);
    },
    async (err: unknown) => {
      if (interrupted) return; // the signal handler exits once cleanup is done
      if (err instanceof BenchError) console.error(`\nbenchmark failed: ${err.message}`);
      else console.error('\nbenchmark failed:', err);
      await cleanup();
      process.exit(1);
    },
  );
}
