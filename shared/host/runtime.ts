import { loadConfig } from '../config/config.js';
import { createServices, type Services } from './compositionRoot.js';

let current: Promise<Services> | undefined;

/**
 * The process's services. Under the Functions host they are built on first use from the app
 * settings; the local host and tests install their own first.
 */
export function services(): Promise<Services> {
  // eslint-disable-next-line no-restricted-properties -- the Functions host's one entry to settings
  current ??= createServices(loadConfig(process.env));
  return current;
}

export function installServices(s: Services | undefined): void {
  current = s ? Promise.resolve(s) : undefined;
}
