/**
 * LINE Messaging API client, channel adapter and webhook helpers for omnicast.
 * @module
 */
