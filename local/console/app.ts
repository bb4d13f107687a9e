import {
  ApiProblem,
  exportClient,
  TERMINAL,
  type ExportClient,
  type ExportJob,
  type ExportRequest,
} from '../../client/exportClient.js';

/**
 * The local console: pick a demo organization and role, create exports, watch them live over the
 * job's event stream, download, cancel and retry — through the same typed client as the CLI.
 * Served by the local host only (never registered in Azure).
 */
interface Identity {
  readonly org: string;
  readonly role: string;
  readonly sub: string;
}

const $ = <T extends HTMLElement>(selector: string): T => {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`missing ${selector}`);
  return el;
};

const rows = new Map<string, HTMLTableRowElement>();
const watching = new Map<string, AbortController>();
let client: ExportClient | undefined;

function announce(text: string): void {
  $('#announcer').textContent = text;
}

function showError(e: unknown): void {
  const message = e instanceof ApiProblem ? `${e.detail} (${e.code})` : e instanceof Error ? e.message : String(e);
  $('#error').textContent = message;
}

function clearError(): void {
  $('#error').textContent = '';
}

async function signIn(identity: Identity): Promise<void> {
  const res = await fetch('/console/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-console': '1' },
    body: JSON.stringify(identity),
  });
  if (!res.ok) throw new Error(`The local host refused a token (${res.status}).`);
  const { token } = (await res.json()) as { token: string };
  client = exportClient({ baseUrl: `${location.origin}/api`, token });
  const org = $<HTMLSelectElement>('#org');
  $('#whoami').textContent =
    `Signed in as ${identity.sub} (${identity.role}) of ${org.selectedOptions[0]?.textContent ?? identity.org}.`;
  for (const c of watching.values()) c.abort();
  watching.clear();
  rows.clear();
  $('#jobs tbody').replaceChildren();
  await refresh();
}

function describe(job: ExportJob): string {
  const p = job.progress;
  if (job.status === 'Pending') return p.queuePosition !== null ? `Queued, position ${p.queuePosition}` : 'Queued';
  if (job.status === 'Processing') {
    const parts = [
      `${p.rowsWritten.toLocaleString('en-US')}${p.rowsTotal !== null ? ` of ${p.rowsTotal.toLocaleString('en-US')}` : ''} rows`,
    ];
    if (p.rowsPerSecond !== null) parts.push(`${p.rowsPerSecond.toLocaleString('en-US')} rows/s`);
    if (p.etaSeconds !== null) parts.push(`about ${p.etaSeconds} s left`);
    return parts.join(', ');
  }
  if (job.status === 'Completed')
    return `${(job.rowCount ?? 0).toLocaleString('en-US')} rows, ${(job.sizeBytes ?? 0).toLocaleString('en-US')} bytes`;
  if (job.status === 'Failed') return job.error?.message ?? 'Failed';
  if (job.status === 'Cancelled') return `Cancelled after ${p.rowsWritten.toLocaleString('en-US')} rows; nothing was kept`;
  return '';
}

function button(label: string, className: string, name: string, onClick: () => Promise<void>): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = label;
  b.setAttribute('aria-label', name);
  b.addEventListener('click', () => {
    clearError();
    b.disabled = true;
    onClick()
      .catch(showError)
      .finally(() => (b.disabled = false));
  });
  return b;
}

function render(job: ExportJob): void {
  let row = rows.get(job.id);
  if (!row) {
    row = document.createElement('tr');
    row.dataset.jobId = job.id;
    for (let i = 0; i < 5; i++) row.appendChild(document.createElement('td'));
    rows.set(job.id, row);
    const body = $('#jobs tbody');
    // Newest first, as the list comes.
    const after = [...body.children].find((r) => (r as HTMLElement).dataset.created! < job.createdAt);
    row.dataset.created = job.createdAt;
    body.insertBefore(row, after ?? null);
  }
  const [created, what, status, progress, actions] = [...row.children] as HTMLTableCellElement[];
  const name = `${job.dataType} ${job.format} ${job.dateRange.from} to ${job.dateRange.to}`;
  created!.textContent = job.createdAt.replace('T', ' ').slice(0, 19);
  what!.innerHTML = '';
  what!.append(document.createTextNode(name));
  const file = document.createElement('span');
  file.className = 'detail';
  file.textContent = job.fileName;
  what!.append(file);
  const previous = status!.textContent;
  status!.textContent = job.status;
  status!.className = `status-${job.status}`;
  if (previous && previous !== job.status) announce(`${name}: ${job.status}`);

  const percent = job.progress.percent ?? (job.status === 'Pending' ? 0 : null);
  const bar = document.createElement('div');
  bar.className = 'progress';
  bar.setAttribute('role', 'progressbar');
  bar.setAttribute('aria-label', `Progress of ${name}`);
  bar.setAttribute('aria-valuemin', '0');
  bar.setAttribute('aria-valuemax', '100');
  if (percent !== null) bar.setAttribute('aria-valuenow', String(percent));
  bar.setAttribute('aria-valuetext', describe(job) || job.status);
  const fill = document.createElement('span');
  fill.style.width = `${percent ?? 0}%`;
  bar.append(fill);
  const detail = document.createElement('span');
  detail.className = 'detail';
  detail.textContent = describe(job);
  progress!.replaceChildren(bar, detail);

  const buttons = document.createElement('div');
  buttons.className = 'actions';
  if (job.status === 'Completed') buttons.append(button('Download', '', `Download ${name}`, () => download(job)));
  if (job.status === 'Pending' || job.status === 'Processing') {
    buttons.append(button('Cancel', 'danger', `Cancel ${name}`, async () => void render(await api().cancelJob(job.id))));
  }
  if (job.status === 'Failed' || job.status === 'Cancelled' || job.status === 'Expired') {
    buttons.append(
      button('Retry', 'secondary', `Retry ${name}`, async () => {
        const retried = await api().retryJob(job.id);
        render(retried);
        watch(retried);
        announce(`${name}: retried as a new export`);
      }),
    );
  }
  actions!.replaceChildren(buttons);
}

function api(): ExportClient {
  if (!client) throw new Error('Choose an identity first.');
  return client;
}

/** Follows a running job over its event stream until it ends. */
function watch(job: ExportJob): void {
  if (TERMINAL.includes(job.status) || watching.has(job.id)) return;
  const controller = new AbortController();
  watching.set(job.id, controller);
  void (async () => {
    try {
      for await (const update of api().watchJob(job.id, { signal: controller.signal })) render(update.job);
    } catch (e) {
      if (!controller.signal.aborted) showError(e);
    } finally {
      watching.delete(job.id);
    }
  })();
}

/**
 * Downloads through a fresh read-only SAS URL (GET of the job mints one): the browser fetches the
 * file from Blob Storage itself, whatever its size, with no token in the URL of our API.
 */
async function download(job: ExportJob): Promise<void> {
  const fresh = await api().getJob(job.id);
  if (!fresh.downloadUrl) throw new Error(`The export is ${fresh.status}: nothing to download.`);
  const a = document.createElement('a');
  a.href = fresh.downloadUrl;
  a.download = fresh.fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  announce(`Downloading ${fresh.fileName}`);
}

async function refresh(): Promise<void> {
  const page = await api().listJobs({ limit: 20 });
  for (const job of [...page.items].reverse()) {
    render(job);
    watch(job);
  }
}

function identityOf(): Identity {
  return {
    org: $<HTMLSelectElement>('#org').value,
    role: $<HTMLSelectElement>('#role').value,
    sub: $<HTMLInputElement>('#sub').value.trim() || 'console-user',
  };
}

async function start(): Promise<void> {
  const orgs = (await (await fetch('/console/organizations')).json()) as { id: string; name: string }[];
  const select = $<HTMLSelectElement>('#org');
  for (const org of orgs) select.append(new Option(org.name, org.id));
  $('#identity').addEventListener('submit', (e) => {
    e.preventDefault();
    clearError();
    signIn(identityOf()).catch(showError);
  });
  $('#refresh').addEventListener('click', () => {
    clearError();
    refresh().catch(showError);
  });
  $('#create').addEventListener('submit', (e) => {
    e.preventDefault();
    clearError();
    const form = new FormData(e.target as HTMLFormElement);
    const raw = form.get('columns');
    const columns = (typeof raw === 'string' ? raw : '')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    const body = {
      dataType: form.get('dataType'),
      format: form.get('format'),
      dateRange: { from: form.get('from'), to: form.get('to') },
      ...(columns.length ? { columns } : {}),
      ...(form.get('gzip') ? { compression: 'gzip' } : {}),
    } as ExportRequest;
    api()
      .createExport(body)
      .then((job) => {
        render(job);
        watch(job);
        announce(`Export created: ${job.fileName}`);
      })
      .catch(showError);
  });
  await signIn(identityOf());
}

start().catch(showError);
