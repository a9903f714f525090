//! Reading one file under limits. Only regular files are opened: a named
//! pipe, a socket or a device, directly or through a link, would block the
//! import forever or feed it without end. No more than the size limit is
//! ever read, whatever the file's metadata says (a file that grows while it
//! is read is one such case), and reading stops when the file's time is up
//! or the import is cancelled.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// When work on one file must stop: its deadline, or the whole import
/// being cancelled.
#[derive(Debug, Clone)]
pub struct Stop {
    deadline: Instant,
    budget: Duration,
    cancelled: Arc<AtomicBool>,
}

impl Stop {
    pub fn new(budget: Duration, cancelled: Arc<AtomicBool>) -> Stop {
        Stop {
            deadline: Instant::now() + budget,
            budget,
            cancelled,
        }
    }

    /// No deadline and no cancelling: for texts already in memory.
    pub fn never() -> Stop {
        Stop::new(
            Duration::from_secs(60 * 60 * 24 * 365),
            Arc::new(AtomicBool::new(false)),
        )
    }

    /// Why work must stop now, if it must.
    pub fn reason(&self) -> Option<String> {
        if self.cancelled.load(Ordering::Relaxed) {
            Some("cancelled".into())
        } else if Instant::now() >= self.deadline {
            Some(timed_out(self.budget))
        } else {
            None
        }
    }
}

/// The reason given for a file whose reading and parsing ran out of time.
pub fn timed_out(budget: Duration) -> String {
    format!(
        "reading and parsing it stopped after {} s, the limit for one file; the rest was imported",
        budget.as_secs()
    )
}

/// What a path is when it is not a regular file, as a person would say it.
pub fn not_regular(meta: &Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// The reason a path that is not a regular file is not read.
fn refuse_kind(path: &Path, what: &str) -> String {
    let through_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = std::fs::read_link(path)
        .map(|t| format!(" ({})", t.display()))
        .unwrap_or_default();
    if through_link {
        format!("it is a link to {what}{target}, not a file; only regular files are read")
    } else {
        format!("it is {what}, not a file; only regular files are read")
    }
}

fn megabytes(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

/// Opens `path` for reading only if it is a regular file. On Unix the file
/// is opened without blocking (a pipe swapped in after the check cannot
/// hold the open) and checked again once open.
fn open_regular(path: &Path) -> Result<File, String> {
    let meta = std::fs::metadata(path).map_err(|e| super::walk::io_reason(&e))?;
    if let Some(what) = not_regular(&meta) {
        return Err(refuse_kind(path, what));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(|e| super::walk::io_reason(&e))?;
    let meta = file.metadata().map_err(|e| super::walk::io_reason(&e))?;
    if let Some(what) = not_regular(&meta) {
        return Err(refuse_kind(path, what));
    }
    Ok(file)
}

/// Reads a regular file whole, if it holds at most `max_bytes`.
pub fn read_bounded(path: &Path, max_bytes: u64, stop: &Stop) -> Result<Vec<u8>, String> {
    let file = open_regular(path)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > max_bytes {
        return Err(format!(
            "the file is too large ({} MB; the limit is {} MB)",
            megabytes(size),
            megabytes(max_bytes)
        ));
    }
    // One byte past the limit tells a file that grew past it from one that
    // ends exactly there.
    let mut limited = file.take(max_bytes.saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // Sized to the file: a megabyte zeroed and given back for every small
    // report cost more than reading it.
    let chunk_len = usize::try_from(size.saturating_add(1))
        .unwrap_or(usize::MAX)
        .clamp(8 << 10, 1 << 20);
    let mut chunk = vec![0u8; chunk_len];
    loop {
        if let Some(reason) = stop.reason() {
            return Err(reason);
        }
        match limited.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(super::walk::io_reason(&e)),
        }
    }
    if bytes.len() as u64 > max_bytes {
        return Err(format!(
            "the file grew past the {} MB limit while it was read; it was not imported",
            megabytes(max_bytes)
        ));
    }
    // A file still being written (a download, a log) would be imported
    // half-written. Files the system sizes as empty ("/proc") are read as
    // they come.
    if size > 0 && bytes.len() as u64 != size {
        return Err(
            "the file changed while it was read (is it still being written?); it was not \
             imported: add it again when it is complete"
                .to_string(),
        );
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_whole_and_a_limit_is_kept_whatever_the_size() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"The port reopened.")?;
        assert_eq!(
            read_bounded(&path, 1024, &Stop::never()).as_deref(),
            Ok(&b"The port reopened."[..])
        );
        let err = read_bounded(&path, 4, &Stop::never()).unwrap_err();
        assert!(err.contains("too large"), "{err}");
        Ok(())
    }

    #[test]
    fn a_folder_and_a_missing_file_are_refused_with_their_reason() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let err = read_bounded(dir.path(), 1024, &Stop::never()).unwrap_err();
        assert!(err.contains("a folder"), "{err}");
        let err = read_bounded(&dir.path().join("gone.txt"), 1024, &Stop::never()).unwrap_err();
        assert_eq!(err, "it does not exist");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_pipes_are_never_opened() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let link = dir.path().join("zero.txt");
        std::os::unix::fs::symlink("/dev/zero", &link)?;
        let err = read_bounded(&link, 1 << 30, &Stop::never()).unwrap_err();
        assert!(err.contains("a link to a device (/dev/zero)"), "{err}");
        let pipe = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status()?;
        assert!(made.success());
        let err = read_bounded(&pipe, 1024, &Stop::never()).unwrap_err();
        assert!(err.contains("a named pipe"), "{err}");
        Ok(())
    }

    #[test]
    fn a_cancelled_import_stops_reading() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"text")?;
        let cancelled = Arc::new(AtomicBool::new(true));
        let stop = Stop::new(Duration::from_secs(60), cancelled);
        assert_eq!(
            read_bounded(&path, 1024, &stop).unwrap_err(),
            "cancelled".to_string()
        );
        Ok(())
    }
}
