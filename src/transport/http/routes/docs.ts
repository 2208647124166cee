// JSON Schemas of response shapes shared by routes, for /openapi.json.

export const ERROR_SCHEMA = {
  type: 'object',
  properties: { id: { type: 'integer' }, code: { type: 'string' }, reason: { type: 'string' }, field: { type: ['string', 'null'] } },
  required: ['id', 'code', 'reason', 'field'],
};

export const ERROR_DOC = { description: 'Iggy error JSON', schema: ERROR_SCHEMA };

export const IDENTITY_INFO_SCHEMA = {
  type: 'object',
  properties: {
    user_id: { type: 'integer', format: 'uint32' },
    access_token: {
      type: 'object',
      properties: { token: { type: 'string' }, expiry: { type: 'integer', format: 'uint64' } },
      required: ['token', 'expiry'],
    },
  },
  required: ['user_id', 'access_token'],
};
