// Sends spans with the official OTLP/HTTP protobuf exporter, in a plain Node process: the
// exporter loads `http` with a dynamic import(), which jest's module sandbox refuses unless
// jest runs with --experimental-vm-modules. Input: one JSON argument
//   { url, headers, compression, resource, spans: [{ name, startMs, endMs, attributes }] }
// Output (stdout, one JSON line): { code, error, warnings, spans: [{ name, traceId, spanId }] }
'use strict';
const { diag, DiagLogLevel } = require('@opentelemetry/api');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} = require('@opentelemetry/sdk-trace-base');

async function main() {
  const input = JSON.parse(process.argv[2]);
  const warnings = [];
  const record = (...args) => warnings.push(args.map(String).join(' '));
  diag.setLogger(
    { error: record, warn: record, info() {}, debug() {}, verbose() {} },
    DiagLogLevel.WARN,
  );

  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(input.resource || {}),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('otlp-proto-export-child');
  for (const s of input.spans) {
    tracer.startSpan(s.name, { startTime: s.startMs, attributes: s.attributes }).end(s.endMs);
  }
  const spans = memory.getFinishedSpans();
  const exporter = new OTLPTraceExporter({
    url: input.url,
    headers: input.headers,
    compression: input.compression,
  });
  const result = await new Promise((resolve) => exporter.export(spans, resolve));
  await exporter.shutdown();
  process.stdout.write(
    JSON.stringify({
      code: result.code,
      error: result.error ? String(result.error) : undefined,
      warnings,
      spans: spans.map((s) => ({
        name: s.name,
        traceId: s.spanContext().traceId,
        spanId: s.spanContext().spanId,
      })),
    }) + '\n',
  );
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + '\n');
  process.exit(1);
});
