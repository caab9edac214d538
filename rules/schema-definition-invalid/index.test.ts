import { ruleTester } from '../test-harness.js';
import rule from './index.js';

/** schema.json of module `app` with the given tables, one property per line so that lines are predictable. */
function doc(tables: string[], module = 'app'): string {
  return `{\n  "module": "${module}",\n  "tables": [\n${tables.join(',\n')}\n  ]\n}`;
}

const VENDOR = `    {
      "name": "vendor",
      "columns": [
        { "name": "id", "type": "uuid", "nullable": false, "default": "generate_uuidv7()", "primaryKey": true },
        { "name": "status", "type": "text", "nullable": false, "default": "'draft'" }
      ],
      "checks": [{ "name": "valid_status", "expression": "status IN ('draft', 'approved')" }]
    }`;

ruleTester(rule, {
  valid: [
    { name: 'a valid module definition', schemaJson: { 'app/schema.json': doc([VENDOR]) } },
    {
      name: 'a valid definition next to matching migrations',
      schemaJson: { 'app/schema.json': doc([VENDOR]) },
      sql: "CREATE TABLE vendor (id uuid PRIMARY KEY DEFAULT generate_uuidv7(), status text NOT NULL DEFAULT 'draft', CONSTRAINT valid_status CHECK (status IN ('draft', 'approved')));",
    },
    { name: 'types written as DDL writes them', schemaJson: { 'app/schema.json': doc([VENDOR.replace('"type": "text"', '"type": "character varying(20)"')]) } },
  ],
  invalid: [
    {
      name: 'a value of the wrong type, at the value',
      schemaJson: { 'app/schema.json': doc([VENDOR.replace('"nullable": false, "default": "\'draft\'"', '"nullable": "no", "default": "\'draft\'"')]) },
      errors: [{ message: 'tables[0].columns[1]: "nullable" must be a boolean', line: 8, column: 57, file: 'app/schema.json' }],
    },
    {
      name: 'a misspelt property, with a suggestion, at its name',
      schemaJson: { 'app/schema.json': doc([VENDOR.replace('"checks"', '"check"')]) },
      errors: [{ message: 'tables[0]: unknown property "check" (did you mean "checks"?)', line: 10, column: 7 }],
    },
    {
      name: 'an SQL syntax error, at the character inside the JSON string',
      schemaJson: { 'app/schema.json': doc([VENDOR.replace("'approved')", "'approved'")]) },
      errors: [{ message: 'tables[0].checks[0]: "expression" is not a valid SQL expression: syntax error at end of input', line: 10, column: 89 }],
    },
    {
      name: 'a text default without its quotes',
      schemaJson: { 'app/schema.json': doc([VENDOR.replace('"default": "\'draft\'"', '"default": "draft"')]) },
      errors: [{ message: /"default" cannot refer to column "draft": .* write "'draft'"$/, line: 8, column: 75 }],
    },
    {
      name: 'a module name that is not snake_case, and an unknown type spelling',
      schemaJson: { 'app/schema.json': doc([VENDOR.replace('"type": "text"', '"type": "varchar(20"')], 'VendorRisk') },
      errors: [
        { message: '"module" "VendorRisk" must be snake_case: lower-case letters and digits in words joined by single underscores, e.g. "vendor_risk"', line: 2, column: 13 },
        { message: 'tables[0].columns[1]: "type" "varchar(20" is not a PostgreSQL type (syntax error at end of input)', line: 8, column: 48 },
      ],
    },
    {
      name: 'a check over a column the table lacks',
      schemaJson: { 'app/schema.json': doc([VENDOR.replace("status IN ('draft'", "state IN ('draft'")]) },
      errors: [{ message: 'tables[0].checks[0]: "expression" names column "state", which "vendor" does not have', line: 10, column: 59 }],
    },
  ],
});
