"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
var SessionResolver_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.SessionResolver = void 0;
const common_1 = require("@nestjs/common");
const lru_cache_1 = require("lru-cache");
const auth_patterns_1 = require("../contracts/auth/auth.patterns");
const tokens_1 = require("../crypto/tokens");
const rpc_client_1 = require("../transport/rpc-client");
const auth_tokens_1 = require("./auth.tokens");
let SessionResolver = SessionResolver_1 = class SessionResolver {
    constructor(auth, bus, options) {
        this.auth = auth;
        this.bus = bus;
        this.options = options;
        this.logger = new common_1.Logger(SessionResolver_1.name);
        this.inFlight = new Map();
        this.generation = 0;
        this.hits = 0;
        this.misses = 0;
        this.cache = new lru_cache_1.LRUCache({ max: options.cacheMax, ttl: options.cacheTtlMs, ttlAutopurge: false });
    }
    async onModuleInit() {
        await this.bus.subscribe(auth_patterns_1.BroadcastChannels.Revoked, (event) => this.onRevoked(event));
    }
    async resolve(credential) {
        const key = `${credential.kind}:${(0, tokens_1.hashToken)(credential.token)}`;
        const cached = this.cache.get(key);
        if (cached && cached.cacheUntil > Date.now()) {
            this.hits++;
            return cached;
        }
        this.misses++;
        const pending = this.inFlight.get(key);
        if (pending)
            return pending;
        const request = this.fetch(key, credential).finally(() => this.inFlight.delete(key));
        this.inFlight.set(key, request);
        return request;
    }
    forget(event) {
        this.onRevoked(event);
    }
    stats() {
        return { hits: this.hits, misses: this.misses, size: this.cache.size };
    }
    async fetch(key, credential) {
        const generation = this.generation;
        const resolved = await this.auth.send(auth_patterns_1.AuthPatterns.ResolveSession, { credential });
        const ttl = resolved ? Math.min(this.options.cacheTtlMs, resolved.cacheUntil - Date.now()) : 0;
        if (resolved && ttl > 0 && generation === this.generation)
            this.cache.set(key, resolved, { ttl });
        return resolved;
    }
    onRevoked(event) {
        if (!event || typeof event !== 'object')
            return;
        this.generation++;
        this.inFlight.clear();
        const sessionIds = new Set(Array.isArray(event.sessionIds) ? event.sessionIds : []);
        let dropped = 0;
        for (const [key, value] of this.cache.entries()) {
            if (sessionIds.has(value.session.id) || (event.userId && value.user.id === event.userId)) {
                this.cache.delete(key);
                dropped++;
            }
        }
        if (dropped)
            this.logger.debug(`dropped ${dropped} cached resolution(s) on revocation`);
    }
};
exports.SessionResolver = SessionResolver;
exports.SessionResolver = SessionResolver = SessionResolver_1 = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(auth_tokens_1.AUTH_RPC_CLIENT)),
    __param(1, (0, common_1.Inject)(auth_tokens_1.BROADCAST_BUS)),
    __param(2, (0, common_1.Inject)(auth_tokens_1.SESSION_RESOLVER_OPTIONS)),
    __metadata("design:paramtypes", [rpc_client_1.RpcClient, Object, Object])
], SessionResolver);
//# sourceMappingURL=session-resolver.js.map