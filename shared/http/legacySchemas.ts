import { z } from 'zod';

const countOf = (key: 'country' | 'page') => z.object({ [key]: z.string(), sessions: z.number().int().min(0) });

/** The dashboard summary (legacy `GET /api/admindashboard/export?format=json`), as the domain computes it. */
export const dashboardSummarySchema = z
  .object({
    organizationId: z.string(),
    from: z.iso.date(),
    to: z.iso.date(),
    sessions: z.number().int().min(0),
    activeUsers: z.number().int().min(0).meta({ description: 'Distinct users with a session in the range.' }),
    newUsers: z.number().int().min(0).meta({ description: 'Users created in the range.' }),
    avgDurationSeconds: z.number().min(0),
    bounceRate: z.number().min(0).max(1).meta({ description: 'Share of sessions that bounced, 0–1 (4 decimals).' }),
    pageViews: z.number().int().min(0),
    avgPageViews: z.number().min(0),
    devices: z.object({ desktop: z.number().int().min(0), mobile: z.number().int().min(0), tablet: z.number().int().min(0) }),
    topCountries: z.array(countOf('country')).max(10).meta({ description: 'Most sessions first; `(unknown)` for none.' }),
    topEntryPages: z.array(countOf('page')).max(10).meta({ description: 'Most sessions first.' }),
  })
  .meta({ description: 'One organization’s activity over a date range.' });
