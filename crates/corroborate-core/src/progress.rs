//! Progress reporting and cancellation for long engine work.
//!
//! The engine reports through this trait and checks `cancelled()` between
//! units of work; the CLI draws a progress bar from it, the GUI a status bar.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

pub trait Progress: Sync {
    /// A new stage begins with `total` units of work.
    fn stage(&self, name: &str, total: usize);
    /// `n` more units of the current stage are done.
    fn advance(&self, n: usize);
    /// True once the person asked to stop; work ends at the next check.
    fn cancelled(&self) -> bool;
}

/// For callers that neither show progress nor cancel.
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _name: &str, _total: usize) {}
    fn advance(&self, _n: usize) {}
    fn cancelled(&self) -> bool {
        false
    }
}

/// A shareable progress state: one side does the work, the other reads and cancels.
#[derive(Default)]
pub struct Tracker {
    stage: std::sync::Mutex<String>,
    total: AtomicUsize,
    done: AtomicUsize,
    cancel: AtomicBool,
}

impl Tracker {
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// (stage name, done, total) as of now.
    pub fn snapshot(&self) -> (String, usize, usize) {
        let stage = self.stage.lock().map(|s| s.clone()).unwrap_or_default();
        (
            stage,
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

impl Progress for Tracker {
    fn stage(&self, name: &str, total: usize) {
        if let Ok(mut stage) = self.stage.lock() {
            *stage = name.to_string();
        }
        self.total.store(total, Ordering::Relaxed);
        self.done.store(0, Ordering::Relaxed);
    }
    fn advance(&self, n: usize) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }
    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}
