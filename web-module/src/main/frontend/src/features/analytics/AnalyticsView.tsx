import { Alert, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis,
} from 'recharts';
import { api, unwrap, type Schemas } from '../../api/client';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import classes from './analytics.module.css';
import { DAYS, duration, perDay } from './series';

type Report = Schemas['LinkAnalytics'] | Schemas['Analytics'];
export type Scope = { linkId: string } | { dataroomId: string } | { documentId: string };

/** At most this many activity pages (200 each) are read for the views chart. */
const MAX_PAGES = 5;

/**
 * Visitor sessions per day over the last 30 days: the `link.session-started` events of the activity stream (one per
 * view, as the analytics count views) for a link or a room; for a document, the visitors' first visits, since
 * sessions belong to links, not to documents.
 */
function useViewsOverTime(scope: Scope, report: Report | undefined) {
  const enabled = !('documentId' in scope);
  const query = useQuery({
    queryKey: ['analytics', 'views-per-day', scope],
    enabled,
    queryFn: async () => {
      const from = new Date(Date.now() - DAYS * 86_400_000).toISOString();
      const instants: string[] = [];
      let cursor: string | undefined;
      let truncated = false;
      for (let page = 0; page < MAX_PAGES; page++) {
        const data = await unwrap(api.GET('/api/v1/activity', {
          params: { query: { ...scope, type: 'link.session-started', from, limit: 200, ...(cursor ? { cursor } : {}) } },
        }));
        instants.push(...data.items.map((i) => i.at));
        cursor = data.nextCursor ?? undefined;
        if (!cursor) break;
        if (page === MAX_PAGES - 1) truncated = true;
      }
      return { days: perDay(instants), truncated };
    },
  });
  if (!enabled) {
    return { data: report ? { days: perDay(report.visitors.map((v) => v.firstSeen)), truncated: false } : undefined,
      isPending: !report, error: null };
  }
  return query;
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm" className={classes.stat}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={700} size="xl" data-testid={`stat-${label}`}>{value}</Text>
    </Paper>
  );
}

/** A chart with a spoken summary; the numbers are also in the tables below it. */
function Chart({ title, summary, children, testId }: { title: string; summary: string; children: React.ReactElement; testId: string }) {
  return (
    <section className={classes.chart} aria-label={title} data-testid={testId}>
      <Title order={3} size="h5" mb="xs">{title}</Title>
      <div role="img" aria-label={summary} className={classes.chartBox}>
        <ResponsiveContainer width="100%" height="100%">{children}</ResponsiveContainer>
      </div>
    </section>
  );
}

/** The shared body of link, document and room analytics. */
export function AnalyticsView({ report, scope, names }: {
  report: Report;
  scope: Scope;
  /** Document names by id, where known (pages of a room or room link name their document). */
  names?: Record<string, string>;
}) {
  const { t } = useTranslation(['analytics', 'common']);
  const locale = t('common:locale');
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const dayFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
  const series = useViewsOverTime(scope, report);
  const documents = [...new Set(report.pages.map((p) => p.documentId))];
  const [docChoice, setDocChoice] = useState<string>('');
  const doc = docChoice || documents[0] || '';
  const docName = (id: string, i: number) => names?.[id] ?? t('analytics:document', { n: i + 1 });
  const pages = report.pages.filter((p) => p.documentId === doc).sort((a, b) => a.page - b.page)
    .map((p) => ({ page: String(p.page), seconds: p.seconds, views: p.views }));
  const byLink = 'byLink' in report ? report.byLink : null;
  const isDocument = 'documentId' in scope;
  const empty = report.views === 0 && report.pages.length === 0 && report.visitors.length === 0;

  return (
    <Stack gap="lg">
      <div className={classes.stats}>
        <Stat label={t('analytics:stats.views')} value={number.format(report.views)} />
        <Stat label={t('analytics:stats.visitors')} value={number.format(report.uniqueVisitors)} />
        <Stat label={t('analytics:stats.time')} value={duration(report.totalSeconds, locale)} />
        <Stat label={t('analytics:stats.downloads')} value={number.format(report.downloads)} />
        <Stat label={t('analytics:stats.completion')}
          value={report.completion == null ? t('analytics:none') : percent.format(report.completion)} />
      </div>
      {empty && <Alert variant="light" data-testid="analytics-empty">{t('analytics:empty')}</Alert>}

      {series.isPending ? <Loading label={t('analytics:loadingChart')} /> : series.error ? (
        <ProblemAlert error={series.error} />
      ) : series.data && (
        <Chart
          testId="views-chart"
          title={t(isDocument ? 'analytics:charts.firstVisits' : 'analytics:charts.views', { days: DAYS })}
          summary={t('analytics:charts.viewsSummary', {
            total: number.format(series.data.days.reduce((s, d) => s + d.views, 0)), days: DAYS,
          })}
        >
          <LineChart accessibilityLayer={false} data={series.data.days} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" tickFormatter={(d: string) => dayFormat.format(new Date(`${d}T12:00:00`))} minTickGap={16} fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} />
            <Tooltip labelFormatter={(d) => dayFormat.format(new Date(`${String(d)}T12:00:00`))}
              formatter={(v) => [number.format(Number(v)), t('analytics:stats.views')]} />
            <Line type="monotone" dataKey="views" stroke="#1c7ed6" strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </Chart>
      )}
      {series.data?.truncated && <Text size="xs" c="dimmed">{t('analytics:charts.truncated')}</Text>}

      {documents.length > 0 && (
        <section aria-labelledby="pages-heading">
          <Title order={3} size="h5" id="pages-heading" mb="xs">{t('analytics:charts.pages')}</Title>
          {documents.length > 1 && (
            <NativeSelect label={t('analytics:charts.documentSelect')} value={doc} mb="xs" maw={360}
              onChange={(e) => setDocChoice(e.currentTarget.value)}
              data={documents.map((id, i) => ({ value: id, label: docName(id, i) }))} />
          )}
          <div role="img" className={classes.chartBox} data-testid="pages-chart"
            aria-label={t('analytics:charts.pagesSummary', { count: pages.length })}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart accessibilityLayer={false} data={pages} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="page" fontSize={12} />
                <YAxis fontSize={12} />
                <Tooltip labelFormatter={(p) => t('analytics:page', { page: String(p) })}
                  formatter={(v) => [duration(Number(v), locale), t('analytics:stats.time')]} />
                <Bar dataKey="seconds" fill="#1c7ed6" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </section>
      )}

      {byLink && (
        <section aria-labelledby="bylink-heading">
          <Title order={3} size="h5" id="bylink-heading" mb="xs">{t('analytics:byLink.title')}</Title>
          {byLink.length === 0 ? <Text size="sm">{t('analytics:byLink.empty')}</Text> : (
            <div className={classes.tableWrap}>
              <Table striped data-testid="bylink-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('analytics:byLink.link')}</Table.Th>
                    <Table.Th scope="col">{t('analytics:stats.views')}</Table.Th>
                    <Table.Th scope="col">{t('analytics:stats.time')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {byLink.map((l) => (
                    <Table.Tr key={l.linkId}>
                      <Table.Td>{l.name ?? t('analytics:byLink.unnamed')}</Table.Td>
                      <Table.Td>{number.format(l.views)}</Table.Td>
                      <Table.Td>{duration(l.seconds, locale)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
        </section>
      )}

      <section aria-labelledby="visitors-heading">
        <Title order={3} size="h5" id="visitors-heading" mb="xs">{t('analytics:visitors.title')}</Title>
        {report.visitors.length === 0 ? <Text size="sm" data-testid="visitors-empty">{t('analytics:visitors.empty')}</Text> : (
          <div className={classes.tableWrap}>
            <Table striped data-testid="visitors-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('analytics:visitors.visitor')}</Table.Th>
                  <Table.Th scope="col">{t('analytics:visitors.sessions')}</Table.Th>
                  <Table.Th scope="col">{t('analytics:visitors.firstSeen')}</Table.Th>
                  <Table.Th scope="col">{t('analytics:visitors.lastSeen')}</Table.Th>
                  <Table.Th scope="col">{t('analytics:stats.time')}</Table.Th>
                  <Table.Th scope="col">{t('analytics:visitors.pages')}</Table.Th>
                  <Table.Th scope="col">{t('analytics:stats.completion')}</Table.Th>
                  <Table.Th scope="col">{t('analytics:stats.downloads')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.visitors.map((v, i) => (
                  <Table.Tr key={`${v.email ?? 'anon'}-${v.firstSeen}-${i}`}>
                    <Table.Td>{v.email ?? t('analytics:visitors.anonymous')}</Table.Td>
                    <Table.Td>{number.format(v.sessions)}</Table.Td>
                    <Table.Td>{dateTime.format(new Date(v.firstSeen))}</Table.Td>
                    <Table.Td>{dateTime.format(new Date(v.lastSeen))}</Table.Td>
                    <Table.Td>{duration(v.seconds, locale)}</Table.Td>
                    <Table.Td>{number.format(v.pagesSeen)}</Table.Td>
                    <Table.Td>{v.completion == null ? t('analytics:none') : percent.format(v.completion)}</Table.Td>
                    <Table.Td>{number.format(v.downloads)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </section>
    </Stack>
  );
}

/** Names of a room's documents by id, from its tree (for the pages chart's document choice). */
export function useRoomDocumentNames(roomId: string | undefined): Record<string, string> | undefined {
  const tree = useQuery({
    queryKey: ['rooms', roomId, 'tree'],
    queryFn: () => unwrap(api.GET('/api/v1/datarooms/{id}/tree', { params: { path: { id: roomId! } } })),
    enabled: !!roomId,
  });
  if (!tree.data) return undefined;
  const names: Record<string, string> = {};
  const walk = (n: Schemas['TreeNode']) => {
    if (n.kind === 'DOCUMENT') names[n.id] = `${n.index} ${n.name}`;
    (n.children ?? []).forEach(walk);
  };
  walk(tree.data);
  return names;
}
