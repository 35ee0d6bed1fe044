/**
 * Rate-limited, resumable batch sending that never double-sends, for omnicast.
 * @module
 */
