//! `cargo xtask bench startup`: builds the release app and a bare Tauri 2
//! window with the same profile (`benches/bare-window`), and starts them
//! turn about on one virtual display: the app with the embedded demo
//! portal, to its first screen with the user's data (the one kept from
//! the last run, painted before the page's script runs) and to its live
//! first screen (drawn by the script, answering input); the bare window to
//! its first painted frame. Prints the medians and their ratios, the
//! memory (PSS) of each with its WebKit processes after 5 s idle and its
//! ratio, and the release binary's size. Figures; it passes or fails
//! nothing.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use desktop_session::process_memory::{descendants_of, pss_kib};
use desktop_session::{SecretService, VirtualDisplay, desktop_env};

use crate::bench_table::Figure;

const RUN_TIMEOUT: Duration = Duration::from_secs(90);
const IDLE: Duration = Duration::from_secs(5);

/// Runs the start-up benchmark `runs` times on the release `app` and the
/// release `bare` window, turn about; answers its headline figures.
pub fn startup(root: &Path, app: &Path, bare: &Path, runs: usize) -> Result<Vec<Figure>, String> {
    let size = std::fs::metadata(app)
        .map_err(|error| format!("cannot read {}: {error}", app.display()))?
        .len();
    let home = tempfile::tempdir().map_err(|error| error.to_string())?;
    let keyring_home = tempfile::tempdir().map_err(|error| error.to_string())?;
    let runtime_dir = tempfile::tempdir().map_err(|error| error.to_string())?;
    let display = VirtualDisplay::start();
    let keyring = SecretService::start(keyring_home.path());
    let command = |binary: &Path, args: &[&str]| {
        let mut command = Command::new(binary);
        command
            .args(args)
            .current_dir(root)
            .stdin(Stdio::null())
            .stderr(Stdio::null());
        desktop_env(
            &mut command,
            display.name(),
            keyring.address(),
            home.path(),
            runtime_dir.path(),
        );
        command
    };

    println!(
        "\n==> First runs: the app signs in to the embedded demo portal, then runs {} s as a user would and keeps its first screen (neither counted)",
        IDLE.as_secs()
    );
    first_screen_ms(command(app, &["--demo"]))?;
    run_for(command(app, &[]), IDLE)?;
    first_screen_ms(command(bare, &[]))?;
    let mut app_times = Vec::with_capacity(runs);
    let mut live_times = Vec::with_capacity(runs);
    let mut bare_times = Vec::with_capacity(runs);
    let (mut app_steps, mut bare_steps) = (StepTimes::default(), StepTimes::default());
    for run in 1..=runs {
        let (app_ms, app_marks) = first_screen_ms(command(app, &[]))?;
        let (bare_ms, bare_marks) = first_screen_ms(command(bare, &[]))?;
        let live_ms = step_ms(&app_marks, "live_screen").unwrap_or(app_ms);
        println!(
            "run {run:>2}: first_screen_ms app {app_ms} (live {live_ms}), bare window {bare_ms}"
        );
        app_times.push(app_ms);
        live_times.push(live_ms);
        bare_times.push(bare_ms);
        app_steps.add(&app_marks);
        bare_steps.add(&bare_marks);
    }
    app_times.sort_unstable();
    live_times.sort_unstable();
    bare_times.sort_unstable();

    println!(
        "==> Memory: starting each once more and idling {} s",
        IDLE.as_secs()
    );
    let app_memory = idle_memory(command(app, &[]))?;
    let bare_memory = idle_memory(command(bare, &[]))?;

    let (app_median, bare_median) = (median(&app_times), median(&bare_times));
    let time_ratio = app_median as f64 / bare_median.max(1) as f64;
    let live_median = median(&live_times);
    let live_ratio = live_median as f64 / bare_median.max(1) as f64;
    let memory_ratio = app_memory.total_kib() as f64 / bare_memory.total_kib().max(1) as f64;
    println!("\nStart-up benchmark (release builds, {runs} runs each, turn about on one display)");
    println!(
        "first_screen_ms      app median {app_median} (min {}, max {}); bare window median {bare_median} (min {}, max {}); ratio {time_ratio:.2}",
        app_times.first().copied().unwrap_or(0),
        app_times.last().copied().unwrap_or(0),
        bare_times.first().copied().unwrap_or(0),
        bare_times.last().copied().unwrap_or(0),
    );
    println!(
        "live_screen_ms       app median {live_median} (min {}, max {}); ratio {live_ratio:.2}",
        live_times.first().copied().unwrap_or(0),
        live_times.last().copied().unwrap_or(0),
    );
    println!("steps (median ms since the process started):");
    println!("  app          {}", app_steps.medians());
    println!("  bare window  {}", bare_steps.medians());
    for (name, memory) in [("app", &app_memory), ("bare window", &bare_memory)] {
        println!(
            "PSS after {} s idle  {name}: {} total: the process {} + {} WebKit and helper processes {}",
            IDLE.as_secs(),
            mib(memory.total_kib()),
            mib(memory.app_kib),
            memory.children,
            mib(memory.children_kib)
        );
    }
    println!("PSS ratio            {memory_ratio:.2}");
    println!("release binary       {} ({} bytes)", mib(size / 1024), size);
    Ok(vec![
        Figure::new(
            "first screen, ratio to a bare Tauri window in the same run",
            format!("{time_ratio:.2}× ({app_median} vs {bare_median} ms)"),
            "≤ 1.15×",
        ),
        Figure::new(
            "live first screen (drawn by the page's script, answering input), ratio to the same",
            format!("{live_ratio:.2}× ({live_median} vs {bare_median} ms)"),
            "(shown beside the first)",
        ),
        Figure::new(
            format!("PSS after {} s idle, ratio to the same", IDLE.as_secs()),
            format!(
                "{memory_ratio:.2}× ({} vs {})",
                mib(app_memory.total_kib()),
                mib(bare_memory.total_kib())
            ),
            "≤ 1.2×",
        ),
    ])
}

/// The marks of one run: each start-up step and its milliseconds since the
/// process started, as the `startup_marks` line says them.
type Marks = Vec<(String, u64)>;

/// Each step's times over the runs, in the order of the first run.
#[derive(Default)]
struct StepTimes(Vec<(String, Vec<u64>)>);

impl StepTimes {
    fn add(&mut self, marks: &Marks) {
        for (step, ms) in marks {
            match self.0.iter_mut().find(|(known, _)| known == step) {
                Some((_, times)) => times.push(*ms),
                None => self.0.push((step.clone(), vec![*ms])),
            }
        }
    }

    /// `step=median …`, in order of the medians.
    fn medians(&self) -> String {
        let mut medians: Vec<(&str, u64)> = self
            .0
            .iter()
            .map(|(step, times)| {
                let mut times = times.clone();
                times.sort_unstable();
                (step.as_str(), median(&times))
            })
            .collect();
        medians.sort_by_key(|(_, ms)| *ms);
        let parts: Vec<String> = medians
            .iter()
            .map(|(step, ms)| format!("{step} {ms}"))
            .collect();
        parts.join(", ")
    }
}

fn parse_marks(line: &str) -> Marks {
    line.split_whitespace()
        .filter_map(|part| {
            let (step, ms) = part.split_once('=')?;
            Some((step.to_owned(), ms.parse().ok()?))
        })
        .collect()
}

fn first_screen_ms(mut command: Command) -> Result<(u64, Marks), String> {
    let mut child = command
        .env("PORTAL_DESK_EXIT_AFTER_FIRST_SCREEN", "1")
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot start the app: {error}"))?;
    let deadline = Instant::now() + RUN_TIMEOUT;
    loop {
        if let Some(status) = child.try_wait().map_err(|error| error.to_string())? {
            let mut stdout = String::new();
            if let Some(mut pipe) = child.stdout.take() {
                use std::io::Read;
                let _ = pipe.read_to_string(&mut stdout);
            }
            if !status.success() {
                return Err(format!("the app exited with {status}"));
            }
            let ms = stdout
                .lines()
                .find_map(|line| line.strip_prefix("first_screen_ms "))
                .and_then(|ms| ms.trim().parse().ok())
                .ok_or_else(|| format!("the app printed no first_screen_ms line: {stdout:?}"))?;
            let mut marks = stdout
                .lines()
                .find_map(|line| line.strip_prefix("startup_marks "))
                .map(parse_marks)
                .unwrap_or_default();
            // The app's live first screen, when it began with a kept one.
            if let Some(live) = stdout
                .lines()
                .find_map(|line| line.strip_prefix("live_screen_ms "))
                .and_then(|ms| ms.trim().parse().ok())
            {
                marks.push(("live_screen".into(), live));
            }
            return Ok((ms, marks));
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            return Err("the app showed no first screen within 90 s".into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs the app for `time` (it keeps its first screen once painted), then
/// stops it.
fn run_for(command: Command, time: Duration) -> Result<(), String> {
    let child = start_quiet(command)?;
    std::thread::sleep(time);
    stop_with_helpers(child);
    Ok(())
}

/// Starts `command` with its output dropped.
fn start_quiet(mut command: Command) -> Result<Child, String> {
    command
        .stdout(Stdio::null())
        .spawn()
        .map_err(|error| format!("cannot start {command:?}: {error}"))
}

/// Stops `child` and the WebKit and helper processes it started.
fn stop_with_helpers(mut child: Child) {
    let descendants = descendants_of(child.id());
    let _ = child.kill();
    let _ = child.wait();
    for pid in descendants {
        let _ = Command::new("kill").arg(pid.to_string()).status();
    }
}

struct Memory {
    app_kib: u64,
    children: usize,
    children_kib: u64,
}

impl Memory {
    fn total_kib(&self) -> u64 {
        self.app_kib + self.children_kib
    }
}

fn idle_memory(command: Command) -> Result<Memory, String> {
    let child = start_quiet(command)?;
    // Start-up takes well under 3 s; then the app idles for IDLE.
    std::thread::sleep(Duration::from_secs(3) + IDLE);
    let pid = child.id();
    let descendants = descendants_of(pid);
    let memory = pss_kib(pid)
        .ok_or_else(|| "cannot read the app's smaps_rollup".to_owned())
        .map(|app_kib| Memory {
            app_kib,
            children: descendants.len(),
            children_kib: descendants.iter().filter_map(|pid| pss_kib(*pid)).sum(),
        });
    stop_with_helpers(child);
    memory
}

/// The milliseconds of `step` in `marks`, if it is there.
fn step_ms(marks: &Marks, step: &str) -> Option<u64> {
    marks
        .iter()
        .find_map(|(known, ms)| (known == step).then_some(*ms))
}

fn median(sorted: &[u64]) -> u64 {
    match sorted.len() {
        0 => 0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    }
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}
