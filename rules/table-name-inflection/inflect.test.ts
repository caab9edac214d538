import { describe, expect, it } from 'vitest';
import { isPlural, isSingular, pluralize, singularize, singularTableName } from './inflect.js';

const PAIRS: [string, string][] = [
  ['vendor', 'vendors'],
  ['policy', 'policies'],
  ['category', 'categories'],
  ['survey', 'surveys'],
  ['key', 'keys'],
  ['status', 'statuses'],
  ['bonus', 'bonuses'],
  ['process', 'processes'],
  ['address', 'addresses'],
  ['business', 'businesses'],
  ['access', 'accesses'],
  ['box', 'boxes'],
  ['tax', 'taxes'],
  ['match', 'matches'],
  ['branch', 'branches'],
  ['approach', 'approaches'],
  ['epoch', 'epochs'],
  ['wish', 'wishes'],
  ['quiz', 'quizzes'],
  ['analysis', 'analyses'],
  ['diagnosis', 'diagnoses'],
  ['hypothesis', 'hypotheses'],
  ['crisis', 'crises'],
  ['axis', 'axes'],
  ['person', 'people'],
  ['child', 'children'],
  ['woman', 'women'],
  ['criterion', 'criteria'],
  ['phenomenon', 'phenomena'],
  ['matrix', 'matrices'],
  ['vertex', 'vertices'],
  ['appendix', 'appendices'],
  ['index', 'indexes'],
  ['alias', 'aliases'],
  ['bias', 'biases'],
  ['leaf', 'leaves'],
  ['life', 'lives'],
  ['knife', 'knives'],
  ['roof', 'roofs'],
  ['belief', 'beliefs'],
  ['hero', 'heroes'],
  ['photo', 'photos'],
  ['scenario', 'scenarios'],
  ['movie', 'movies'],
  ['cookie', 'cookies'],
  ['tie', 'ties'],
  ['shoe', 'shoes'],
  ['cache', 'caches'],
  ['case', 'cases'],
  ['response', 'responses'],
  ['database', 'databases'],
  ['purpose', 'purposes'],
  ['dose', 'doses'],
  ['cause', 'causes'],
  ['house', 'houses'],
  ['clause', 'clauses'],
  ['course', 'courses'],
  ['license', 'licenses'],
  ['size', 'sizes'],
  ['archive', 'archives'],
  ['objective', 'objectives'],
  ['area', 'areas'],
  ['schema', 'schemas'],
  ['formula', 'formulas'],
  ['menu', 'menus'],
  ['api', 'apis'],
  ['kpi', 'kpis'],
  ['taxi', 'taxis'],
  ['setting', 'settings'],
  ['user', 'users'],
  ['organisation', 'organisations'],
  ['lens', 'lenses'],
  ['campus', 'campuses'],
  ['virus', 'viruses'],
];

describe('inflect', () => {
  it.each(PAIRS)('%s ↔ %s', (singular, plural) => {
    expect(pluralize(singular)).toBe(plural);
    expect(singularize(plural)).toBe(singular);
    expect(singularize(singular)).toBe(singular);
    expect(isSingular(singular)).toBe(true);
    expect(isPlural(singular)).toBe(false);
    expect(isPlural(plural)).toBe(true);
    expect(isSingular(plural)).toBe(false);
  });

  it('accepts both plurals where English has two', () => {
    expect(singularize('indices')).toBe('index');
    expect(singularize('appendixes')).toBe('appendix');
    expect(singularize('formulae')).toBe('formula');
    expect(singularize('schemata')).toBe('schema');
    expect(singularize('persons')).toBe('person');
  });

  it('reads the ambiguous bases as the plural of base, and still pluralises basis', () => {
    expect(singularize('bases')).toBe('base');
    expect(pluralize('basis')).toBe('bases');
    expect(pluralize('praxis')).toBe('praxes');
  });

  it.each(['data', 'metadata', 'evidence', 'information', 'equipment', 'feedback', 'news', 'series', 'species', 'staff', 'software', 'analytics', 'personnel', 'sheep', 'sms'])(
    'treats the invariant %s as both singular and plural',
    (word) => {
      expect(isSingular(word)).toBe(true);
      expect(isPlural(word)).toBe(true);
      expect(singularize(word)).toBe(word);
      expect(pluralize(word)).toBe(word);
    },
  );

  it.each(['status', 'access', 'analysis', 'basis', 'address', 'campus', 'tennis', 'praxis', 'gas', 'canvas', 'axis', 'synopsis'])('does not take the singular %s for a plural', (word) => {
    expect(isSingular(word)).toBe(true);
    expect(isPlural(word)).toBe(false);
  });

  it('has no look-up surprises from Object.prototype', () => {
    expect(singularize('constructor')).toBe('constructor');
    expect(pluralize('constructor')).toBe('constructors');
    expect(singularize('prototypes')).toBe('prototype');
  });

  it('inflects the last word of a snake_case table name only', () => {
    expect(singularTableName('vendor_contacts')).toBe('vendor_contact');
    expect(singularTableName('people')).toBe('person');
    expect(singularTableName('risk_analyses')).toBe('risk_analysis');
    expect(singularTableName('users')).toBe('user');
    expect(singularTableName('Vendors')).toBe('Vendors');
  });
});
