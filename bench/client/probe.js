// Runs inside the page before any of the app's scripts (an init script of every bench device). It notes
// when something first appears on screen and when the frame showing it was painted, and how long each
// key took from its event to the next painted frame. Plain JavaScript read as text, so no bundler helper
// leaks into the page; it creates no function from a string, so the app's CSP holds.
(() => {
  if (window.__bench) return;
  /** @type {{ name: string, all: { selector?: string, min?: number, text?: string }[] }[]} */
  const armed = [];
  const bench = (window.__bench = { marks: {}, keys: [], lastClick: 0, arm, clear: () => (bench.keys = []) });

  // After the next frame: a rAF callback runs before paint, a message posted from it after the frame.
  function afterPaint(callback) {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => callback(performance.now());
      channel.port2.postMessage(null);
    });
  }

  function hasText(records, text) {
    for (const record of records) {
      if (record.type === 'characterData' && record.target.textContent.includes(text)) return true;
      for (const node of record.addedNodes) if ((node.textContent ?? '').includes(text)) return true;
    }
    return false;
  }

  function matches(spec, records) {
    // A text is looked for in what was just added or changed, never by scanning the whole page.
    if (spec.text !== undefined && spec.selector === undefined) return hasText(records, spec.text);
    const found = document.querySelectorAll(spec.selector);
    if (spec.text === undefined) return found.length >= (spec.min ?? 1);
    for (const el of found) if (el.textContent.includes(spec.text)) return true;
    return false;
  }

  function check(records) {
    for (let i = armed.length - 1; i >= 0; i--) {
      const entry = armed[i];
      if (!entry.all.every((spec) => matches(spec, records))) continue;
      armed.splice(i, 1);
      const found = performance.now();
      afterPaint((painted) => {
        bench.marks[entry.name] = { found, painted, wallPainted: performance.timeOrigin + painted };
      });
    }
  }

  /** Watches for every spec of `all` to hold at once; the result lands in __bench.marks[name]. */
  function arm(name, all) {
    delete bench.marks[name];
    armed.push({ name, all });
    if (document.documentElement) check([]);
  }

  new MutationObserver((records) => armed.length > 0 && check(records)).observe(document, {
    childList: true,
    subtree: true,
    characterData: true
  });

  // Specs armed before a navigation (the bench stores them in sessionStorage) apply from document start.
  try {
    const pending = JSON.parse(sessionStorage.getItem('__bench_arm') ?? '[]');
    sessionStorage.removeItem('__bench_arm');
    for (const p of pending) arm(p.name, p.all);
  } catch {
    // no sessionStorage: nothing was armed across the navigation
  }

  // The time of the last click, for measuring from a tap to what it opened.
  addEventListener('click', (event) => (bench.lastClick = event.timeStamp), true);

  addEventListener(
    'keydown',
    (event) => {
      const start = event.timeStamp;
      afterPaint((painted) => bench.keys.push(painted - start));
    },
    true
  );
})();
