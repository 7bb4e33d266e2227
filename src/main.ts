import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { configureApp, createFastifyAdapter } from './common/http/configure-app';

async function bootstrap(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not '${process.env.PORT}'`);
  const host = process.env.HOST ?? '0.0.0.0';
  // abortOnError: false so that a start-up failure (a broken seed file, say) reaches the catch below
  // and exits with its message instead of Nest's process.abort().
  const app = configureApp(await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(), { abortOnError: false }));
  // enableShutdownHooks (in configureApp) closes the app on SIGTERM and SIGINT: in-flight requests finish first.
  await app.listen(port, host);
  new Logger('swsim').log(`listening on http://${host}:${port}/api (docs at /api/docs)`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`swsim: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
