//! How much memory a process and the processes it started use, read from
//! Linux's `/proc` (PSS: each shared page counted once, split between the
//! processes sharing it). For benchmarks.

/// The PSS of one process in KiB, from `/proc/PID/smaps_rollup`; `None`
/// when the process is gone or the file cannot be read.
pub fn pss_kib(pid: u32) -> Option<u64> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    rollup.lines().find_map(|line| {
        line.strip_prefix("Pss:")
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
    })
}

/// Every process whose ancestry leads to `root` (not `root` itself).
pub fn descendants_of(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let after_name = stat.rsplit_once(')')?.1;
            let ppid = after_name.split_whitespace().nth(1)?.parse().ok()?;
            Some((pid, ppid))
        })
        .collect();
    let mut found = Vec::new();
    let mut frontier = vec![root];
    while let Some(parent) = frontier.pop() {
        for (pid, ppid) in &parents {
            if *ppid == parent && !found.contains(pid) {
                found.push(*pid);
                frontier.push(*pid);
            }
        }
    }
    found
}

/// The PSS in KiB of `root`'s descendants together (those whose PSS can
/// be read), and how many there are.
pub fn descendants_pss_kib(root: u32) -> (usize, u64) {
    let descendants = descendants_of(root);
    let total = descendants.iter().filter_map(|pid| pss_kib(*pid)).sum();
    (descendants.len(), total)
}

/// The PSS in KiB of `root`'s descendants by program name (from
/// `/proc/PID/comm`, as the kernel shortens it), largest first: which of
/// the app and its WebKit processes holds the memory.
pub fn descendants_pss_by_name(root: u32) -> Vec<(String, u64)> {
    let mut by_name: Vec<(String, u64)> = Vec::new();
    for pid in descendants_of(root) {
        let Some(kib) = pss_kib(pid) else { continue };
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm"))
            .map(|name| name.trim().to_owned())
            .unwrap_or_else(|_| pid.to_string());
        match by_name.iter_mut().find(|(known, _)| *known == name) {
            Some((_, total)) => *total += kib,
            None => by_name.push((name, kib)),
        }
    }
    by_name.sort_by_key(|(_, kib)| std::cmp::Reverse(*kib));
    by_name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_started_process_is_found_under_its_parent_with_its_memory() {
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let found = descendants_of(std::process::id());
        let memory = pss_kib(child.id());
        let by_name = descendants_pss_by_name(std::process::id());
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(found.contains(&child.id()), "{found:?}");
        assert!(memory.is_some_and(|kib| kib > 0), "{memory:?}");
        assert!(
            by_name
                .iter()
                .any(|(name, kib)| name == "sleep" && *kib > 0),
            "{by_name:?}"
        );
        assert_eq!(pss_kib(child.id()), None, "gone once reaped");
    }
}
