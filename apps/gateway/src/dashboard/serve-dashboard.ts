import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DASHBOARD_SECURITY_HEADERS } from './content-security-policy';

/** What the dashboard reads at /dashboard-config.json: the URLs its "send your first span" snippets show. */
export interface DashboardClientConfig {
  /** OTLP/HTTP traces URL, e.g. http://127.0.0.1:4318/v1/traces. Null: the client guesses port 4318 of its own host. */
  otlpHttpUrl: string | null;
  /** OTLP/gRPC URL, when known. */
  otlpGrpcUrl: string | null;
}

export interface DashboardOptions {
  /** The Vite build (index.html + assets/); default: findDashboardBuild(). */
  dir?: string;
  client: DashboardClientConfig;
}

/** The built dashboard: `dist/apps/dashboard` of the first folder above this file that has one. */
export function findDashboardBuild(from: string = __dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'dist', 'apps', 'dashboard');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function withSecurityHeaders(res: Response): void {
  for (const [name, value] of Object.entries(DASHBOARD_SECURITY_HEADERS))
    res.setHeader(name, value);
}

/**
 * Serves the dashboard at `/` (static files, strict CSP) and its client configuration at
 * `/dashboard-config.json`. Registered before Nest's routes: only GET/HEAD of existing files and
 * of `/` are answered here, so /graphql and /healthz are untouched. Without a build, `/` answers
 * 404 saying how to build it.
 */
export async function serveDashboard(
  app: INestApplication,
  options: DashboardOptions,
): Promise<void> {
  const express = await import('express');
  const dir = options.dir ?? findDashboardBuild();
  const config = JSON.stringify(options.client);
  app.use('/dashboard-config.json', (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    withSecurityHeaders(res);
    res.setHeader('Cache-Control', 'no-store');
    res.type('application/json').send(config);
  });
  if (!dir) {
    app.use('/', (req: Request, res: Response, next: NextFunction) => {
      if (req.path !== '/' || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
      withSecurityHeaders(res);
      res
        .status(404)
        .type('text/plain')
        .send('The dashboard is not built: run `npm run build` (npm start does).\n');
    });
    return;
  }
  app.use(
    express.static(dir, {
      index: 'index.html',
      fallthrough: true,
      redirect: false,
      setHeaders: (res, path) => {
        withSecurityHeaders(res as Response);
        // Hashed asset names never change content; index.html must be revalidated.
        res.setHeader(
          'Cache-Control',
          path.includes(`${join('assets', '')}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    }),
  );
}
