// The Web Worker behind the widget's "Add a plan": it compiles a plan a reader adds, off the
// page's main thread, and keeps the added plans in the browser's IndexedDB so that they survive a
// reload. The compiler (atlas-worker.js and its wasm) is fetched the first time a file is
// compiled. Nothing is sent anywhere: the only requests are for the compiler and the registry's
// static files.
//
// A PDF is first read for its text layer with pdf.js (fetched only for PDFs): lines rebuilt from
// the text items' positions, a wide gap between items on a line a tab, the lines of a wrapped
// table cell put back into their row, and a table's cells put in their columns, so that a table's
// row comes out as one line of cells, as a web page's table is read.
//
// Messages in, each with an `id` the answer carries back:
//   { op: 'compile', name, bytes: Uint8Array, hints, registry: URL of the registry's folder }
//     → { stage: 'pdf' | 'compiler' | 'registry' | 'compiling' } as it goes, then
//       { stage: 'done', bundle: Uint8Array, review } or { stage: 'failed', error, fatal }
//   { op: 'keep', record: { key, file, bundle, review, hints, source } } → { stage: 'kept' }
//   { op: 'forget', key } → { stage: 'forgotten' }
//   { op: 'kept' } → { stage: 'records', records: [{ key, file, bundle, review, hints, source }] }
// `hints`: what the reader said of the plan's place and period ({ id, name, level, parent,
// period }, each optional); `source`: the file as read, to compile it again with other hints.
// A store that cannot be used (a private window, a file:// page) answers { stage: 'failed', error }.

// The offline file hands the worker the compiler and the registry in its first message, since a
// page opened from file:// can fetch nothing beside it (there the worker runs as a classic script,
// since a file:// page cannot start a module worker: hence `self.location`, not `import.meta`):
//   { op: 'embedded', compiler: Uint8Array (its script), wasm, registry: Uint8Array }
// the wasm and the registry raw deflate, the registry's files packed: per file, its path's length
// (u32, little-endian), the path, the data's length (u32), the data.
let embedded = null;

async function inflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function unpack(packed) {
  const files = {};
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const take = (at) => [packed.subarray(at + 4, at + 4 + view.getUint32(at, true)), at + 4 + view.getUint32(at, true)];
  for (let at = 0; at < packed.length;) {
    const [path, next] = take(at);
    const [data, end] = take(next);
    files[new TextDecoder().decode(path)] = data;
    at = end;
  }
  return files;
}

function onEmbedded({ compiler, wasm, registry }) {
  embedded = {
    compiler,
    wasm: inflate(wasm),
    registry: inflate(registry).then(unpack),
  };
}
let compiler = null;

function loadCompiler() {
  compiler ??= (async () => {
    if (embedded) {
      const script = URL.createObjectURL(new Blob([embedded.compiler], { type: 'text/javascript' }));
      const m = await import(script);
      await m.default({ module_or_path: await embedded.wasm });
      return m;
    }
    const m = await import('./atlas-worker.js');
    await m.default({ module_or_path: new URL('atlas-worker_bg.wasm', self.location.href) });
    return m;
  })();
  return compiler;
}

/** A file of the registry: the offline file's copy, else fetched from the registry's folder. */
function registryFile(registry, path) {
  if (embedded) {
    return embedded.registry.then((files) => files[path] ?? Promise.reject(new Error(`${path}: not in this file's registry`)));
  }
  return bytesOf(new URL(path, registry));
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

/**
 * A page's text items as lines, top to bottom; items far apart on a line are cells (a tab). A
 * table cell that wraps prints its lines above and below its row's line (the row's other cells
 * centred between them): such a fragment line, closer to a row's line than a line of text is to
 * the next, is put into that row, each of its cells into the row's cell below or above it (or as
 * a cell of its own where the row has none), so that the row comes out as one line of cells.
 */
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
  // A subscript or superscript (smaller, set off the baseline: the 2.5 of PM2.5) belongs to the
  // line of the larger text it touches.
  for (const g of glyphs) {
    const touches = (n) => n.h > g.h * 1.1 && Math.abs(n.y - g.y) < n.h * 0.6
      && g.x <= n.x + n.w + n.h * 0.3 && n.x <= g.x + g.w + n.h * 0.3;
    const base = glyphs.find(touches);
    if (base) [g.y, g.h] = [base.y, base.h];
  }
  const grouped = [];
  for (const g of glyphs.sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = grouped.find((l) => Math.abs(l.y - g.y) < Math.min(l.h, g.h) * 0.5);
    if (line) line.items.push(g);
    else grouped.push({ y: g.y, h: g.h, items: [g] });
  }
  const lines = grouped.sort((a, b) => b.y - a.y).map((line) => ({ y: line.y, h: line.h, cells: cellsOf(line.items) }));
  // Fragments: a line within 1.5 line heights of a line with more cells, at least three, each of
  // its cells over at most one of that line's (a line of text spans several).
  const overlaps = (a, b) => a.x0 < b.x1 && b.x0 < a.x1;
  const rows = new Set();
  for (const [i, line] of lines.entries()) {
    let row = null;
    for (const other of lines) {
      const near = Math.abs(other.y - line.y) < 1.5 * Math.min(other.h, line.h);
      const fits = line.cells.every((c) => other.cells.filter((o) => overlaps(o, c)).length <= 1);
      if (near && fits && other.cells.length >= 3 && other.cells.length > line.cells.length
        && (!row || Math.abs(other.y - line.y) < Math.abs(row.y - line.y))) row = other;
    }
    if (!row) continue;
    const above = line.y > row.y;
    for (const cell of line.cells) {
      const under = row.cells.find((c) => c.x0 < cell.x1 && cell.x0 < c.x1);
      if (!under) row.cells.splice(row.cells.filter((c) => c.x0 < cell.x0).length, 0, { ...cell });
      else if (above) under.s = cell.s + under.s;
      else under.s += cell.s;
      if (under) [under.x0, under.x1] = [Math.min(under.x0, cell.x0), Math.max(under.x1, cell.x1)];
    }
    rows.add(i);
  }
  return aligned(lines.filter((_, i) => !rows.has(i)));
}

/**
 * The lines as text, those of a table with each cell in its column: a table is a run of three
 * lines or more of several cells each (with a line of one cell just above it, a header over
 * columns); its columns are where the cells of its lines of three cells or more lie. A cell is
 * put in the column it lies over most, with blank cells before it, as a web page's table is read.
 * A header line whose cells all fall where the next line has none is one row with it (cells
 * spanning two rows beside a header over columns).
 */
function aligned(lines) {
  const out = [];
  const overlap = (c, col) => Math.min(c.x1, col.x1) - Math.max(c.x0, col.x0);
  let i = 0;
  while (i < lines.length) {
    let end = i;
    while (end < lines.length && lines[end].cells.length >= 2) end++;
    if (end - i < 3) {
      out.push(lines[i].cells.map((c) => c.s).join('\t'));
      i++;
      continue;
    }
    const columns = [];
    for (const line of lines.slice(i, end).filter((l) => l.cells.length >= 3)) {
      for (const c of line.cells) {
        const hit = columns.filter((col) => overlap(c, col) > 0);
        const merged = hit.reduce((m, col) => ({ x0: Math.min(m.x0, col.x0), x1: Math.max(m.x1, col.x1) }), { x0: c.x0, x1: c.x1 });
        columns.splice(0, columns.length, ...columns.filter((col) => !hit.includes(col)), merged);
      }
    }
    columns.sort((a, b) => a.x0 - b.x0);
    const within = (line) => line.cells.every((c) => columns.some((col) => overlap(c, col) > 0));
    // A header over columns just above the run.
    let start = i;
    const last = out.length - 1;
    if (last >= 0 && lines[i - 1]?.cells.length === 1 && within(lines[i - 1]) && lines[i - 1].y - lines[i].y < 2.5 * lines[i].h) {
      out.pop();
      start = i - 1;
    }
    const slots = lines.slice(start, end).map((line) => {
      const row = columns.map(() => '');
      for (const c of line.cells) {
        let best = 0;
        columns.forEach((col, k) => { if (overlap(c, col) > overlap(c, columns[best])) best = k; });
        // A cell over two columns or more (a header over columns) stands in the first.
        const first = columns.findIndex((col) => overlap(c, col) > 0);
        const k = columns.filter((col) => overlap(c, col) > 0).length > 1 ? first : best;
        row[k] += c.s;
      }
      return row;
    });
    // Header lines before the first row merge down where they do not collide.
    for (let k = 0; k + 1 < slots.length; k++) {
      const [a, b] = [slots[k], slots[k + 1]];
      if (/^\d/.test(b[0]) || /^\d/.test(a[0])) break;
      if (a.every((s, j) => s === '' || b[j] === '')) {
        slots[k + 1] = b.map((s, j) => s || a[j]);
        slots[k] = null;
      }
    }
    for (const row of slots.filter(Boolean)) {
      while (row.length && row[row.length - 1] === '') row.pop();
      out.push(row.join('\t'));
    }
    i = end;
  }
  return out;
}

/** A line's items, left to right, as cells: a gap wider than 1.5 characters starts a new one. */
function cellsOf(items) {
  const cells = [];
  let end = null;
  for (const g of items.sort((a, b) => a.x - b.x)) {
    const cell = cells[cells.length - 1];
    const gap = end === null ? Infinity : g.x - end;
    if (gap > g.h * 1.5) cells.push({ s: g.s, x0: g.x, x1: g.x + g.w });
    else {
      if (gap > g.h * 0.2 && /[\x21-\x7e]$/.test(cell.s) && /^[\x21-\x7e]/.test(g.s)) cell.s += ' ';
      cell.s += g.s;
      cell.x1 = g.x + g.w;
    }
    end = g.x + g.w;
  }
  return cells;
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
      cMapUrl: new URL(`${PDFJS}cmaps/`, self.location.href).href,
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
  if (isPdf(bytes) && embedded) {
    throw new Error('the offline file reads texts and web pages, not PDFs: add the PDF on the site, or save its text first');
  }
  if (isPdf(bytes)) bytes = await pdfText(bytes, post);
  post({ stage: 'compiler' });
  const m = await loadCompiler();
  try {
    post({ stage: 'registry' });
    // Without the registry (offline, or a host that does not serve it) the plan is still
    // compiled; the reader then names its locality.
    const index = registry || embedded ? await registryFile(registry, 'index.atlas').catch(() => null) : null;
    const part = index ? m.province_to_fetch(name, bytes, index, hints?.id ?? undefined) : null;
    const partBytes = part ? await registryFile(registry, part).catch(() => null) : null;
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
      case 'embedded':
        return onEmbedded(data);
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
