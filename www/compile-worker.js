// The Web Worker behind the widget's "Add a plan": it compiles a plan a reader adds, off the
// page's main thread, and keeps the added plans in the browser's IndexedDB so that they survive a
// reload. The compiler (atlas-worker.js and its wasm) is fetched the first time a file is
// compiled. Nothing is sent anywhere: the only requests are for the compiler and the registry's
// static files.
//
// A PDF is first read for its text layer with pdf.js (fetched only for PDFs): lines rebuilt from
// the text items' positions, a wide gap between items on a line a tab, so that a table's row comes
// out as one line of cells.
//
// Messages in, each with an `id` the answer carries back:
//   { op: 'compile', name, bytes: Uint8Array, hints, registry: URL of the registry's folder }
//     → { stage: 'pdf' | 'compiler' | 'registry' | 'compiling' } as it goes, then
//       { stage: 'done', bundle: Uint8Array, review } or { stage: 'failed', error, fatal }
//   { op: 'keep', record: { key, file, bundle, review } } → { stage: 'kept' }
//   { op: 'forget', key } → { stage: 'forgotten' }
//   { op: 'kept' } → { stage: 'records', records: [{ key, file, bundle, review }] }
// A store that cannot be used (a private window, a file:// page) answers { stage: 'failed', error }.

let compiler = null;

function loadCompiler() {
  compiler ??= import('./atlas-worker.js').then(async (m) => {
    await m.default({ module_or_path: new URL('atlas-worker_bg.wasm', import.meta.url) });
    return m;
  });
  return compiler;
}

async function bytesOf(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// pdf.js's folder beside this script (the build names it by version).
const PDFJS = './pdfjs/';
let pdfjs = null;

function loadPdfjs() {
  pdfjs ??= (async () => {
    // pdf.js parses here, in this worker, rather than starting one of its own.
    globalThis.pdfjsWorker = await import(`${PDFJS}pdf.worker.min.mjs`);
    return import(`${PDFJS}pdf.min.mjs`);
  })();
  return pdfjs;
}

/** A page's text items as lines, top to bottom; items far apart on a line are cells (a tab). */
function linesOf(items) {
  const glyphs = items
    .filter((i) => i.str.trim() !== '')
    .map((i) => ({
      s: i.str,
      x: i.transform[4],
      y: i.transform[5],
      w: i.width,
      h: Math.hypot(i.transform[2], i.transform[3]) || i.height || 10,
    }));
  const lines = [];
  for (const g of glyphs.sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines.find((l) => Math.abs(l.y - g.y) < Math.min(l.h, g.h) * 0.5);
    if (line) line.items.push(g);
    else lines.push({ y: g.y, h: g.h, items: [g] });
  }
  return lines
    .sort((a, b) => b.y - a.y)
    .map((line) => {
      let text = '';
      let end = null;
      for (const g of line.items.sort((a, b) => a.x - b.x)) {
        if (end !== null) {
          const gap = g.x - end;
          if (gap > g.h * 1.5) text += '\t';
          else if (gap > g.h * 0.2 && /[\x21-\x7e]$/.test(text) && /^[\x21-\x7e]/.test(g.s)) text += ' ';
        }
        text += g.s;
        end = g.x + g.w;
      }
      return text;
    });
}

/** A PDF's text layer as UTF-8 text, one line per printed line. */
async function pdfText(bytes, post) {
  post({ stage: 'pdf' });
  const lib = await loadPdfjs();
  let doc;
  try {
    doc = await lib.getDocument({
      data: bytes,
      isEvalSupported: false,
      cMapUrl: new URL(`${PDFJS}cmaps/`, import.meta.url).href,
      cMapPacked: true,
      disableFontFace: true,
    }).promise;
  } catch (error) {
    if (error?.name === 'PasswordException') {
      throw new Error('the PDF is encrypted (it asks for a password): save a copy without one first');
    }
    throw new Error(`the PDF cannot be read: ${error?.message ?? error}`);
  }
  const lines = [];
  let characters = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    for (const line of linesOf((await page.getTextContent()).items)) {
      lines.push(line);
      characters += line.length;
    }
    page.cleanup();
  }
  await doc.destroy();
  if (characters < 20 * doc.numPages) {
    throw new Error(
      `the PDF has no text layer (${characters} characters on ${doc.numPages} pages): it is a scan, which needs text recognition (OCR) first`,
    );
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

const isPdf = (bytes) => bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46;

async function compile({ name, bytes, hints, registry }, post) {
  if (isPdf(bytes)) bytes = await pdfText(bytes, post);
  post({ stage: 'compiler' });
  const m = await loadCompiler();
  try {
    post({ stage: 'registry' });
    // Without the registry (offline, or a host that does not serve it) the plan is still
    // compiled; the reader then names its locality.
    const index = registry ? await bytesOf(new URL('index.atlas', registry)).catch(() => null) : null;
    const part = index ? m.province_to_fetch(name, bytes, index) : null;
    const partBytes = part ? await bytesOf(new URL(part, registry)).catch(() => null) : null;
    post({ stage: 'compiling' });
    const result = m.compile(name, bytes, hints ?? null, index ?? undefined, partBytes ?? undefined);
    post({ stage: 'done', bundle: result.bundle, review: result.review }, [result.bundle.buffer]);
  } catch (error) {
    let panic = null;
    try {
      panic = m.panic_message();
    } catch {
      // The instance is gone: the message below says so.
    }
    // A panic leaves the compiler unusable: `fatal` asks the page for a fresh worker.
    post({
      stage: 'failed',
      fatal: Boolean(panic),
      error: panic ? `the compiler stopped: ${panic}` : String(error?.message ?? error),
    });
  }
}

const STORE = 'added';

function database() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('plan-atlas', 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Runs `work` on the store in one transaction; resolves with its request's result. */
async function inStore(mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

self.onmessage = async ({ data }) => {
  const post = (message, transfer) => self.postMessage({ id: data.id, ...message }, transfer || []);
  try {
    switch (data.op) {
      case 'compile':
        return await compile(data, post);
      case 'keep':
        await inStore('readwrite', (s) => s.put(data.record));
        return post({ stage: 'kept' });
      case 'forget':
        await inStore('readwrite', (s) => s.delete(data.key));
        return post({ stage: 'forgotten' });
      case 'kept':
        return post({ stage: 'records', records: await inStore('readonly', (s) => s.getAll()) });
      default:
        return post({ stage: 'failed', error: `unknown request ${data.op}` });
    }
  } catch (error) {
    post({ stage: 'failed', error: String(error?.message ?? error) });
  }
};
