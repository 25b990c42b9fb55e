import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Serves the JSON API's OpenAPI document (generated from the controllers and DTOs) at /docs. */
export function serveOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('nest-auth-system gateway')
    .setDescription('The HTTP contract of the gateway: sessions (sid cookie + X-CSRF-Token), tokens, administration.')
    .setVersion('0.1.0')
    .addCookieAuth('sid')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
}
