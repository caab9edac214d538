// What the database packages resolve to in the `unit` test project (vitest.config.ts).
throw new Error('this test uses a database engine, so it belongs to the `db` project: import the package where vitest.config.ts can see it');
