// Typed errors carrying Iggy's numeric code (STYLE.md §4). Browser-safe.
import { ERROR_TABLE, type ErrorEntry, type Retriable } from './codes.js';

export { ERROR_TABLE, type Retriable };
export type ErrorName = keyof typeof ERROR_TABLE;

export const ERROR_CODE: { readonly [K in ErrorName]: (typeof ERROR_TABLE)[K]['code'] } = Object.fromEntries(
  Object.entries(ERROR_TABLE).map(([name, entry]) => [name, entry.code]),
) as never;

const NAME_BY_CODE = new Map<number, ErrorName>(
  Object.entries(ERROR_TABLE).map(([name, entry]) => [entry.code, name as ErrorName]),
);

/** The variant name of a numeric code; unknown codes are `Error`, as the Rust SDK maps them. */
export function errorName(code: number): ErrorName {
  return NAME_BY_CODE.get(code) ?? 'Error';
}

export function httpStatusOf(code: number): number {
  return ERROR_TABLE[errorName(code)].httpStatus;
}

/** The table's retriable column for a code; undefined = retrying fails again. */
export function retriableOf(code: number): Retriable | undefined {
  return (ERROR_TABLE[errorName(code)] as ErrorEntry).retriable;
}

/**
 * True for an IggyError whose code the table marks retriable (of `kind` when
 * given). Anything else (our bug, a garbled reply) is not: retrying would loop.
 */
export function isRetriable(error: unknown, kind?: Retriable): boolean {
  if (!(error instanceof IggyError)) return false;
  const retriable = retriableOf(error.code);
  return retriable !== undefined && (kind === undefined || retriable === kind);
}

export class IggyError extends Error {
  readonly code: number;
  constructor(code: number, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IggyError';
    this.code = code;
  }

  /** Iggy variant name of this error's code (e.g. `StreamIdNotFound`). */
  get errorName(): ErrorName {
    return errorName(this.code);
  }

  static of(name: ErrorName, detail: string, options?: ErrorOptions): IggyError {
    return new IggyError(ERROR_TABLE[name].code, `${name}: ${detail}`, options);
  }

  static fromCode(code: number, detail?: string): IggyError {
    const name = errorName(code);
    return new IggyError(code, detail ? `${name} (${code}): ${detail}` : `${name} (${code})`);
  }
}

export function isIggyError(value: unknown): value is IggyError {
  return value instanceof IggyError;
}
