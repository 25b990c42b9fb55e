import { AdminContract, AuthContract, RpcClient, transportOptions } from '@app/common';
import { ClientProxyFactory } from '@nestjs/microservices';

/** A client that talks to the services over the stack's own transport, as another service would. */
export function adminServiceClient(transportUrl: string): RpcClient<AdminContract> {
  return new RpcClient<AdminContract>(ClientProxyFactory.create(transportOptions(transportUrl)), 2000);
}

/** A client of the auth-service over the stack's transport, as a (possibly compromised) internal service. */
export function authServiceClient(transportUrl: string): RpcClient<AuthContract> {
  return new RpcClient<AuthContract>(ClientProxyFactory.create(transportOptions(transportUrl)), 2000);
}
