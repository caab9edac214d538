/**
 * The type names each well-known extension installs, so a column of such a type is known once the
 * extension is configured (`extensions` in the config) or created by a migration. An extension missing
 * here turns the unknown-type check off: its types cannot be known.
 */
export const EXTENSION_TYPES: Readonly<Record<string, readonly string[]>> = {
  btree_gin: [],
  btree_gist: ['gbtreekey2', 'gbtreekey4', 'gbtreekey8', 'gbtreekey16', 'gbtreekey32', 'gbtreekey_var'],
  citext: ['citext'],
  cube: ['cube'],
  dblink: ['dblink_pkey_results'],
  earthdistance: ['earth'],
  fuzzystrmatch: [],
  hstore: ['hstore', 'ghstore'],
  intarray: ['query_int', 'intbig_gkey'],
  isn: ['ean13', 'isbn', 'isbn13', 'ismn', 'ismn13', 'issn', 'issn13', 'upc'],
  lo: ['lo'],
  ltree: ['ltree', 'lquery', 'ltxtquery', 'ltree_gist'],
  pg_buffercache: [],
  pg_cron: [],
  pg_partman: [],
  pg_stat_statements: [],
  pg_trgm: ['gtrgm'],
  pg_uuidv7: [],
  pgaudit: [],
  pgcrypto: [],
  pgtap: [],
  plpgsql: [],
  postgis: ['box2d', 'box2df', 'box3d', 'geography', 'geometry', 'geometry_dump', 'gidx', 'spheroid', 'valid_detail'],
  postgis_raster: ['raster', 'rastbandarg', 'reclassarg', 'summarystats', 'unionarg', 'addbandarg', 'geomval'],
  postgis_topology: ['topogeometry', 'getfaceedges_returntype', 'validatetopology_returntype', 'topoelement', 'topoelementarray'],
  postgres_fdw: [],
  seg: ['seg'],
  tablefunc: ['tablefunc_crosstab_2', 'tablefunc_crosstab_3', 'tablefunc_crosstab_4'],
  timescaledb: [],
  unaccent: [],
  'uuid-ossp': [],
  vector: ['vector', 'halfvec', 'sparsevec'],
};
