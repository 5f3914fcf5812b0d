/** A plain host page that embeds the widget exactly as a customer's site would. */
export function demoPage(snippet: string, publicUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trailhead Outfitters — Parley demo</title>
<style>
  body { margin: 0; font: 16px/1.55 system-ui, -apple-system, Segoe UI, Roboto, sans-serif; color: #1f2933; background: #f7f5f2; }
  header { background: #24412f; color: #fff; padding: 18px 24px; display: flex; justify-content: space-between; align-items: center; }
  header b { font-size: 20px; letter-spacing: .02em; }
  main { max-width: 880px; margin: 0 auto; padding: 32px 24px 120px; }
  .hero { background: #fff; border-radius: 14px; padding: 28px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 16px; margin-top: 24px; }
  .card { background: #fff; border-radius: 12px; padding: 18px; box-shadow: 0 1px 3px rgba(0,0,0,.06); }
  .price { color: #24412f; font-weight: 600; }
  .note { margin-top: 28px; padding: 16px 18px; border-left: 4px solid #2563eb; background: #eef4ff; border-radius: 8px; }
  a { color: #1d4ed8; }
</style>
</head>
<body>
<header><b>Trailhead Outfitters</b><span>Demo store</span></header>
<main>
  <section class="hero">
    <h1>Gear for every trail</h1>
    <p>This is a plain web page with Parley's one-line snippet in it. Click the chat bubble in the corner and write a message.</p>
  </section>
  <div class="grid">
    <div class="card"><h3>Ridgeline 40L pack</h3><p>Light, tough, rain-ready.</p><p class="price">$149</p></div>
    <div class="card"><h3>Summit down jacket</h3><p>800-fill, packs to a fist.</p><p class="price">$229</p></div>
    <div class="card"><h3>Canyon trail shoes</h3><p>Grip on wet rock.</p><p class="price">$119</p></div>
  </div>
  <p class="note">Answer as an agent: open the <a href="${publicUrl}/" target="_blank" rel="noopener">Parley dashboard</a> in another window, sign in, and watch the chat arrive in <em>Waiting</em>.</p>
</main>
${snippet}
</body>
</html>`;
}
