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
var ProtectedServiceModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.ProtectedServiceModule = void 0;
const common_1 = require("@nestjs/common");
const microservices_1 = require("@nestjs/microservices");
const broadcast_bus_1 = require("../transport/broadcast-bus");
const rpc_client_1 = require("../transport/rpc-client");
const transport_options_1 = require("../transport/transport-options");
const auth_guard_1 = require("./auth.guard");
const auth_tokens_1 = require("./auth.tokens");
const roles_guard_1 = require("./roles.guard");
const session_resolver_1 = require("./session-resolver");
let ProtectedServiceModule = ProtectedServiceModule_1 = class ProtectedServiceModule {
    constructor(auth, bus) {
        this.auth = auth;
        this.bus = bus;
    }
    static forRoot(options) {
        return {
            module: ProtectedServiceModule_1,
            global: true,
            providers: [
                {
                    provide: auth_tokens_1.AUTH_RPC_CLIENT,
                    useFactory: () => new rpc_client_1.RpcClient(microservices_1.ClientProxyFactory.create((0, transport_options_1.transportOptions)(options.transportUrl)), options.requestTimeoutMs, options.onRoundTrip),
                },
                { provide: auth_tokens_1.BROADCAST_BUS, useFactory: () => (0, broadcast_bus_1.createBroadcastBus)(options.transportUrl) },
                {
                    provide: auth_tokens_1.SESSION_RESOLVER_OPTIONS,
                    useValue: { cacheTtlMs: options.cacheTtlMs, cacheMax: options.cacheMax },
                },
                session_resolver_1.SessionResolver,
                auth_guard_1.AuthGuard,
                roles_guard_1.RolesGuard,
            ],
            exports: [auth_tokens_1.AUTH_RPC_CLIENT, auth_tokens_1.BROADCAST_BUS, session_resolver_1.SessionResolver, auth_guard_1.AuthGuard, roles_guard_1.RolesGuard],
        };
    }
    async onApplicationShutdown() {
        await Promise.allSettled([this.auth.close(), this.bus.close()]);
    }
};
exports.ProtectedServiceModule = ProtectedServiceModule;
exports.ProtectedServiceModule = ProtectedServiceModule = ProtectedServiceModule_1 = __decorate([
    (0, common_1.Module)({}),
    __param(0, (0, common_1.Inject)(auth_tokens_1.AUTH_RPC_CLIENT)),
    __param(1, (0, common_1.Inject)(auth_tokens_1.BROADCAST_BUS)),
    __metadata("design:paramtypes", [rpc_client_1.RpcClient, Object])
], ProtectedServiceModule);
//# sourceMappingURL=protected-service.module.js.map