//! [`CpuPool`]: the threads that run the web's CPU-bound work (searches, prep matching), one per
//! core, taking jobs first come, first served.
//!
//! Why not rayon: its idle workers spin before they sleep, and between short searches that spinning
//! took CPU from the threads serving HTTP (`load-bench`: 746 µs of pool time per search-page
//! request with rayon, 690 µs with this pool). Here an idle thread blocks on the queue.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, PoisonError};

type Job = Box<dyn FnOnce() + Send>;

pub(crate) struct CpuPool {
    jobs: Sender<Job>,
}

impl CpuPool {
    /// Starts `threads` threads; they end when the pool is dropped and the queue has drained.
    pub(crate) fn new(threads: usize) -> CpuPool {
        let (jobs, queue) = channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..threads.max(1) {
            let queue = Arc::clone(&queue);
            std::thread::Builder::new()
                .name(format!("prepboard-cpu-{n}"))
                .spawn(move || work(&queue))
                .expect("starting a CPU pool thread: only fails when the OS has no threads left");
        }
        CpuPool { jobs }
    }

    /// Queues `job`. A job that panics ends only itself: what it would have sent is dropped.
    pub(crate) fn spawn(&self, job: impl FnOnce() + Send + 'static) {
        // The receiving threads live as long as the sender, so the queue is never closed here.
        let _ = self.jobs.send(Box::new(job));
    }
}

fn work(queue: &Mutex<Receiver<Job>>) {
    loop {
        // The lock is held while waiting: idle threads wait on the mutex, in turn, without spinning.
        let next = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(job) = next else {
            return;
        };
        // The panic hook has already logged it; the job's caller sees its dropped sender.
        let _ = std::panic::catch_unwind(AssertUnwindSafe(job));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_jobs_in_order_and_survives_a_panicking_one() {
        let pool = CpuPool::new(1);
        let (done, results) = channel();
        for n in 0..5 {
            let done = done.clone();
            pool.spawn(move || {
                assert_ne!(n, 2, "job 2 panics");
                done.send(n).unwrap();
            });
        }
        drop(done);
        assert_eq!(results.iter().collect::<Vec<_>>(), [0, 1, 3, 4]);
    }
}
