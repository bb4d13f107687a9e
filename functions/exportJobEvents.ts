import { openJobWatch, watchExportJob, type JobChange, type Quiet } from '../shared/app/watchExportJob.js';
import { jobResource } from '../shared/http/jobResource.js';
import { sseBody, sseComment, sseFrame, sseRetry, SSE_CONTENT_TYPE } from '../shared/http/serverSentEvents.js';
import { httpFunction } from '../shared/host/httpFunction.js';

/** What a client waits before reconnecting after the stream ends without a terminal state, ms. */
const RECONNECT_MS = 1000;
/** A comment after this long without an event keeps proxies from closing an idle stream. */
const KEEP_ALIVE_MS = 15_000;

/**
 * GET /api/export-jobs/{id}/events → Server-Sent Events of the job's status and progress, the same
 * authorization as GET (404 for a job the caller may not see). `Last-Event-ID` resumes: a state the
 * client already saw is not sent again. The stream closes after the terminal event, or after
 * EXPORT_EVENTS_MAX_SECONDS (the client reconnects; see README on Azure's limits).
 */
export const exportJobEventsFunction = httpFunction({
  name: 'exportJobEvents',
  methods: ['GET'],
  route: 'export-jobs/{id}/events',
  async run({ services, principal, request }) {
    const first = await openJobWatch(services, principal, request.params.id ?? '');
    const changes = watchExportJob(services, first, {
      lastEventId: request.headers.get('last-event-id'),
      pollMs: Math.max(250, services.policy.progressIntervalMs),
      maxSeconds: services.policy.eventsMaxSeconds,
      quietMs: KEEP_ALIVE_MS,
    });
    async function* frames(): AsyncGenerator<string> {
      yield sseRetry(RECONNECT_MS);
      for await (const change of changes as AsyncIterable<JobChange | Quiet>) {
        if ('quiet' in change) {
          yield sseComment('keep-alive');
          continue;
        }
        const resource = jobResource(change.job, null, change.queuePosition);
        yield sseFrame({ id: change.id, event: change.kind, data: JSON.stringify(resource) });
      }
    }
    return {
      status: 200,
      body: sseBody(frames()),
      headers: {
        'Content-Type': SSE_CONTENT_TYPE,
        'Cache-Control': 'no-store',
        // Proxies that buffer (nginx and the like) must pass events on as they come.
        'X-Accel-Buffering': 'no',
      },
    };
  },
});
