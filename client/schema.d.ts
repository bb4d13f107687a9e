/**
 * GENERATED from the service’s OpenAPI document by `npm run generate:client` (openapi-typescript).
 * Do not edit: change the zod schemas or shared/http/openapi*.ts, then regenerate. A test fails
 * when this file and the document drift apart.
 */
export interface paths {
    "/admindashboard/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Legacy: the organization’s dashboard summary
         * @deprecated
         * @description Deprecated: build it from the analytics export. Admins and SuperAdmins; the caller’s organization.
         */
        get: operations["legacyDashboardExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dataexport/analytics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Legacy: download analytics synchronously
         * @deprecated
         * @description Deprecated: use POST /api/export-jobs. Admins and SuperAdmins; the caller’s organization; at most EXPORT_SYNC_ROW_CAP rows (counted first) — above it 413 with the equivalent export-job request in `successor`.
         */
        get: operations["legacyExportAnalytics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dataexport/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Legacy: download sessions synchronously
         * @deprecated
         * @description Deprecated: use POST /api/export-jobs. Admins and SuperAdmins; the caller’s organization; at most EXPORT_SYNC_ROW_CAP rows (counted first) — above it 413 with the equivalent export-job request in `successor`.
         */
        get: operations["legacyExportSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dataexport/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Legacy: download users synchronously
         * @deprecated
         * @description Deprecated: use POST /api/export-jobs. Admins and SuperAdmins; the caller’s organization; at most EXPORT_SYNC_ROW_CAP rows (counted first) — above it 413 with the equivalent export-job request in `successor`.
         */
        get: operations["legacyExportUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/export-jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller’s jobs, newest first */
        get: operations["listExportJobs"];
        put?: never;
        /** Create an export job */
        post: operations["createExportJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/export-jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One job; a fresh downloadUrl once Completed */
        get: operations["getExportJob"];
        put?: never;
        post?: never;
        /** Cancel a Pending or Processing job */
        delete: operations["cancelExportJob"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/export-jobs/{id}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The job’s audit trail, oldest first (Admins of its organization, SuperAdmins) */
        get: operations["getExportJobAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/export-jobs/{id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the file (one Range at most) */
        get: operations["downloadExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /** The download’s headers, no body */
        head: operations["headExport"];
        patch?: never;
        trace?: never;
    };
    "/export-jobs/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The job’s status and progress as Server-Sent Events, until it ends
         * @description Server-Sent Events (text/event-stream) of the job’s status and progress, for as long as it runs: an event `status` first and on every change of status, `progress` when only the progress moved; each event’s `data` is the job (as GET returns it, without downloadUrl) and its `id` names that state.
         *
         *     The stream ends after the terminal event (Completed, Failed, Cancelled, Expired), or after EXPORT_EVENTS_MAX_SECONDS (180 s): the client reconnects (after `retry` ms) sending `Last-Event-ID`, and gets the current state unless it is the one it saw last. Events are states, not a log: nothing in between is replayed.
         *
         *     Same authorization as GET /export-jobs/{id} (a job the caller may not see is a 404). Browsers’ EventSource cannot send a bearer token: read the stream with fetch (as the typed client does); the token never goes into the URL.
         */
        get: operations["watchExportJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/export-jobs/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run a Failed, Cancelled or Expired job again as a new job */
        post: operations["retryExportJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document (no token needed) */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization’s webhook endpoints (Admins) */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Register a webhook endpoint (Admins); its secret is shown once
         * @description Completion webhooks: when a job of the organization first ends (Completed, Failed or Cancelled — or Expired if it got there unannounced), each endpoint registered by then receives one POST of a JobEvent (application/json), delivered at least once: deduplicate on `id` (also in Export-Event-Id).
         *
         *     Every request carries `Export-Signature: t=<unix seconds>,v1=<hex>`: HMAC-SHA256 with the endpoint’s secret over `<t>.<raw body>`. Refuse a timestamp more than 5 minutes off (replays). After a rotation the old secret signs too for 24 hours (a second v1).
         *
         *     A 2xx answer within 10 s counts as delivered; anything else (another status, a redirect — never followed —, a timeout) is retried with exponential backoff (30 s, doubling, at most an hour apart; 8 attempts). Deliveries go to public addresses only: the host is resolved at every attempt and a private, loopback, link-local or reserved address is refused (SSRF).
         *
         *     Admins (and SuperAdmins) manage their own organization’s endpoints; another organization’s endpoint is a 404.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a webhook endpoint and its delivery log (Admins) */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The endpoint’s delivery log, newest first, with every attempt (Admins) */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new signing secret, shown once; the old one signs for 24 hours more (Admins) */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AuditPage: {
            items: components["schemas"]["AuditRecord"][];
            nextCursor: string | null;
        };
        /** @description Who did what to the job, when and from where. */
        AuditRecord: {
            /** @enum {string} */
            action: "create" | "cancel" | "retry" | "download" | "sas-url" | "legacy-export" | "webhook-create" | "webhook-rotate" | "webhook-delete";
            actorId: string;
            actorOrganizationId: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC timestamp.
             */
            at: string;
            clientAddress: string | null;
            detail: string | null;
            jobId: string | null;
            organizationId: string;
            requestId: string | null;
            seq: number;
        };
        /** @description One organization’s activity over a date range. */
        DashboardSummary: {
            /** @description Distinct users with a session in the range. */
            activeUsers: number;
            avgDurationSeconds: number;
            avgPageViews: number;
            /** @description Share of sessions that bounced, 0–1 (4 decimals). */
            bounceRate: number;
            devices: {
                desktop: number;
                mobile: number;
                tablet: number;
            };
            /** Format: date */
            from: string;
            /** @description Users created in the range. */
            newUsers: number;
            organizationId: string;
            pageViews: number;
            sessions: number;
            /** Format: date */
            to: string;
            /** @description Most sessions first; `(unknown)` for none. */
            topCountries: {
                country: string;
                sessions: number;
            }[];
            /** @description Most sessions first. */
            topEntryPages: {
                page: string;
                sessions: number;
            }[];
        };
        /** @description An export job. */
        ExportJob: {
            attempts: number;
            columns: string[] | null;
            completedAt: string | null;
            /** @enum {string} */
            compression: "none" | "gzip";
            contentType: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC timestamp.
             */
            createdAt: string;
            /** @description User id of the creator. */
            createdBy: string;
            csv?: {
                /** @enum {string} */
                delimiter: "," | ";" | "\t";
                includeBom: boolean;
            };
            /** @enum {string} */
            dataType: "sessions" | "users" | "analytics";
            dateRange: {
                /** Format: date */
                from: string;
                /** Format: date */
                to: string;
            };
            /** @description Completed jobs: a read-only SAS URL valid for at least two thirds of EXPORT_SAS_TTL_MINUTES (a caller polling gets the same URL back for up to a third of it); null in lists. */
            downloadUrl?: string | null;
            /** @description Failed jobs: why. */
            error?: {
                code: string;
                message: string;
            } | null;
            /** @description When the file is deleted (Completed jobs). */
            expiresAt: string | null;
            fileName: string;
            filters: {
                organizationId?: string;
                userId?: string;
            };
            /** @enum {string} */
            format: "csv" | "json" | "ndjson" | "excel" | "pdf";
            /** @description Job id (a GUID). */
            id: string;
            /** @description Pending jobs waiting for another attempt: why. */
            lastError?: {
                code: string;
                message: string;
            };
            links: {
                download?: string;
                self: string;
            };
            nextAttemptAt: string | null;
            /** @description The organization whose data is exported. */
            organizationId: string;
            /** @description How far the export is. */
            progress: {
                /** @description Seconds the rest takes at that rate, as of updatedAt (Processing only). */
                etaSeconds: number | null;
                /** @description 0–100 (one decimal); 100 once Completed; null while the total is unknown. */
                percent: number | null;
                /** @description Pending jobs only: its place in the order free workers claim jobs (1 = next; fair across organizations); null while it waits for a backoff retry. */
                queuePosition: number | null;
                /** @description The running attempt’s average rate (Processing only). */
                rowsPerSecond: number | null;
                /** @description Rows the export writes, counted once when a worker first claims the job; null before. */
                rowsTotal: number | null;
                rowsWritten: number;
                /** @description When the worker last wrote progress. */
                updatedAt: string | null;
            };
            /**
             * @description Present while a Completed job whose file was lost before its expiry is being made again (status Pending, lastError FILE_LOST); downloads answer 503 FILE_REGENERATING until then.
             * @constant
             */
            regenerating?: true;
            retryOf: string | null;
            rowCount: number | null;
            sha256: string | null;
            sizeBytes: number | null;
            startedAt: string | null;
            /** @enum {string} */
            status: "Pending" | "Processing" | "Completed" | "Failed" | "Cancelled" | "Expired";
        };
        /** @description A page of jobs, newest first. */
        ExportJobList: {
            items: components["schemas"]["ExportJob"][];
            /** @description Pass as `cursor` for the next page; null on the last. */
            nextCursor: string | null;
        };
        ExportRequest: {
            columns?: string[];
            /** @enum {string} */
            compression?: "none" | "gzip";
            csv?: {
                /** @enum {string} */
                delimiter?: "," | ";" | "\t";
                includeBom?: boolean;
            };
            /** @enum {string} */
            dataType: "sessions" | "users" | "analytics";
            dateRange: {
                /**
                 * Format: date
                 * @description A calendar date (UTC), 1900-01-01 … 2999-12-31.
                 * @example 2026-01-31
                 */
                from: string;
                /**
                 * Format: date
                 * @description A calendar date (UTC), 1900-01-01 … 2999-12-31.
                 * @example 2026-01-31
                 */
                to: string;
            };
            filters?: {
                organizationId?: string;
                userId?: string;
            };
            /** @enum {string} */
            format: "csv" | "json" | "ndjson" | "excel" | "pdf";
        };
        /** @description The event a webhook endpoint receives (POST, application/json, signed in Export-Signature). */
        JobEvent: {
            /**
             * Format: date-time
             * @description ISO-8601 UTC timestamp.
             */
            createdAt: string;
            data: {
                completedAt: string | null;
                dataType: string;
                dateRange: {
                    from: string;
                    to: string;
                };
                error: {
                    code: string;
                    message: string;
                } | null;
                expiresAt: string | null;
                fileName: string;
                format: string;
                jobId: string;
                links: {
                    download?: string;
                    self: string;
                };
                organizationId: string;
                rowCount: number | null;
                sha256: string | null;
                sizeBytes: number | null;
                /** @enum {string} */
                status: "Pending" | "Processing" | "Completed" | "Failed" | "Cancelled" | "Expired";
            };
            id: string;
            /** @enum {string} */
            type: "export_job.completed" | "export_job.failed" | "export_job.cancelled" | "export_job.expired";
        };
        /** @description RFC 9457 problem details. Never carries a stack trace or SQL. */
        Problem: {
            /** @description Stable machine-readable code, e.g. VALIDATION_FAILED, RATE_LIMITED. */
            code: string;
            detail: string;
            /** @description Every validation problem (at most 20), each naming its field. */
            errors?: {
                field: string;
                message: string;
            }[];
            /** @description The request path. */
            instance?: string;
            /** @description The request id, as in the X-Request-Id header. */
            requestId?: string;
            status: number;
            /** @description On a legacy 413: the export-job request that produces the same file. */
            successor?: {
                body: {
                    [key: string]: unknown;
                };
                href: string;
                /** @constant */
                method: "POST";
            };
            title: string;
            /** @description A URI naming the kind of problem. */
            type: string;
        };
        /** @description A webhook endpoint of the organization. */
        Webhook: {
            /**
             * Format: date-time
             * @description ISO-8601 UTC timestamp.
             */
            createdAt: string;
            createdBy: string;
            description: string | null;
            id: string;
            links: {
                deliveries: string;
                self: string;
            };
            organizationId: string;
            /** @description After a rotation: until when the old secret still signs (a second v1 in Export-Signature). */
            previousSecretExpiresAt: string | null;
            secretRotatedAt: string | null;
            url: string;
        };
        /** @description One event for one endpoint and how its delivery went. */
        WebhookDelivery: {
            /** @description Every attempt, oldest first. */
            attempts: {
                /**
                 * Format: date-time
                 * @description ISO-8601 UTC timestamp.
                 */
                at: string;
                attempt: number;
                durationMs: number;
                error: string | null;
                /** @description The endpoint’s HTTP status; null when none came. */
                statusCode: number | null;
            }[];
            /**
             * Format: date-time
             * @description ISO-8601 UTC timestamp.
             */
            createdAt: string;
            deliveredAt: string | null;
            /** @description The event’s id (Export-Event-Id): one per job; deduplicate on it. */
            eventId: string;
            /** @enum {string} */
            eventType: "export_job.completed" | "export_job.failed" | "export_job.cancelled" | "export_job.expired";
            id: string;
            jobId: string;
            /** @description Pending: when the next attempt is due. */
            nextAttemptAt: string | null;
            /** @enum {string} */
            status: "Pending" | "Delivered" | "Failed";
            webhookId: string;
        };
        /** @description A page of the delivery log, newest first. */
        WebhookDeliveryPage: {
            items: components["schemas"]["WebhookDelivery"][];
            nextCursor: string | null;
        };
        /** @description The organization’s endpoints. */
        WebhookList: {
            items: components["schemas"]["Webhook"][];
        };
        /** @description A webhook endpoint to register. */
        WebhookRequest: {
            /** @description A note for people (not sent anywhere). */
            description?: string;
            /** @description An https URL with a public host name. */
            url: string;
        };
        /** @description A webhook endpoint with its signing secret (shown once). */
        WebhookWithSecret: {
            /**
             * Format: date-time
             * @description ISO-8601 UTC timestamp.
             */
            createdAt: string;
            createdBy: string;
            description: string | null;
            id: string;
            links: {
                deliveries: string;
                self: string;
            };
            organizationId: string;
            /** @description After a rotation: until when the old secret still signs (a second v1 in Export-Signature). */
            previousSecretExpiresAt: string | null;
            /** @description The signing secret (whsec_…). Shown only now: store it; rotate to get a new one. */
            secret: string;
            secretRotatedAt: string | null;
            url: string;
        };
    };
    responses: never;
    parameters: {
        /** @description Within 24 h the same key and request return the original job; the same key with another request is 422. */
        IdempotencyKey: string;
        /** @description Job id (a GUID). */
        JobId: string;
        /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
        RequestId: string;
    };
    requestBodies: never;
    headers: {
        /** @description `bytes`: one Range per request is served. */
        AcceptRanges: string;
        /** @description The methods the resource supports. */
        Allow: string;
        /** @description `attachment; filename="…"`. */
        ContentDisposition: string;
        /** @description The range served (`bytes 0-99/1234`), or on 416 the size (`bytes *\/1234`). */
        ContentRange: string;
        /** @description RFC 9745: this endpoint is deprecated (since the date given). */
        Deprecation: string;
        /** @description Strong validator: the file’s sha256, quoted. */
        ETag: string;
        /** @description `true` when the answer is the job an earlier request (same Idempotency-Key, or a running retry) created. */
        IdempotentReplayed: string;
        /** @description The successor: `</api/export-jobs>; rel="successor-version"`. */
        Link: string;
        /** @description Where the job is: `/api/export-jobs/{id}`. */
        Location: string;
        /** @description Exports a user may start per window. */
        RateLimitLimit: number;
        /** @description The rate policy, e.g. `10;w=60`. */
        RateLimitPolicy: string;
        /** @description Exports the user may still start in the current window. */
        RateLimitRemaining: number;
        /** @description Seconds until the window frees a slot. */
        RateLimitReset: number;
        /** @description RFC 9530 digest of the whole file: `sha-256=:…:`. */
        ReprDigest: string;
        /** @description The request id: the client’s well-formed X-Request-Id, or one the service made. Also in problem bodies and logs. */
        RequestId: string;
        /** @description Seconds to wait before trying again. */
        RetryAfter: number;
        /** @description `Bearer`. */
        WwwAuthenticate: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    legacyDashboardExport: {
        parameters: {
            query: {
                /** @description Summary as JSON (default) or CSV. */
                format?: "json" | "csv";
                /** @description A calendar date (UTC), 1900-01-01 … 2999-12-31. */
                from: string;
                /** @description A calendar date (UTC), 1900-01-01 … 2999-12-31. */
                to: string;
            };
            header?: {
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The summary as JSON, or as CSV (section, name, value). */
            200: {
                headers: {
                    Deprecation: components["headers"]["Deprecation"];
                    Link: components["headers"]["Link"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardSummary"];
                    "text/csv; charset=utf-8": string;
                };
            };
            /** @description Invalid request: every problem listed in `errors`. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or quota reached: wait Retry-After seconds. */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (generic; no internals). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is temporarily unavailable: retry after Retry-After seconds. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    legacyExportAnalytics: {
        parameters: {
            query: {
                /** @description Comma-separated column names, in the order wanted (default: all). */
                columns?: string;
                /** @description File format (default csv). */
                format?: "csv" | "json";
                /** @description A calendar date (UTC), 1900-01-01 … 2999-12-31. */
                from: string;
                /** @description A calendar date (UTC), 1900-01-01 … 2999-12-31. */
                to: string;
                /** @description Only this user’s rows. */
                userId?: string;
            };
            header?: {
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rows, as CSV or JSON. */
            200: {
                headers: {
                    "Content-Disposition": components["headers"]["ContentDisposition"];
                    Deprecation: components["headers"]["Deprecation"];
                    Link: components["headers"]["Link"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>[];
                    "text/csv; charset=utf-8": string;
                };
            };
            /** @description Invalid request: every problem listed in `errors`. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too large (body over 64 KiB; legacy: over the synchronous row cap, with `successor`). */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or quota reached: wait Retry-After seconds. */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (generic; no internals). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is temporarily unavailable: retry after Retry-After seconds. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    legacyExportSessions: {
        parameters: {
            query: {
                /** @description Comma-separated column names, in the order wanted (default: all). */
                columns?: string;
                /** @description File format (default csv). */
                format?: "csv" | "json";
                /** @description A calendar date (UTC), 1900-01-01 … 2999-12-31. */
                from: string;
                /** @description A calendar date (UTC), 1900-01-01 … 2999-12-31. */
                to: string;
                /** @description Only this user’s rows. */
                userId?: string;
            };
            header?: {
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rows, as CSV or JSON. */
            200: {
                headers: {
                    "Content-Disposition": components["headers"]["ContentDisposition"];
                    Deprecation: components["headers"]["Deprecation"];
                    Link: components["headers"]["Link"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>[];
                    "text/csv; charset=utf-8": string;
                };
            };
            /** @description Invalid request: every problem listed in `errors`. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too large (body over 64 KiB; legacy: over the synchronous row cap, with `successor`). */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or quota reached: wait Retry-After seconds. */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (generic; no internals). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is temporarily unavailable: retry after Retry-After seconds. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    legacyExportUsers: {
        parameters: {
            query: {
                /** @description Comma-separated column names, in the order wanted (default: all). */
                columns?: string;
                /** @description File format (default csv). */
                format?: "csv" | "json";
                /** @description A calendar date (UTC), 1900-01-01 … 2999-12-31. */
                from: string;
                /** @description A calendar date (UTC), 1900-01-01 … 2999-12-31. */
                to: string;
                /** @description Only this user’s rows. */
                userId?: string;
            };
            header?: {
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rows, as CSV or JSON. */
            200: {
                headers: {
                    "Content-Disposition": components["headers"]["ContentDisposition"];
                    Deprecation: components["headers"]["Deprecation"];
                    Link: components["headers"]["Link"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>[];
                    "text/csv; charset=utf-8": string;
                };
            };
            /** @description Invalid request: every problem listed in `errors`. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too large (body over 64 KiB; legacy: over the synchronous row cap, with `successor`). */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or quota reached: wait Retry-After seconds. */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (generic; no internals). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is temporarily unavailable: retry after Retry-After seconds. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listExportJobs: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Only exports of this dataset. */
                dataType?: "sessions" | "users" | "analytics";
                /** @description Page size, 1–100. */
                limit?: number;
                /** @description Only jobs in this status. */
                status?: "Pending" | "Processing" | "Completed" | "Failed" | "Cancelled" | "Expired";
            };
            header?: {
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of jobs. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportJobList"];
                };
            };
            /** @description Invalid request: every problem listed in `errors`. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (generic; no internals). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is temporarily unavailable: retry after Retry-After seconds. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createExportJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description Within 24 h the same key and request return the original job; the same key with another request is 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExportRequest"];
            };
        };
        responses: {
            /** @description Accepted: the job (Pending), or the earlier one on a replay. */
            202: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    Location: components["headers"]["Location"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportJob"];
                };
            };
            /** @description Invalid request: every problem listed in `errors`. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too large (body over 64 KiB; legacy: over the synchronous row cap, with `successor`). */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not application/json. */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Understood but refused: over a row cap, or an Idempotency-Key reused with another request. */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or quota reached: wait Retry-After seconds. */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (generic; no internals). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is temporarily unavailable: retry after Retry-After seconds. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getExportJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description Job id (a GUID). */
                id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportJob"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such job — or one the caller may not see, or a malformed id (indistinguishable). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (generic; no internals). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is temporarily unavailable: retry after Retry-After seconds. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelExportJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description Job id (a GUID). */
                id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job, Cancelled. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportJob"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such job — or one the caller may not see, or a malformed id (indistinguishable). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The job is not in a state that allows this. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (generic; no internals). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is temporarily unavailable: retry after Retry-After seconds. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getExportJobAudit: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Page size, 1–100. */
                limit?: number;
            };
            header?: {
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description Job id (a GUID). */
                id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of audit records. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description Invalid request: every problem listed in `errors`. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such job — or one the caller may not see, or a malformed id (indistinguishable). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (generic; no internals). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is temporarily unavailable: retry after Retry-After seconds. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    downloadExport: {
        parameters: {
            query?: never;
            header?: {
                /** @description 304 when it names the current ETag. */
                "If-None-Match"?: string;
                /** @description Serve the range only if the ETag still matches. */
                "If-Range"?: string;
                /** @description One byte range; several are ignored (200). */
                Range?: string;
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description Job id (a GUID). */
                id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole file. */
            200: {
                headers: {
                    "Accept-Ranges": components["headers"]["AcceptRanges"];
                    "Content-Disposition": components["headers"]["ContentDisposition"];
                    ETag: components["headers"]["ETag"];
                    "Repr-Digest": components["headers"]["ReprDigest"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/gzip": string;
                    "application/json": string;
                    "application/pdf": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "application/x-ndjson": string;
                    "text/csv; charset=utf-8": string;
                };
            };
            /** @description One range of the file. */
            206: {
                headers: {
                    "Accept-Ranges": components["headers"]["AcceptRanges"];
                    "Content-Disposition": components["headers"]["ContentDisposition"];
                    "Content-Range": components["headers"]["ContentRange"];
                    ETag: components["headers"]["ETag"];
                    "Repr-Digest": components["headers"]["ReprDigest"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/gzip": string;
                    "application/json": string;
                    "application/pdf": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "application/x-ndjson": string;
                    "text/csv; charset=utf-8": string;
                };
            };
            /** @description Files over EXPORT_DOWNLOAD_REDIRECT_BYTES: fetch them from the fresh read-only SAS URL in Location (no token). */
            303: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified (If-None-Match). */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such job — or one the caller may not see, or a malformed id (indistinguishable). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The job is not in a state that allows this. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The file expired and was deleted. */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The range is outside the file. */
            416: {
                headers: {
                    "Content-Range": components["headers"]["ContentRange"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (generic; no internals). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is temporarily unavailable: retry after Retry-After seconds. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    headExport: {
        parameters: {
            query?: never;
            header?: {
                /** @description 304 when it names the current ETag. */
                "If-None-Match"?: string;
                /** @description Serve the range only if the ETag still matches. */
                "If-Range"?: string;
                /** @description One byte range; several are ignored (200). */
                Range?: string;
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description Job id (a GUID). */
                id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole file. */
            200: {
                headers: {
                    "Accept-Ranges": components["headers"]["AcceptRanges"];
                    "Content-Disposition": components["headers"]["ContentDisposition"];
                    ETag: components["headers"]["ETag"];
                    "Repr-Digest": components["headers"]["ReprDigest"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description One range of the file. */
            206: {
                headers: {
                    "Accept-Ranges": components["headers"]["AcceptRanges"];
                    "Content-Disposition": components["headers"]["ContentDisposition"];
                    "Content-Range": components["headers"]["ContentRange"];
                    ETag: components["headers"]["ETag"];
                    "Repr-Digest": components["headers"]["ReprDigest"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Files over EXPORT_DOWNLOAD_REDIRECT_BYTES: fetch them from the fresh read-only SAS URL in Location (no token). */
            303: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified (If-None-Match). */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such job — or one the caller may not see, or a malformed id (indistinguishable). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The job is not in a state that allows this. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The file expired and was deleted. */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The range is outside the file. */
            416: {
                headers: {
                    "Content-Range": components["headers"]["ContentRange"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (generic; no internals). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is temporarily unavailable: retry after Retry-After seconds. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    watchExportJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description The id of the last event seen: that state is not sent again. */
                "Last-Event-ID"?: string;
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description Job id (a GUID). */
                id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such job — or one the caller may not see, or a malformed id (indistinguishable). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (generic; no internals). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is temporarily unavailable: retry after Retry-After seconds. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    retryExportJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description Within 24 h the same key and request return the original job; the same key with another request is 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description Job id (a GUID). */
                id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the job (Pending), or the earlier one on a replay. */
            202: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    Location: components["headers"]["Location"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportJob"];
                };
            };
            /** @description Invalid request: every problem listed in `errors`. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such job — or one the caller may not see, or a malformed id (indistinguishable). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The job is not in a state that allows this. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Understood but refused: over a row cap, or an Idempotency-Key reused with another request. */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or quota reached: wait Retry-After seconds. */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (generic; no internals). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is temporarily unavailable: retry after Retry-After seconds. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: {
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI 3.1 document. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: {
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoints (no secrets). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookList"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (generic; no internals). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is temporarily unavailable: retry after Retry-After seconds. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookRequest"];
            };
        };
        responses: {
            /** @description The endpoint and its signing secret. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookWithSecret"];
                };
            };
            /** @description Invalid request: every problem listed in `errors`. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The job is not in a state that allows this. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too large (body over 64 KiB; legacy: over the synchronous row cap, with `successor`). */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not application/json. */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (generic; no internals). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is temporarily unavailable: retry after Retry-After seconds. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description Webhook endpoint id (a GUID). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such job — or one the caller may not see, or a malformed id (indistinguishable). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (generic; no internals). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is temporarily unavailable: retry after Retry-After seconds. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Page size, 1–100. */
                limit?: number;
            };
            header?: {
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description Webhook endpoint id (a GUID). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            /** @description Invalid request: every problem listed in `errors`. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such job — or one the caller may not see, or a malformed id (indistinguishable). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (generic; no internals). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is temporarily unavailable: retry after Retry-After seconds. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description A request id to correlate by; echoed on the response (an ill-formed one is replaced). */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description Webhook endpoint id (a GUID). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint and its new secret. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookWithSecret"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this. */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such job — or one the caller may not see, or a malformed id (indistinguishable). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (generic; no internals). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is temporarily unavailable: retry after Retry-After seconds. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
