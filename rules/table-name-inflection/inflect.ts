/**
 * A small English inflector for the last word of table names: singular ↔ plural of common nouns,
 * with the irregular, Latin/Greek and uncountable words that schema names actually use.
 * Words are lower-case ASCII.
 */

/** Same form for one and many (mass nouns, invariant plurals, plural-only nouns, acronyms ending in s). */
const INVARIANT = new Set(
  [
    'data metadata evidence information equipment feedback news series species staff personnel software hardware',
    'firmware middleware malware ransomware spyware analytics logistics physics economics mathematics ethics genetics',
    'linguistics electronics politics athletics robotics forensics telemetry knowledge research advice furniture',
    'luggage baggage homework jewellery jewelry machinery merchandise mail music traffic weather rice wheat sheep deer',
    'fish moose swine bison salmon trout aircraft spacecraft hovercraft offspring means headquarters chassis corps',
    'debris compliance governance guidance assistance intelligence clothing legislation documentation correspondence',
    'cattle police premises goods clothes scissors trousers jeans pants shorts pajamas pyjamas thanks odds outskirts',
    'earnings savings belongings surroundings proceeds remains riches whereabouts diabetes rabies herpes mumps',
    'measles chaos kudos ethos cosmos pathos asbestos stuff privacy usage media',
    'sms mms gps dns aws cms kms rss css os ios qos sos cors saas paas iaas dbms rdbms https',
  ]
    .join(' ')
    .split(' '),
);

/** singular → plural forms, the preferred form first. */
const IRREGULAR_PAIRS: Record<string, string[]> = {
  person: ['people', 'persons'],
  child: ['children'],
  man: ['men'],
  woman: ['women'],
  foot: ['feet'],
  tooth: ['teeth'],
  goose: ['geese'],
  mouse: ['mice'],
  louse: ['lice'],
  ox: ['oxen'],
  criterion: ['criteria'],
  phenomenon: ['phenomena'],
  datum: ['data'],
  medium: ['media', 'mediums'],
  curriculum: ['curricula', 'curriculums'],
  memorandum: ['memoranda', 'memorandums'],
  stratum: ['strata'],
  bacterium: ['bacteria'],
  erratum: ['errata'],
  addendum: ['addenda', 'addendums'],
  quantum: ['quanta'],
  spectrum: ['spectra', 'spectrums'],
  corpus: ['corpora', 'corpuses'],
  genus: ['genera'],
  matrix: ['matrices', 'matrixes'],
  index: ['indexes', 'indices'],
  vertex: ['vertices', 'vertexes'],
  vortex: ['vortices', 'vortexes'],
  appendix: ['appendices', 'appendixes'],
  apex: ['apices', 'apexes'],
  cortex: ['cortices', 'cortexes'],
  alumnus: ['alumni'],
  cactus: ['cacti', 'cactuses'],
  fungus: ['fungi', 'funguses'],
  nucleus: ['nuclei'],
  radius: ['radii', 'radiuses'],
  stimulus: ['stimuli'],
  syllabus: ['syllabi', 'syllabuses'],
  focus: ['foci', 'focuses'],
  formula: ['formulas', 'formulae'],
  antenna: ['antennas', 'antennae'],
  vertebra: ['vertebrae'],
  larva: ['larvae'],
  schema: ['schemas', 'schemata'],
  quiz: ['quizzes'],
  axis: ['axes'],
  leaf: ['leaves'],
  life: ['lives'],
  knife: ['knives'],
  wife: ['wives'],
  half: ['halves'],
  shelf: ['shelves'],
  wolf: ['wolves'],
  thief: ['thieves'],
  self: ['selves'],
  calf: ['calves'],
  loaf: ['loaves'],
  scarf: ['scarves', 'scarfs'],
  wharf: ['wharves', 'wharfs'],
  elf: ['elves'],
  sheaf: ['sheaves'],
  hero: ['heroes'],
  potato: ['potatoes'],
  tomato: ['tomatoes'],
  echo: ['echoes'],
  veto: ['vetoes'],
  torpedo: ['torpedoes'],
  embargo: ['embargoes'],
  domino: ['dominoes'],
  mosquito: ['mosquitoes'],
  tornado: ['tornadoes', 'tornados'],
  volcano: ['volcanoes', 'volcanos'],
  lens: ['lenses'],
};

// Maps, not object look-ups: a table called `constructor` must not find Object.prototype.constructor.
const IRREGULAR = new Map(Object.entries(IRREGULAR_PAIRS));
const SINGULAR_OF = new Map<string, string>();
for (const [singular, plurals] of IRREGULAR) for (const p of plurals) if (!SINGULAR_OF.has(p)) SINGULAR_OF.set(p, singular);

/** Words ending in -us that are plurals (menu → menus); every other -us word is singular. */
const US_PLURALS = new Set(['menus', 'gurus', 'emus', 'gnus', 'tutus', 'haikus', 'zulus', 'tofus', 'sudokus', 'kudzus']);
/** -us singulars whose plural is -uses (status → statuses); other -uses words drop the s (cause → causes). */
const US_SINGULARS = new Set(
  'status bonus virus campus census consensus apparatus prospectus nexus surplus bus plus minus thesaurus circus chorus sinus genius walrus octopus hiatus impetus lotus exodus terminus abacus stylus'.split(
    ' ',
  ),
);
/** -is singulars that are not -sis/-itis (tennis, axis); every other -is word is a plural (api → apis, taxi → taxis). */
const IS_SINGULARS = new Set('axis praxis prophylaxis anaphylaxis tennis iris pelvis trellis penis metropolis mantis clitoris epidermis dermis marquis precis'.split(' '));
/** -sis singulars whose plural could otherwise be read as -se + s (diagnoses is not diagnose + s). */
const SIS_SINGULARS = new Set('crisis diagnosis prognosis synopsis emphasis oasis ellipsis neurosis psychosis metamorphosis hypnosis symbiosis thrombosis nemesis genesis'.split(' '));
/** -as and -os singulars; other such words are plurals (area → areas, photo → photos). */
const AS_OS_SINGULARS = new Set('alias bias gas canvas atlas pancreas thermos'.split(' '));
/** Singulars ending in -ie (movie → movies, not mov-y). */
const IE_SINGULARS = new Set('movie cookie pie tie lie die calorie zombie rookie selfie prairie sortie genie brownie goalie hippie auntie freebie'.split(' '));
/** Singulars ending in -oe (shoe → shoes, not sho-es). */
const OE_SINGULARS = new Set('shoe toe canoe foe oboe hoe woe floe sloe throe aloe tiptoe mistletoe'.split(' '));
/** Singulars ending in -che (cache → caches, not cach-es). */
const CHE_SINGULARS = new Set('cache niche headache avalanche moustache mustache cliche fiche creche quiche psyche attache'.split(' '));
/** -ch words said with a k: plural -chs. */
const CH_AS_K = new Set('stomach epoch monarch patriarch matriarch oligarch tech eunuch loch'.split(' '));

function isVowel(ch: string | undefined): boolean {
  return ch !== undefined && 'aeiou'.includes(ch);
}

/** The singular of a word; a word already singular (or invariant) comes back unchanged. */
export function singularize(word: string): string {
  if (INVARIANT.has(word) || IRREGULAR.has(word)) return word;
  const irregular = SINGULAR_OF.get(word);
  if (irregular) return irregular;
  if (!word.endsWith('s') || word.length < 3) return word;
  if (word.endsWith('ss')) return word;
  if (word.endsWith('us')) return US_PLURALS.has(word) ? word.slice(0, -1) : word;
  if (word.endsWith('is')) return /(sis|itis)$/.test(word) || IS_SINGULARS.has(word) ? word : word.slice(0, -1);
  if (word.endsWith('as') || word.endsWith('os')) return AS_OS_SINGULARS.has(word) ? word : word.slice(0, -1);
  if (word.endsWith('es')) return singularOfEs(word);
  return word.slice(0, -1);
}

function singularOfEs(word: string): string {
  const stem = word.slice(0, -2);
  const dropS = word.slice(0, -1);
  if (word.endsWith('ies')) return word.length <= 4 || IE_SINGULARS.has(dropS) ? dropS : word.slice(0, -3) + 'y';
  if (word.endsWith('yses')) return stem + 'is';
  if (word.endsWith('theses') || SIS_SINGULARS.has(stem + 'is')) return stem + 'is';
  if (word.endsWith('sses') || word.endsWith('shes') || word.endsWith('xes') || word.endsWith('zzes')) return stem;
  if (word.endsWith('ches')) return CHE_SINGULARS.has(dropS) ? dropS : stem;
  if (word.endsWith('uses')) return US_SINGULARS.has(stem) ? stem : dropS;
  if (word.endsWith('ases')) return AS_OS_SINGULARS.has(stem) ? stem : dropS;
  if (word.endsWith('oes')) return OE_SINGULARS.has(dropS) ? dropS : stem;
  return dropS;
}

/** The preferred plural of a singular word; invariant words come back unchanged. */
export function pluralize(word: string): string {
  if (INVARIANT.has(word)) return word;
  const irregular = IRREGULAR.get(word);
  if (irregular) return irregular[0]!;
  if (/(sis|xis)$/.test(word)) return word.slice(0, -2) + 'es';
  if (/(s|x|z|sh)$/.test(word)) return word + 'es';
  if (word.endsWith('ch')) return CH_AS_K.has(word) ? word + 's' : word + 'es';
  if (word.endsWith('y') && !isVowel(word[word.length - 2])) return word.slice(0, -1) + 'ies';
  return word + 's';
}

export function isSingular(word: string): boolean {
  return INVARIANT.has(word) || singularize(word) === word;
}

export function isPlural(word: string): boolean {
  return INVARIANT.has(word) || singularize(word) !== word;
}

/** The last word of a snake_case name: the one that carries the number (vendor_contacts → contacts). */
export function lastWord(name: string): { head: string; word: string } {
  const at = name.lastIndexOf('_');
  return { head: name.slice(0, at + 1), word: name.slice(at + 1) };
}

/** The singular of a table name, inflecting only its last word (vendor_contacts → vendor_contact). */
export function singularTableName(name: string): string {
  const { head, word } = lastWord(name);
  return /^[a-z]+$/.test(word) ? head + singularize(word) : name;
}
