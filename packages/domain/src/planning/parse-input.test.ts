import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors';
import { parsePlanningInput } from './parse-input';

const schema = z.object({
  a: z.object({ b: z.number({ error: 'Enter b' }) }),
  c: z.string({ error: 'Enter c' }),
});

describe('parsePlanningInput', () => {
  it('returns the parsed value', () => {
    expect(parsePlanningInput(schema, { a: { b: 1 }, c: 'x' }, 'thing')).toEqual({ a: { b: 1 }, c: 'x' });
  });
  it('throws a 422 AppError with one dotted field error per problem', () => {
    try {
      parsePlanningInput(schema, { a: {} }, 'thing');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const e = error as AppError;
      expect([e.status, e.message]).toEqual([422, 'Check the thing: 2 fields to fix.']);
      expect(e.fieldErrors).toEqual([
        { field: 'a.b', message: 'Enter b' },
        { field: 'c', message: 'Enter c' },
      ]);
    }
  });
  it('names the whole input when the error has no path', () => {
    try {
      parsePlanningInput(z.number({ error: 'Enter a number' }), 'x', 'figure');
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).fieldErrors).toEqual([{ field: '(input)', message: 'Enter a number' }]);
      expect((error as AppError).message).toBe('Check the figure: 1 field to fix.');
    }
  });
});
