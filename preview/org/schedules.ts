// CrmSyncSchedule: the package's scheduled jobs, each under its own name, every 1, 2, 3, 4, 6, 8, 12 or 24 hours
// from midnight, as the admin who schedules it. The simulated CronTriggers are OrgData's `reconciliation` (the seat
// release check) and `healthCheck`.
import type { ScheduleView } from 'crm-sync/apex-types';
import { CrmSyncException } from './errors';
import { CrmSyncSchedule } from './generated/apex-constants';
import type { SimulatedOrg } from './org';

export type ScheduleSlot = 'reconciliation' | 'healthCheck';

/** describe(jobName). */
export function describeSchedule(org: SimulatedOrg, slot: ScheduleSlot): ScheduleView {
    const schedule = org.data[slot];
    if (!schedule) {
        return { scheduled: false };
    }
    return {
        scheduled: true,
        everyHours: schedule.everyHours,
        nextRunAt: schedule.nextFireTime,
        scheduledByName: org.data.usersById.get(schedule.createdById)?.Name
    };
}

/** schedule(jobName, everyHours, job): replaces an earlier schedule of the job. */
export function scheduleJob(org: SimulatedOrg, slot: ScheduleSlot, everyHours: number | null): ScheduleView {
    if (everyHours === null || !CrmSyncSchedule.INTERVAL_HOURS.has(everyHours)) {
        throw new CrmSyncException('INVALID_INPUT', org.format('CRM_Sync_Error_Invalid_Interval', everyHours ?? ''));
    }
    const now = new Date(org.now());
    const next = new Date(now);
    next.setUTCMinutes(0, 0, 0);
    next.setUTCHours((Math.floor(now.getUTCHours() / everyHours) + 1) * everyHours);
    org.data[slot] = { everyHours, nextFireTime: next.toISOString(), createdById: org.runningUser.Id };
    return describeSchedule(org, slot);
}

/** unschedule(jobName): nothing happens when it is not scheduled. */
export function unscheduleJob(org: SimulatedOrg, slot: ScheduleSlot): ScheduleView {
    org.data[slot] = null;
    return describeSchedule(org, slot);
}
