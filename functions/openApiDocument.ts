import { openApiDocument } from '../shared/http/openapi.js';
import { json, publicHttpFunction } from '../shared/host/httpFunction.js';

/** GET /api/openapi.json → the OpenAPI 3.1 document of the whole API. Public: it describes, it grants nothing. */
export const openApiDocumentFunction = publicHttpFunction({
  name: 'openApiDocument',
  methods: ['GET'],
  route: 'openapi.json',
  async run() {
    return json(200, openApiDocument());
  },
});
