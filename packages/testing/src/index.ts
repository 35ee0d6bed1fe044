/**
 * Mock channels, fake clock and stateful mock servers (msw handlers and a loopback HTTP server) for testing omnicast integrations.
 * @module
 */
