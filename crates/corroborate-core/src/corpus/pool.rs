//! Working through many files at once, each within its own time. A file
//! that overruns its budget is given up on (its worker is left to finish in
//! the background and its result dropped) and a fresh worker takes the
//! next file, so one file can neither hang an import nor hold up the rest;
//! a cancelled import returns at once, whatever file it is on.

use super::reading::Stop;
use crate::progress::Progress;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// How one item ended.
#[derive(Debug)]
pub enum Outcome<T> {
    Done(T),
    /// It ran past its budget and was given up on.
    TimedOut,
    /// The work panicked on it.
    Failed,
}

/// The import was cancelled.
#[derive(Debug, PartialEq, Eq)]
pub struct Cancelled;

enum Message<T> {
    Started { item: usize, worker: usize },
    Finished { item: usize, value: Outcome<T> },
}

/// How often the waiting side looks at the clock and at Cancel.
const TICK: Duration = Duration::from_millis(50);

/// What is done to item `i`, within its stop.
pub type Work<T> = Arc<dyn Fn(usize, &Stop) -> T + Send + Sync>;

struct Shared<T> {
    work: Work<T>,
    next: Arc<AtomicUsize>,
    count: usize,
    cancelled: Arc<AtomicBool>,
    budget: Duration,
    tx: Sender<Message<T>>,
}

fn spawn_worker<T: Send + 'static>(
    shared: &Shared<T>,
    id: usize,
    retired: Arc<AtomicBool>,
) -> bool {
    let work = Arc::clone(&shared.work);
    let next = Arc::clone(&shared.next);
    let cancelled = Arc::clone(&shared.cancelled);
    let tx = shared.tx.clone();
    let (count, budget) = (shared.count, shared.budget);
    std::thread::Builder::new()
        .name("corroborate: reading".into())
        .spawn(move || {
            loop {
                if cancelled.load(Ordering::Relaxed) || retired.load(Ordering::Relaxed) {
                    return;
                }
                let item = next.fetch_add(1, Ordering::Relaxed);
                if item >= count {
                    return;
                }
                if tx.send(Message::Started { item, worker: id }).is_err() {
                    return;
                }
                let stop = Stop::new(budget, Arc::clone(&cancelled));
                let value =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(item, &stop)))
                        .map_or(Outcome::Failed, Outcome::Done);
                if tx.send(Message::Finished { item, value }).is_err() {
                    return;
                }
            }
        })
        .is_ok()
}

/// How many workers an import runs: one per core, at most eight.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().min(8))
}

/// Runs `work` on items `0..count` on `threads` workers, each item within
/// `budget`. Outcomes come back in item order; progress advances by one per
/// item.
pub fn run<T: Send + 'static>(
    count: usize,
    threads: usize,
    budget: Duration,
    work: Work<T>,
    progress: &dyn Progress,
) -> Result<Vec<Outcome<T>>, Cancelled> {
    let (tx, rx) = mpsc::channel();
    let shared = Shared {
        work,
        next: Arc::new(AtomicUsize::new(0)),
        count,
        cancelled: Arc::new(AtomicBool::new(false)),
        budget,
        tx,
    };
    let mut retired: Vec<Arc<AtomicBool>> = Vec::new();
    let start = |retired: &mut Vec<Arc<AtomicBool>>| {
        let flag = Arc::new(AtomicBool::new(false));
        let ok = spawn_worker(&shared, retired.len(), Arc::clone(&flag));
        retired.push(flag);
        ok
    };
    let mut alive = 0;
    for _ in 0..threads.clamp(1, count.max(1)) {
        alive += usize::from(start(&mut retired));
    }
    let mut outcomes: Vec<Option<Outcome<T>>> = (0..count).map(|_| None).collect();
    if alive == 0 {
        // No thread could be started: work here, without a deadline.
        for (item, slot) in outcomes.iter_mut().enumerate() {
            if progress.cancelled() {
                return Err(Cancelled);
            }
            let stop = Stop::new(budget, Arc::clone(&shared.cancelled));
            *slot = Some(Outcome::Done((shared.work)(item, &stop)));
            progress.advance(1);
        }
        return Ok(outcomes.into_iter().flatten().collect());
    }
    let mut running: HashMap<usize, (usize, Instant)> = HashMap::new();
    let mut left = count;
    while left > 0 {
        if progress.cancelled() {
            shared.cancelled.store(true, Ordering::Relaxed);
            return Err(Cancelled);
        }
        match rx.recv_timeout(TICK) {
            Ok(Message::Started { item, worker }) => {
                running.insert(item, (worker, Instant::now()));
            }
            Ok(Message::Finished { item, value }) => {
                running.remove(&item);
                if outcomes[item].is_none() {
                    outcomes[item] = Some(value);
                    left -= 1;
                    progress.advance(1);
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            // Every worker is gone with items unfinished: it cannot happen
            // while `shared.tx` lives, but never wait forever.
            Err(RecvTimeoutError::Disconnected) => break,
        }
        let now = Instant::now();
        let overdue: Vec<(usize, usize)> = running
            .iter()
            .filter(|(_, (_, began))| now.duration_since(*began) > budget)
            .map(|(item, (worker, _))| (*item, *worker))
            .collect();
        for (item, worker) in overdue {
            running.remove(&item);
            outcomes[item] = Some(Outcome::TimedOut);
            left -= 1;
            progress.advance(1);
            retired[worker].store(true, Ordering::Relaxed);
            if !start(&mut retired) && running.is_empty() {
                // No worker could take its place and none is busy: the
                // items nobody took are given up rather than waited for.
                let from = shared.next.fetch_add(count, Ordering::Relaxed).min(count);
                for slot in &mut outcomes[from..] {
                    if slot.is_none() {
                        *slot = Some(Outcome::Failed);
                        left -= 1;
                        progress.advance(1);
                    }
                }
            }
        }
    }
    Ok(outcomes
        .into_iter()
        .map(|o| o.unwrap_or(Outcome::Failed))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{Silent, Tracker};

    #[test]
    fn every_item_comes_back_in_order() {
        let work: Work<usize> = Arc::new(|i, _| i * 10);
        let out = run(20, 3, Duration::from_secs(30), work, &Silent).unwrap_or_default();
        let values: Vec<usize> = out
            .into_iter()
            .map(|o| match o {
                Outcome::Done(v) => v,
                _ => usize::MAX,
            })
            .collect();
        assert_eq!(values, (0..20).map(|i| i * 10).collect::<Vec<_>>());
    }

    #[test]
    fn an_item_past_its_budget_is_given_up_and_the_rest_go_on() {
        // Item 1 waits far past its budget, without ever looking at its stop.
        let work: Work<&'static str> = Arc::new(|i, _| {
            if i == 1 {
                std::thread::sleep(Duration::from_secs(5));
            }
            "read"
        });
        let out = run(4, 2, Duration::from_millis(200), work, &Silent).unwrap_or_default();
        assert_eq!(out.len(), 4);
        assert!(matches!(out[1], Outcome::TimedOut), "{:?}", out[1]);
        for i in [0, 2, 3] {
            assert!(matches!(out[i], Outcome::Done("read")), "{:?}", out[i]);
        }
    }

    #[test]
    fn a_panic_is_one_failed_item() {
        let work: Work<u8> = Arc::new(|i, _| {
            assert_ne!(i, 2, "a parser's bug");
            1
        });
        let out = run(3, 2, Duration::from_secs(30), work, &Silent).unwrap_or_default();
        assert!(matches!(out[2], Outcome::Failed));
        assert!(matches!(out[0], Outcome::Done(1)));
    }

    #[test]
    fn cancelling_returns_while_an_item_still_blocks() {
        use std::sync::atomic::AtomicBool;
        use std::sync::{Mutex, mpsc};
        // The item blocks until the test lets it go, which it does only
        // after `run` has returned: a `run` that waited for its workers
        // would never return.
        let (release, blocked) = mpsc::channel::<()>();
        let blocked = Arc::new(Mutex::new(blocked));
        let began = Arc::new(AtomicBool::new(false));
        let work: Work<()> = {
            let (blocked, began) = (Arc::clone(&blocked), Arc::clone(&began));
            Arc::new(move |_, _| {
                began.store(true, Ordering::Relaxed);
                if let Ok(rx) = blocked.lock() {
                    let _ = rx.recv();
                }
            })
        };
        let tracker = Arc::new(Tracker::default());
        let canceller = {
            let (tracker, began) = (Arc::clone(&tracker), Arc::clone(&began));
            std::thread::spawn(move || {
                while !began.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(5));
                }
                tracker.cancel();
            })
        };
        let out = run(2, 1, Duration::from_secs(3600), work, tracker.as_ref());
        assert_eq!(out.map(|v| v.len()), Err(Cancelled));
        drop(release);
        let _ = canceller.join();
    }
}
