/**
 * Unified message model, Channel contract, capabilities, validation, errors, HTTP transport and
 * webhook helpers for omnicast.
 * @module
 */
export {
  ApiCallError,
  type ApiCallErrorOptions,
  ConfigurationError,
  type ConfigurationErrorOptions,
  defaultIsRetryable,
  type ErrorReason,
  errorReasons,
  formatIssuePath,
  OmnicastError,
  type OmnicastErrorOptions,
  SignatureError,
  type SignatureErrorOptions,
  UnsupportedFeatureError,
  type UnsupportedFeatureErrorOptions,
  ValidationError,
  type ValidationErrorOptions,
  type ValidationIssue,
} from './errors.js';
