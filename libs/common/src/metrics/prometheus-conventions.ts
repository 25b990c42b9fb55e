/**
 * What breaks Prometheus naming conventions in an exposition text: a metric without `# HELP` text, or a
 * counter whose name does not end in `_total`. (prom-client's own process gauges such as
 * `nodejs_active_handles_total` end in `_total`; dashboards know them by those names, so they stay.)
 */
export function prometheusConventionProblems(exposition: string): string[] {
  const help = new Map<string, string>();
  const types = new Map<string, string>();
  for (const line of exposition.split('\n')) {
    const match = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (match) (match[1] === 'HELP' ? help : types).set(match[2], match[3].trim());
  }
  const problems: string[] = [];
  for (const [name, type] of types) {
    if (!help.get(name)) problems.push(`${name} has no # HELP`);
    if (type === 'counter' && !name.endsWith('_total')) problems.push(`counter ${name} does not end in _total`);
  }
  return problems;
}
