// The simulated org's asynchronous queue (System.enqueueJob): a queued job runs later as its own transaction (the
// job commits the org when it ends, as the platform commits a queueable's work). Two queues: the page's runs jobs on
// timers, one simulated minute of delay lasting `minuteMs`; tests, the behaviour vectors and the benchmark use the
// manual queue and run what is queued when they choose, so nothing depends on timing.

export interface QueuedJob {
    /** The Apex class that runs, for logs and tests. */
    name: string;
    run: () => Promise<void>;
    delayMinutes: number;
}

export interface AsyncQueue {
    enqueue(job: QueuedJob): void;
}

/** Runs each job after `startMs` plus its delay; `onActivity` is told whenever a job is queued or ends. */
export class TimerQueue implements AsyncQueue {
    private readonly startMs: number;
    private readonly minuteMs: number;
    private readonly onActivity: () => void;
    private waiting = 0;

    constructor(options: { startMs: number; minuteMs: number; onActivity?: () => void }) {
        this.startMs = options.startMs;
        this.minuteMs = options.minuteMs;
        this.onActivity = options.onActivity ?? (() => undefined);
    }

    /** Whether a job is queued or running. */
    get busy(): boolean {
        return this.waiting > 0;
    }

    enqueue(job: QueuedJob): void {
        this.waiting++;
        this.onActivity();
        setTimeout(
            () => {
                job.run()
                    .catch((failure: unknown) => console.error(`CRM Sync preview org: ${job.name} failed`, failure))
                    .finally(() => {
                        this.waiting--;
                        this.onActivity();
                    });
            },
            this.startMs + job.delayMinutes * this.minuteMs
        );
    }
}

/** Keeps queued jobs until runNext() or drain() runs them, in the order queued. */
export class ManualQueue implements AsyncQueue {
    readonly pending: QueuedJob[] = [];
    /** Every job queued so far, with its delay: what the tests and the benchmark count. */
    readonly history: QueuedJob[] = [];

    enqueue(job: QueuedJob): void {
        this.pending.push(job);
        this.history.push(job);
    }

    /** Runs the oldest queued job; false when none is queued. */
    async runNext(): Promise<boolean> {
        const job = this.pending.shift();
        if (!job) {
            return false;
        }
        await job.run();
        return true;
    }

    /** Runs queued jobs, and those they queue, until none is left; refuses to run more than `limit`. */
    async drain(limit = 10000): Promise<number> {
        let count = 0;
        while (await this.runNext()) {
            count++;
            if (count > limit) {
                throw new Error(`More than ${limit} queued jobs ran: a job queues itself forever`);
            }
        }
        return count;
    }
}
