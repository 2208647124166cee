// How an HTTP failure becomes an IggyError (HTTP.md §3): Iggy's error JSON by
// its numeric code, the auth middleware's bodiless 401 as Unauthenticated
// (40), the generic not-found as ResourceNotFound (20), and anything else
// (framework plain text, our 405/413/415) as HttpResponseError (300).
import { describe, expect, it } from 'vitest';
import { pingBinding, getStreamsBinding } from '../../../src/protocol/http/bindings/index.js';
import { errorOf, urlOf } from './http_exchange.js';

describe('errorOf', () => {
  it('keeps the code of Iggy error JSON', () => {
    const error = errorOf(404, '{"id":1009,"code":"stream_id_not_found","reason":"Stream with ID: 7 was not found.","field":"stream_id"}', 'GetStream');
    expect(error.code).toBe(1009);
    expect(error.message).toContain('Stream with ID: 7 was not found.');
    expect(errorOf(403, '{"id":41,"code":"unauthorized","reason":"no","field":null}', 'x').code).toBe(41);
  });

  it('reads an empty 401 as Unauthenticated', () => {
    expect(errorOf(401, '', 'GetStreams').code).toBe(40);
  });

  it('reads the generic not-found as ResourceNotFound', () => {
    expect(errorOf(404, '{"id":404,"code":"not_found","reason":"Resource not found","field":null}', 'x').code).toBe(20);
  });

  it('reads plain text and non-Iggy ids as HttpResponseError with the status', () => {
    const text = errorOf(422, 'Failed to deserialize the JSON body', 'SendMessages');
    expect(text.code).toBe(300);
    expect(text.message).toContain('HTTP 422: Failed to deserialize');
    expect(errorOf(415, '{"id":415,"code":"unsupported_media_type","reason":"x","field":null}', 'x').code).toBe(300);
  });
});

describe('urlOf', () => {
  it('joins the base, the filled path and the query', () => {
    expect(urlOf('http://h:3000/', pingBinding, {}, {})).toBe('http://h:3000/ping');
    expect(urlOf('http://h:3000', getStreamsBinding, {}, { a: 'b c' })).toBe('http://h:3000/streams?a=b+c');
  });
});
