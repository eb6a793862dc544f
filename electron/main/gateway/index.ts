// SMSGateway24 client: one typed function per endpoint over a keep-alive undici pool.
export { createGatewayClient, GATEWAY_DEFAULTS } from './client';
export { GatewayError, gatewayErrorData, toAppFailure } from './errors';
export type { Endpoint, GatewayErrorDetails, GatewayErrorKind } from './errors';
export type * from './types';
export { refusalKind } from './http';
