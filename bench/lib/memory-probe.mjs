// Preloaded into a benchmarked child process (`node --import <this>`): reports its memory to
// the parent over IPC every 50 ms, so the parent can sample it without touching the server.
if (process.send) {
  setInterval(() => {
    const m = process.memoryUsage();
    process.send?.({ type: 'memory', rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers });
  }, 50).unref();
}
