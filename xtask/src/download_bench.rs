//! `cargo xtask bench download`: a 1 GiB document (and a 100 MiB one) from
//! the reference portal on loopback, saved by `pdesk` (the client core's
//! download engine: SHA-256 on the way, fsync before the file is
//! published) and by `curl -o` of the same URL in the same run. Prints
//! throughput, the ratio, and pdesk's peak RSS for each size, and the CPU
//! time each download and the portal spent on it: with this machine's
//! core count, that bounds how fast any download doing the same work could
//! be here. Figures, not pass/fail.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use desktop_session::SecretService;

use crate::bench_table::Figure;

const MIB: u64 = 1024 * 1024;
const EMAIL: &str = "bench@example.com";
const PASSWORD: &str = "benchmark password 1";
/// Each download is measured this many times; the best run counts.
const ROUNDS: usize = 2;

struct Portal {
    child: Child,
    url: String,
}

impl Drop for Portal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One measured download.
struct Run {
    seconds: f64,
    peak_rss_kib: Option<u64>,
    /// CPU time (user and system) of the downloading process.
    cpu_seconds: f64,
    /// CPU time the portal spent meanwhile (sending the file).
    server_cpu_seconds: f64,
}

impl Run {
    /// The shortest time the work of this run (the download's CPU time and
    /// the portal's) could take on `cores` cores kept busy the whole time.
    fn cpu_floor_seconds(&self, cores: usize) -> f64 {
        (self.cpu_seconds + self.server_cpu_seconds) / cores.max(1) as f64
    }
}

/// Runs the benchmark with release builds of `portal-server` and `pdesk`;
/// answers its headline figures.
pub fn download(server: &Path, pdesk: &Path) -> Result<Vec<Figure>, String> {
    if Command::new("curl").arg("--version").output().is_err() {
        return Err(
            "curl is not installed (Debian/Ubuntu package curl); the benchmark compares against it"
                .into(),
        );
    }
    let folder = tempfile::tempdir().map_err(|error| error.to_string())?;
    let sizes = [("BENCH-100M", 100 * MIB), ("BENCH-1G", 1024 * MIB)];
    println!(
        "==> Generating the documents ({} MiB in all)",
        sizes.iter().map(|(_, size)| size / MIB).sum::<u64>()
    );
    let portal = start_portal(server, folder.path(), &sizes)?;
    let server_pid = portal.child.id();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let keyring_home = folder.path().join("keyring");
    std::fs::create_dir_all(&keyring_home).map_err(|error| error.to_string())?;
    let keyring = SecretService::start(&keyring_home);
    let home = folder.path().join("home");
    let pdesk_command = |args: &[&str]| {
        let mut command = Command::new(pdesk);
        command
            .args(args)
            .env("PORTAL_DESK_HOME", &home)
            .env("DBUS_SESSION_BUS_ADDRESS", keyring.address());
        command
    };
    let mut login = pdesk_command(&[
        "--portal",
        &portal.url,
        "login",
        "--email",
        EMAIL,
        "--password-stdin",
    ])
    .stdin(Stdio::piped())
    .stdout(Stdio::null())
    .spawn()
    .map_err(|error| format!("cannot start pdesk: {error}"))?;
    login
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .map_err(|error| error.to_string())?;
    if !login.wait().map_err(|error| error.to_string())?.success() {
        return Err("pdesk could not sign in to the benchmark portal".into());
    }
    let listed = pdesk_command(&["documents", "list", "--json"])
        .output()
        .map_err(|error| error.to_string())?;
    let documents: serde_json::Value = serde_json::from_slice(&listed.stdout)
        .map_err(|error| format!("pdesk documents list --json: {error}"))?;
    let token = access_token(&portal.url)?;

    println!(
        "\nDownload benchmark (loopback, release builds, best of {ROUNDS}; the disk is flushed before each run)"
    );
    println!(
        "{:<10} {:>11} {:>10} {:>16} {:>8} {:>14} {:>15}",
        "size",
        "pdesk MB/s",
        "curl MB/s",
        "curl+fsync MB/s",
        "vs curl",
        "vs curl+fsync",
        "pdesk peak RSS"
    );
    // Per size: pdesk's peak RSS, and its throughput against curl's and
    // against curl followed by fsync.
    let mut results: Vec<(u64, Option<u64>, f64, f64)> = Vec::new();
    let mut cpu_lines = Vec::new();
    let mut best_possible = None;
    for (number, size) in sizes {
        let id = documents
            .as_array()
            .and_then(|documents| {
                documents
                    .iter()
                    .find(|document| document["number"] == number)
            })
            .and_then(|document| document["id"].as_i64())
            .ok_or_else(|| format!("pdesk did not list {number}"))?;
        let url = format!("{}/api/v1/documents/{id}/file", portal.url);
        // Warm the server's page cache so both read the file from memory.
        curl(&url, &token, &folder.path().join("warm.bin"), server_pid)?;
        let mut best_pdesk: Option<Run> = None;
        let mut best_curl: Option<Run> = None;
        let mut best_curl_fsync: Option<Run> = None;
        for round in 0..ROUNDS {
            let out = folder.path().join(format!("pdesk-{number}-{round}"));
            std::fs::create_dir_all(&out).map_err(|error| error.to_string())?;
            flush_disk();
            let run = measured(
                pdesk_command(&[
                    "documents",
                    "download",
                    &id.to_string(),
                    "--to",
                    out.to_str().unwrap_or_default(),
                ]),
                server_pid,
            )?;
            check_size(&out, size)?;
            std::fs::remove_dir_all(&out).map_err(|error| error.to_string())?;
            keep_best(&mut best_pdesk, run);
            let file = folder.path().join("curl.bin");
            flush_disk();
            let run = curl(&url, &token, &file, server_pid)?;
            check_file(&file, size)?;
            std::fs::remove_file(&file).map_err(|error| error.to_string())?;
            keep_best(&mut best_curl, run);
            flush_disk();
            let started = Instant::now();
            let fetched = curl(&url, &token, &file, server_pid)?;
            std::fs::File::open(&file)
                .and_then(|written| written.sync_all())
                .map_err(|error| error.to_string())?;
            keep_best(
                &mut best_curl_fsync,
                Run {
                    seconds: started.elapsed().as_secs_f64(),
                    ..fetched
                },
            );
            std::fs::remove_file(&file).map_err(|error| error.to_string())?;
        }
        let pdesk_run = best_pdesk.expect("a round ran");
        let curl_run = best_curl.expect("a round ran");
        let curl_fsync_run = best_curl_fsync.expect("a round ran");
        let megabytes = size as f64 / 1e6;
        println!(
            "{:<10} {:>11.0} {:>10.0} {:>16.0} {:>8.2} {:>14.2} {:>11} MiB",
            format!("{} MiB", size / MIB),
            megabytes / pdesk_run.seconds,
            megabytes / curl_run.seconds,
            megabytes / curl_fsync_run.seconds,
            curl_run.seconds / pdesk_run.seconds,
            curl_fsync_run.seconds / pdesk_run.seconds,
            pdesk_run
                .peak_rss_kib
                .map_or("?".into(), |kib| format!("{:.1}", kib as f64 / 1024.0)),
        );
        let floor = pdesk_run.cpu_floor_seconds(cores);
        cpu_lines.push(format!(
            "{:<10} pdesk {:.2} s (portal {:.2} s), curl {:.2} s (portal {:.2} s); pdesk's work on {cores} cores takes at least {floor:.2} s: at best {:.2}× plain curl",
            format!("{} MiB", size / MIB),
            pdesk_run.cpu_seconds,
            pdesk_run.server_cpu_seconds,
            curl_run.cpu_seconds,
            curl_run.server_cpu_seconds,
            curl_run.seconds / floor.max(f64::EPSILON),
        ));
        best_possible = Some((size, cores, curl_run.seconds / floor.max(f64::EPSILON)));
        results.push((
            size,
            pdesk_run.peak_rss_kib,
            curl_run.seconds / pdesk_run.seconds,
            curl_fsync_run.seconds / pdesk_run.seconds,
        ));
    }
    println!(
        "\nvs = pdesk throughput / curl throughput (aim: at least 0.9). pdesk hashes every byte and flushes the file to disk before publishing it; plain curl does neither, so \"vs curl+fsync\" compares the same durability."
    );
    println!(
        "\nCPU time (user + system) of the best runs above, and of the portal while it sent the file:"
    );
    for line in &cpu_lines {
        println!("{line}");
    }
    drop(portal);
    let mut figures = figures_of(&results);
    if let Some((size, cores, ratio)) = best_possible {
        figures.push(Figure::new(
            format!(
                "{} MiB download: the best ratio to plain curl {cores} cores allow (pdesk's and the portal's CPU time / cores)",
                size / MIB
            ),
            format!("{ratio:.2}×"),
            "–",
        ));
    }
    Ok(figures)
}

/// The headline figures: the largest download against both curls, and the
/// peak RSS of each size.
fn figures_of(results: &[(u64, Option<u64>, f64, f64)]) -> Vec<Figure> {
    let mut figures = Vec::new();
    if let Some((size, _, vs_curl, vs_fsync)) = results.last() {
        let size = format!("{} MiB", size / MIB);
        figures.push(Figure::new(
            format!("{size} download vs curl+fsync (same durability)"),
            format!("{vs_fsync:.2}×"),
            "≥ 0.97×",
        ));
        figures.push(Figure::new(
            format!("{size} download vs plain curl"),
            format!("{vs_curl:.2}×"),
            "≥ 0.8×",
        ));
    }
    let peaks: Vec<String> = results
        .iter()
        .map(|(size, peak, _, _)| {
            let peak = peak.map_or("?".into(), |kib| format!("{:.1} MiB", kib as f64 / 1024.0));
            format!("{} MiB: {peak}", size / MIB)
        })
        .collect();
    figures.push(Figure::new(
        "peak RSS of the download",
        peaks.join(", "),
        "flat, ≤ 16 MiB",
    ));
    figures
}

fn keep_best(best: &mut Option<Run>, run: Run) {
    if best.as_ref().is_none_or(|best| run.seconds < best.seconds) {
        *best = Some(run);
    }
}

/// Writes all dirty pages out, so one run's writeback does not slow the next.
fn flush_disk() {
    let _ = Command::new("sync").status();
}

fn start_portal(server: &Path, folder: &Path, sizes: &[(&str, u64)]) -> Result<Portal, String> {
    let documents: Vec<serde_json::Value> = sizes
        .iter()
        .map(|(number, size)| {
            serde_json::json!({
                "number": number, "kind": "invoice", "issued_on": "2026-01-01", "amount": "1.00",
                "currency": "EUR", "user": EMAIL, "file_name": format!("{number}.bin"),
                "media_type": "application/octet-stream", "generated_bytes": size
            })
        })
        .collect();
    let fixtures = serde_json::json!({
        "users": [{ "email": EMAIL, "password": PASSWORD, "first_name": "Bench", "last_name": "Mark" }],
        "documents": documents,
    });
    let seed = folder.join("fixtures.json");
    std::fs::write(&seed, fixtures.to_string()).map_err(|error| error.to_string())?;
    let mut child = Command::new(server)
        .arg("--db")
        .arg(folder.join("portal.db"))
        .args(["--listen", "127.0.0.1:0", "--seed"])
        .arg(&seed)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot start portal-server: {error}"))?;
    let stdout = child.stdout.take().expect("piped stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .map_err(|error| error.to_string())?;
    let url = first
        .trim()
        .strip_prefix("listening on ")
        .ok_or_else(|| format!("portal-server said {first:?}"))?
        .to_owned();
    Ok(Portal { child, url })
}

fn access_token(url: &str) -> Result<String, String> {
    let output = Command::new("curl")
        .args([
            "-s",
            "-f",
            "-X",
            "POST",
            "-H",
            "content-type: application/json",
            "-d",
        ])
        .arg(serde_json::json!({ "email": EMAIL, "password": PASSWORD }).to_string())
        .arg(format!("{url}/api/v1/auth/login"))
        .output()
        .map_err(|error| error.to_string())?;
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|error| format!("sign-in answer: {error}"))?;
    answer["access_token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| "the sign-in answer has no access token".into())
}

fn curl(url: &str, token: &str, file: &Path, server_pid: u32) -> Result<Run, String> {
    let mut command = Command::new("curl");
    command
        .args(["-s", "-f", "-o"])
        .arg(file)
        .arg("-H")
        .arg(format!("Authorization: Bearer {token}"))
        .arg(url);
    measured(command, server_pid)
}

/// Runs `command` to the end; its wall time, peak resident set and CPU
/// time, and the CPU time process `server_pid` spent meanwhile.
fn measured(mut command: Command, server_pid: u32) -> Result<Run, String> {
    let server_before = cpu_seconds_of(server_pid)?;
    let started = Instant::now();
    let child = command
        .stdout(Stdio::null())
        .spawn()
        .map_err(|error| format!("cannot start {command:?}: {error}"))?;
    let (success, usage) = wait_with_usage(child)?;
    let seconds = started.elapsed().as_secs_f64();
    let server_cpu_seconds = cpu_seconds_of(server_pid)? - server_before;
    if !success {
        return Err(format!("{command:?} failed"));
    }
    Ok(Run {
        seconds: seconds.max(Duration::from_millis(1).as_secs_f64()),
        peak_rss_kib: u64::try_from(usage.ru_maxrss).ok(),
        cpu_seconds: seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime),
        server_cpu_seconds,
    })
}

fn seconds_of(time: libc::timeval) -> f64 {
    time.tv_sec as f64 + time.tv_usec as f64 / 1e6
}

/// The CPU time (user and system) process `pid` has used so far, from
/// `/proc/PID/stat` (fields 14 and 15, in clock ticks).
fn cpu_seconds_of(pid: u32) -> Result<f64, String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map_err(|error| format!("cannot read the portal's CPU time: {error}"))?;
    // The command name (field 2) is in parentheses and may hold spaces.
    let after_name = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .ok_or("unexpected /proc/PID/stat")?;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Field 3 (state) is the first after the name: utime is field 14.
    let ticks = |field: usize| -> Result<f64, String> {
        fields
            .get(field - 3)
            .and_then(|value| value.parse::<f64>().ok())
            .ok_or_else(|| format!("no field {field} in /proc/PID/stat"))
    };
    // SAFETY: sysconf has no preconditions.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    Ok((ticks(14)? + ticks(15)?) / per_second)
}

/// Waits for `child` with wait4, which also answers its resource use (peak
/// RSS, CPU time).
fn wait_with_usage(child: Child) -> Result<(bool, libc::rusage), String> {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: zeroed rusage is a valid value; wait4 fills it in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our child, which nothing else waits for.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    std::mem::forget(child);
    if waited != pid {
        return Err(format!("wait4 failed: {}", std::io::Error::last_os_error()));
    }
    let success = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    Ok((success, usage))
}

fn check_size(folder: &Path, size: u64) -> Result<(), String> {
    let files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|error| error.to_string())?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    match files.as_slice() {
        [file] => check_file(file, size),
        other => Err(format!("pdesk left {other:?} in {}", folder.display())),
    }
}

fn check_file(file: &Path, size: u64) -> Result<(), String> {
    let actual = std::fs::metadata(file)
        .map_err(|error| error.to_string())?
        .len();
    if actual == size {
        Ok(())
    } else {
        Err(format!("{} has {actual} bytes, not {size}", file.display()))
    }
}
