import type { Services } from "../context";
import type { Job } from "../modules/contract";

/** Runs each module's periodic jobs on their interval; an interval of 0 disables a job. */
export function startJobs(services: Services, jobs: Job[]): () => void {
  const timers = jobs
    .map((job) => {
      const every = job.every(services);
      if (every <= 0) return null;
      const timer = setInterval(() => {
        job.run(services, new Date()).catch((error) => console.error(`job ${job.name} failed:`, error));
      }, every);
      timer.unref();
      return timer;
    })
    .filter((t): t is NodeJS.Timeout => t !== null);
  return () => timers.forEach(clearInterval);
}
