//! `cargo xtask bench startup`: builds the release app and measures, on a
//! virtual display with the embedded demo portal, the median time to the
//! first screen with the user's data, the memory (PSS) of the app and its
//! WebKit processes after 5 s idle, and the release binary's size. It
//! prints figures; it passes or fails nothing.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use desktop_session::process_memory::{descendants_of, pss_kib};
use desktop_session::{SecretService, VirtualDisplay, desktop_env};

const RUN_TIMEOUT: Duration = Duration::from_secs(90);
const IDLE: Duration = Duration::from_secs(5);

/// Runs the start-up benchmark `runs` times on the release `binary`.
pub fn startup(root: &Path, binary: &Path, runs: usize) -> Result<(), String> {
    let size = std::fs::metadata(binary)
        .map_err(|error| format!("cannot read {}: {error}", binary.display()))?
        .len();
    let home = tempfile::tempdir().map_err(|error| error.to_string())?;
    let keyring_home = tempfile::tempdir().map_err(|error| error.to_string())?;
    let runtime_dir = tempfile::tempdir().map_err(|error| error.to_string())?;
    let display = VirtualDisplay::start();
    let keyring = SecretService::start(keyring_home.path());
    let app = |args: &[&str]| {
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

    println!("\n==> First run: signs in to the embedded demo portal (not counted)");
    first_screen_ms(app(&["--demo"]))?;
    let mut times = Vec::with_capacity(runs);
    for run in 1..=runs {
        let ms = first_screen_ms(app(&[]))?;
        println!("run {run:>2}: first_screen_ms {ms}");
        times.push(ms);
    }
    times.sort_unstable();

    println!(
        "==> Memory: starting once more and idling {} s",
        IDLE.as_secs()
    );
    let mut command = app(&[]);
    let child = command
        .stdout(Stdio::null())
        .spawn()
        .map_err(|error| format!("cannot start the app: {error}"))?;
    let memory = idle_memory(child)?;

    println!("\nStart-up benchmark (release build, embedded demo portal, {runs} runs)");
    println!(
        "first_screen_ms      median {} (min {}, max {})",
        median(&times),
        times.first().copied().unwrap_or(0),
        times.last().copied().unwrap_or(0)
    );
    println!(
        "PSS after {} s idle  {} total: app {} + {} WebKit and helper processes {}",
        IDLE.as_secs(),
        mib(memory.app_kib + memory.children_kib),
        mib(memory.app_kib),
        memory.children,
        mib(memory.children_kib)
    );
    println!("release binary       {} ({} bytes)", mib(size / 1024), size);
    Ok(())
}

fn first_screen_ms(mut command: Command) -> Result<u64, String> {
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
            return stdout
                .lines()
                .find_map(|line| line.strip_prefix("first_screen_ms "))
                .and_then(|ms| ms.trim().parse().ok())
                .ok_or_else(|| format!("the app printed no first_screen_ms line: {stdout:?}"));
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            return Err("the app showed no first screen within 90 s".into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

struct Memory {
    app_kib: u64,
    children: usize,
    children_kib: u64,
}

fn idle_memory(mut child: Child) -> Result<Memory, String> {
    // Start-up takes well under 3 s; then the app idles for IDLE.
    std::thread::sleep(Duration::from_secs(3) + IDLE);
    let pid = child.id();
    let descendants = descendants_of(pid);
    let memory = Memory {
        app_kib: pss_kib(pid).ok_or("cannot read the app's smaps_rollup")?,
        children: descendants.len(),
        children_kib: descendants.iter().filter_map(|pid| pss_kib(*pid)).sum(),
    };
    let _ = child.kill();
    let _ = child.wait();
    for pid in descendants {
        let _ = Command::new("kill").arg(pid.to_string()).status();
    }
    Ok(memory)
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
