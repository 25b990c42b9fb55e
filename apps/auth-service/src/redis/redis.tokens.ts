/** Injection token for the ioredis client (one server, Sentinel or Cluster) the session store and throttles share. */
export const REDIS = Symbol('REDIS');

/** Injection token for the client of the writes a replica must confirm (REDIS itself when none must). */
export const DURABLE_REDIS = Symbol('DURABLE_REDIS');
