import { channel } from 'node:diagnostics_channel';

/**
 * Moments of a lint at which the process running it may adjust its runtime: the command-line tool
 * tunes V8 at them (src/process-tuning). They are Node diagnostics channels, so publishing costs
 * nothing while nobody subscribes, and tests and library users run the sources untouched.
 */

/** A migration file is about to be replayed; the message is its path. */
export const replayingFile = channel('ismslint:sources:replaying-file');

/** The parser thread has just been created: its OS thread exists, its JavaScript has not started. */
export const parserThreadCreated = channel('ismslint:sources:parser-thread-created');

/** The parser thread has been heard from for the first time: its V8 isolate is set up. */
export const parserThreadReady = channel('ismslint:sources:parser-thread-ready');
