/** Injection token: the RpcClient<AuthContract> the resolver (and the app's own auth client) use. */
export const AUTH_RPC_CLIENT = Symbol('AUTH_RPC_CLIENT');
/** Injection token: the BroadcastBus revocations arrive on. */
export const BROADCAST_BUS = Symbol('BROADCAST_BUS');
/** Injection token: SessionResolverOptions. */
export const SESSION_RESOLVER_OPTIONS = Symbol('SESSION_RESOLVER_OPTIONS');
