use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::require_tool;

/// An Xvfb display on a free display number, stopped when dropped.
pub struct VirtualDisplay {
    xvfb: Child,
    display: String,
}

impl VirtualDisplay {
    /// Starts Xvfb with a 1280x860 screen and waits until it is ready.
    pub fn start() -> Self {
        require_tool("Xvfb", "xvfb (Debian/Ubuntu: apt-get install xvfb)");
        let mut xvfb = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x860x24",
                "-nolisten",
                "tcp",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb");
        let mut line = String::new();
        BufReader::new(xvfb.stdout.take().expect("piped stdout"))
            .read_line(&mut line)
            .expect("Xvfb printed its display number");
        let number = line.trim();
        assert!(!number.is_empty(), "Xvfb printed no display number");
        let display = format!(":{number}");
        Self { xvfb, display }
    }

    /// The display name, for `DISPLAY`.
    pub fn name(&self) -> &str {
        &self.display
    }
}

impl Drop for VirtualDisplay {
    fn drop(&mut self) {
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
    }
}
