/**
 * Audience filter language, in-memory evaluator and PostgreSQL compiler for omnicast.
 * @module
 */
