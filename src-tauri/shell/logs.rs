//! The app's log: a file a day in the data folder's `logs` (kept a week),
//! written by `tracing` in the background. `RUST_LOG` chooses what is
//! written; by default the app's and the core's own steps (each request's
//! method, path and status, never a body, header, token or password) and
//! warnings from everything else. A panic is logged before the app ends.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use portal_client::AppDirs;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};

/// Log files kept: a week of days.
pub const KEPT_LOG_FILES: usize = 7;
/// The log files' names: `portal-desk.YYYY-MM-DD.log`.
const FILE_PREFIX: &str = "portal-desk";
const FILE_SUFFIX: &str = "log";
/// What is logged unless `RUST_LOG` says otherwise.
const DEFAULT_FILTER: &str = "warn,portal_desk=info,portal_client=debug,portal_server=info";

/// Keeps the background writer flushing until the process ends.
static WRITER: OnceLock<WorkerGuard> = OnceLock::new();

/// Lines waiting for the log writer's thread. Its queue is made at full
/// size when logging starts: tracing-appender's default of 128,000 lines
/// kept 4 MiB resident for the app's whole life; a burst beyond this many
/// lines loses the excess, as the default's would.
const BUFFERED_LINES: usize = 8_192;

/// The folder the log files are in.
pub fn log_folder(dirs: &AppDirs) -> PathBuf {
    dirs.data.join("logs")
}

/// Starts logging into `folder` (created if missing) what `RUST_LOG` asks
/// for, or the default; once per process.
pub fn start(folder: &Path) -> Result<(), String> {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(DEFAULT_FILTER));
    start_with_filter(folder, filter)
}

/// [`start`] with the given filter (the log-redaction test logs everything).
pub fn start_with_filter(
    folder: &Path,
    filter: tracing_subscriber::EnvFilter,
) -> Result<(), String> {
    std::fs::create_dir_all(folder)
        .map_err(|error| format!("cannot create the log folder {}: {error}", folder.display()))?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(FILE_PREFIX)
        .filename_suffix(FILE_SUFFIX)
        .max_log_files(KEPT_LOG_FILES)
        .build(folder)
        .map_err(|error| format!("cannot open a log file in {}: {error}", folder.display()))?;
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .buffered_lines_limit(BUFFERED_LINES)
        .finish(appender);
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .map_err(|error| format!("cannot start logging: {error}"))?;
    let _ = WRITER.set(guard);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        tracing::error!("panic: {info}");
        previous(info);
    }));
    Ok(())
}

/// The last `count` lines of the newest log file, oldest first; none when
/// there is no log yet.
pub fn recent_lines(folder: &Path, count: usize) -> Vec<String> {
    let newest = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with(FILE_PREFIX) && name.ends_with(FILE_SUFFIX))
        })
        .max();
    let Some(newest) = newest else {
        return Vec::new();
    };
    let text = tail_of(&newest, TAIL_BYTES).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(count)..]
        .iter()
        .map(|line| (*line).to_owned())
        .collect()
}

/// Most bytes read from the end of a log for its last lines: a day's log
/// of a busy sync can hold many megabytes, and the last lines are in its
/// end.
const TAIL_BYTES: u64 = 256 * 1024;

/// The whole lines in the last `bytes` of the file at `path` (the line cut
/// by where reading starts is left out), as text.
fn tail_of(path: &Path, bytes: u64) -> std::io::Result<String> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path)?;
    let start = file.metadata()?.len().saturating_sub(bytes);
    file.seek(SeekFrom::Start(start))?;
    let mut tail = Vec::new();
    file.take(bytes).read_to_end(&mut tail)?;
    let whole_lines = if start == 0 {
        &tail[..]
    } else {
        tail.iter()
            .position(|&byte| byte == b'\n')
            .map_or(&tail[tail.len()..], |end| &tail[end + 1..])
    };
    Ok(String::from_utf8_lossy(whole_lines).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_file_gives_its_last_lines() {
        let folder = tempfile::tempdir().unwrap();
        assert!(recent_lines(folder.path(), 3).is_empty());
        std::fs::write(folder.path().join("portal-desk.2026-01-01.log"), "old\n").unwrap();
        std::fs::write(
            folder.path().join("portal-desk.2026-01-02.log"),
            "one\ntwo\nthree\nfour\n",
        )
        .unwrap();
        std::fs::write(folder.path().join("other.txt"), "not a log\n").unwrap();
        assert_eq!(recent_lines(folder.path(), 3), ["two", "three", "four"]);
        assert_eq!(recent_lines(folder.path(), 10).len(), 4);
    }

    #[test]
    fn a_long_log_is_read_from_its_end_in_whole_lines() {
        let folder = tempfile::tempdir().unwrap();
        // Far more than is read: numbered lines of 20 bytes.
        let lines = (TAIL_BYTES as usize / 20) * 4;
        let text: String = (0..lines).map(|n| format!("line {n:>14}\n")).collect();
        let log = folder.path().join("portal-desk.2026-01-02.log");
        std::fs::write(&log, &text).unwrap();
        let last = recent_lines(folder.path(), 3);
        assert_eq!(
            last,
            (lines - 3..lines)
                .map(|n| format!("line {n:>14}"))
                .collect::<Vec<_>>()
        );
        // Asked for more lines than the end holds: whole lines only, the
        // one cut where reading began left out.
        let many = recent_lines(folder.path(), lines);
        assert_eq!(many.len(), TAIL_BYTES as usize / 20);
        assert!(many.iter().all(|line| line.len() == 19), "{:?}", &many[..2]);
        assert_eq!(many.last().unwrap(), &format!("line {:>14}", lines - 1));
    }
}
