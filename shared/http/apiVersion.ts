/** The version of the HTTP API's contract (the OpenAPI document's info.version). */
export const EXPORT_API_VERSION = '1.1.0';
