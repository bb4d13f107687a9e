/**
 * Structured logging. Properties become customDimensions in Application Insights (through the
 * invocation context) or JSON fields on stdout locally. Never pass personal data or secrets.
 */
// @ts-nocheck

export interface Logger {
  info(message: string, props?: LogProps): void;
  warn(message: string, props?: LogProps): void;
  error(message: string, props?: LogProps): void;
  /** A numeric measurement (duration, rows, bytes …) for dashboards and alerts. */
  metric(name: string, value: number, props?: LogProps): void;
  child(props: LogProps): Logger;
}

export type LogProps = Readonly<Record<string, string | number | boolean | null | undefined>>;
