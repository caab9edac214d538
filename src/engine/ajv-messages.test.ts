import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { describeAjvErrors } from './ajv-messages.js';

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[a-z]+$', patternErrorMessage: 'must be lower-case letters' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          flag: { type: 'boolean' },
          keys: {
            type: 'array',
            items: {
              anyOf: [
                { type: 'string' },
                {
                  type: 'object',
                  additionalProperties: false,
                  oneOf: [{ required: ['column'] }, { required: ['expression'] }],
                  properties: { column: { type: 'string' }, expression: { type: 'string' } },
                },
              ],
            },
          },
          text: { type: ['string', 'null'] },
        },
      },
    },
  },
};

function problems(value: unknown, verbose = true) {
  const validate = new Ajv2020({ allErrors: true, strict: false, verbose }).compile(schema);
  validate(value);
  return describeAjvErrors(validate.errors);
}

describe('describeAjvErrors', () => {
  it('words each problem with its path and says where the value at fault is', () => {
    expect(problems({ items: [{ flag: 'yes', extra: 1 }] })).toEqual([
      { path: ['items', 0, 'extra'], at: ['items', 0, 'extra'], atKey: true, message: 'items[0]: unknown property "extra"' },
      { path: ['items', 0], at: ['items', 0, 'flag'], message: 'items[0]: "flag" must be a boolean' },
    ]);
  });

  it('does not hide a type error because another, unrelated error is deeper in the document', () => {
    const found = problems({ items: [{ text: 3 }, { keys: [{ column: 1 }] }] }).map((p) => p.message);
    expect(found).toEqual(['items[0]: "text" must be a string or null', 'items[1].keys[0]: "column" must be a string']);
  });

  it('alternatives: merges type errors at one place, and drops those of branches that matched the type', () => {
    expect(problems({ items: [{ keys: [5] }] }).map((p) => p.message)).toEqual(['items[0].keys: item 0 must be a string or an object']);
    expect(problems({ items: [{ keys: [{ colum: 'a' }] }] }).map((p) => p.message)).toEqual([
      'items[0].keys[0]: needs exactly one of "column" or "expression"',
      'items[0].keys[0]: unknown property "colum" (did you mean "column"?)',
    ]);
    expect(problems({ items: [{ keys: [{ column: 'a', expression: 'b' }] }] }).map((p) => p.message)).toEqual(['items[0].keys[0]: needs exactly one of "column" or "expression"']);
  });

  it("a pattern failure uses the schema's patternErrorMessage and shows the value", () => {
    expect(problems({ name: 'Vendor' })).toEqual([{ path: [], at: ['name'], message: '"name" "Vendor" must be lower-case letters' }]);
  });

  it('works without verbose errors too (as the config loader compiles)', () => {
    expect(problems({ items: [{ flag: 1 }] }, false).map((p) => p.message)).toEqual(['items[0]: "flag" must be a boolean']);
  });
});
