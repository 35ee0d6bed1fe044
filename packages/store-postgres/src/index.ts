/**
 * Durable omnicast stores on PostgreSQL (pg Pool or embedded PGlite).
 * @module
 */
