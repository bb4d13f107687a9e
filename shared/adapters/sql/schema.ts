import type { Generated } from 'kysely';

/**
 * Tables of one schema shared by Azure SQL and SQLite.
 *
 * Timestamps are ISO-8601 UTC strings of fixed width (`2026-01-31T23:59:59.000Z`) in both engines:
 * one representation everywhere, string order = time order, and no driver time-zone conversion.
 * Booleans are 0/1 (SQLite integer, SQL Server bit). `seq` columns are monotonic keys that give
 * exports a snapshot bound.
 */
export interface ExportJobsTable {
  id: string;
  organization_id: string;
  created_by: string;
  data_type: string;
  format: string;
  request_json: string;
  status: string;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  completed_at: string | null;
  expires_at: string | null;
  rows_written: number;
  row_count: number | null;
  size_bytes: number | string | null;
  sha256: string | null;
  blob_name: string | null;
  file_name: string;
  content_type: string;
  error_code: string | null;
  error_message: string | null;
  attempt: number;
  next_attempt_at: string | null;
  lease_token: string | null;
  lease_expires_at: string | null;
  enqueued_at: string | null;
  enqueued_attempt: number | null;
  retry_of: string | null;
  snapshot_json: string | null;
  checkpoint_json: string | null;
  // 0002_api
  created_by_org: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  // 0005_experience
  rows_total: number | string | null;
  rows_per_second: number | null;
  progress_at: string | null;
  events_queued_at: string | null;
}

/** An organization's webhook endpoint (0005_experience). */
export interface WebhooksTable {
  id: string;
  organization_id: string;
  url: string;
  description: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  created_by: string;
  created_at: string;
  secret_rotated_at: string | null;
}

/** One event for one webhook, and how its delivery went (0005_experience). */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  organization_id: string;
  event_id: string;
  event_type: string;
  job_id: string;
  payload: string;
  status: string;
  attempt: number;
  next_attempt_at: string | null;
  lease_token: string | null;
  lease_expires_at: string | null;
  enqueued_at: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  attempts_json: string | null;
}

/** The append-only audit trail (0002_api). */
export interface ExportAuditTable {
  seq: Generated<number | string>;
  at: string;
  action: string;
  job_id: string | null;
  organization_id: string;
  actor_id: string;
  actor_org: string;
  client_address: string | null;
  request_id: string | null;
  detail: string | null;
}

export interface OrganizationsTable {
  id: string;
  name: string;
}

export interface UsersTable {
  seq: Generated<number | string>;
  id: string;
  organization_id: string;
  email: string;
  display_name: string;
  role: string;
  department: string | null;
  country: string | null;
  created_at: string;
  last_login_at: string | null;
  is_active: number | boolean;
}

export interface SessionsTable {
  seq: Generated<number | string>;
  id: string;
  organization_id: string;
  user_id: string;
  started_at: string;
  ended_at: string | null;
  duration_seconds: number;
  page_views: number;
  bounced: number | boolean;
  device: string;
  browser: string;
  country: string | null;
  entry_page: string | null;
}

export interface Database {
  export_jobs: ExportJobsTable;
  export_audit: ExportAuditTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
}
