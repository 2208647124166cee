// Request schemas: fastest-validator rules, compiled once at start-up (STYLE.md
// §3), plus the few Iggy number types it lacks. u64 fields accept a JSON number
// or the bigint our parser yields above 2^53 (json.ts), and always come out as
// bigint so routes never see a rounded value. A failure is InvalidFormat (4)
// naming the first bad field, answered 400 with Iggy's error JSON.
import FastestValidator from 'fastest-validator';
import { IggyError } from '../../errors/iggy_error.js';
import { U64_MAX } from '../../protocol/types.js';

/** A fastest-validator rule; `openapi` (ours, ignored by the validator) describes custom rules for /openapi.json. */
export type Rule = Record<string, unknown> & { type: string; openapi?: Record<string, unknown> };
export type ObjectSchema = Record<string, Rule>;


interface CustomErrors {
  push(error: { type: string; actual: unknown; expected?: unknown }): void;
}

function integerRule(type: 'u64' | 'u32', max: bigint, optional: boolean, fromText: boolean): Rule {
  return {
    type: 'custom',
    optional,
    openapi: { type: 'integer', format: type === 'u64' ? 'uint64' : 'uint32', minimum: 0, maximum: type === 'u64' ? undefined : Number(max) },
    check(value: unknown, errors: CustomErrors): unknown {
      let n: bigint | undefined;
      if (typeof value === 'bigint') n = value;
      else if (typeof value === 'number' && Number.isSafeInteger(value)) n = BigInt(value);
      else if (fromText && typeof value === 'string' && /^\d{1,20}$/.test(value)) n = BigInt(value);
      if (n === undefined || n < 0n || n > max) {
        errors.push({ type, actual: value });
        return value;
      }
      return type === 'u64' ? n : Number(n);
    },
  };
}

/** u64 as bigint (body: JSON number; query: `fromText`). */
export const u64 = (options: { optional?: boolean; fromText?: boolean } = {}): Rule =>
  integerRule('u64', U64_MAX, options.optional ?? false, options.fromText ?? false);
/** u32 as number. */
export const u32 = (options: { optional?: boolean; fromText?: boolean } = {}): Rule =>
  integerRule('u32', 0xffff_ffffn, options.optional ?? false, options.fromText ?? false);
export const str = (options: { min?: number; max?: number; optional?: boolean } = {}): Rule => ({ type: 'string', ...options });

// The package's types declare a default export the CommonJS build lacks (config.ts does the same).
const validator = new (FastestValidator as unknown as new (options: object) => { compile(schema: object): (value: unknown) => unknown })({
  haltOnFirstError: true,
  // check(value, errors, ...) whose return value replaces the field (u64 -> bigint).
  useNewCustomCheckerFunction: true,
  messages: {
    u64: "The '{field}' field must be an unsigned 64-bit integer.",
    u32: "The '{field}' field must be an unsigned 32-bit integer.",
  },
});

interface FvError {
  field?: string;
  message?: string;
}

/** A compiled check: returns the (converted) value or throws InvalidFormat naming the field. */
export type Check = (value: unknown) => Record<string, unknown>;

/** Compiles an object schema once; unknown fields are kept, as serde ignores them. */
export function compileSchema(schema: ObjectSchema, what: 'body' | 'query'): Check {
  const check = validator.compile({ $$root: true, type: 'object', props: schema });
  return (value) => {
    const input = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
    if (input === undefined) throw new FieldError(IggyError.of('InvalidFormat', `${what} must be a JSON object`), null);
    const result = check(input) as true | FvError[] | Promise<unknown>;
    if (result !== true) {
      const first = Array.isArray(result) ? result[0] : undefined;
      throw new FieldError(IggyError.of('InvalidFormat', first?.message ?? `invalid ${what}`), first?.field ?? null);
    }
    return input as Record<string, unknown>;
  };
}

/** A validation failure: the IggyError and the field to blame in the error JSON. */
export class FieldError extends Error {
  constructor(readonly error: IggyError, readonly field: string | null) {
    super(error.message);
    this.name = 'FieldError';
  }
}

/** JSON Schema of a rule, for /openapi.json. */
export function ruleToJsonSchema(rule: Rule): Record<string, unknown> {
  if (rule.openapi !== undefined) return stripUndefined(rule.openapi);
  switch (rule.type) {
    case 'string':
      return stripUndefined({ type: 'string', minLength: rule.min, maxLength: rule.max });
    case 'boolean':
      return { type: 'boolean' };
    case 'enum':
      return { enum: rule.values };
    case 'object':
      return objectToJsonSchema((rule.props ?? {}) as ObjectSchema);
    default:
      return {};
  }
}

export function objectToJsonSchema(schema: ObjectSchema): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const [name, rule] of Object.entries(schema)) {
    properties[name] = ruleToJsonSchema(rule);
    if (rule.optional !== true) required.push(name);
  }
  return { type: 'object', properties, required };
}

function stripUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
