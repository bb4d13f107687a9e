// First: keeps the young generation small before anything grows it (see the module).
import '../shared/host/heapFlags.js';
import { app } from '@azure/functions';
import { registerWithFunctionsHost } from '../shared/host/azureFunctionsHost.js';
import { functionDefinitions } from './definitions.js';

/**
 * The Azure Functions entry point (package.json `main`): registers every function of the app with
 * the Functions host, whose services are built from the app settings on first use.
 */
registerWithFunctionsHost(app, functionDefinitions);
