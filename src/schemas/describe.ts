/**
 * Reads a zod object schema back as documentation rows (field, type,
 * default, description), so the reference tables on the teacher guide page
 * come from the schemas themselves and can never drift from them.
 */
import type { z } from 'astro/zod';

export interface FieldDoc {
  name: string;
  type: string;
  required: boolean;
  defaultValue?: string;
  description: string;
}

type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } }; description?: string };

export function describeFields(schema: z.ZodObject): FieldDoc[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    let current = field as unknown as AnySchema;
    let required = true;
    let defaultValue: string | undefined;
    let description = current.description;
    // Unwrap optional/default layers, keeping the first description and the default.
    while (current._zod.def.type === 'optional' || current._zod.def.type === 'default') {
      required = false;
      if (current._zod.def.type === 'default') {
        const value = current._zod.def.defaultValue;
        defaultValue = JSON.stringify(typeof value === 'function' ? (value as () => unknown)() : value);
      }
      current = current._zod.def.innerType as AnySchema;
      description ??= current.description;
    }
    return { name, type: typeName(current), required, ...(defaultValue !== undefined ? { defaultValue } : {}), description: description ?? '' };
  });
}

function typeName(schema: AnySchema): string {
  const def = schema._zod.def;
  switch (def.type) {
    case 'enum':
      return Object.values(def.entries as Record<string, string>).map((v) => `"${v}"`).join(' | ');
    case 'array':
      return `${typeName(def.element as AnySchema)}[]`;
    case 'object':
      return 'object';
    default:
      return def.type;
  }
}
