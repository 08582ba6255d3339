//! The index's owner: one process per data dir writes the index.
//!
//! The owner holds an exclusive lock on `dir/OWNER` for as long as it may write (`prepboard up` for
//! its lifetime, `prepboard index` for one run, `prepboard serve` while it brings the index up to
//! date at start), and writes into the file who it is, so that a second writer can be told who
//! holds it instead of racing it. The lock is the operating system's (`flock`): it goes away with
//! the process, so a `kill -9` never leaves a stale owner behind. The text in the file is only a
//! description; the lock decides.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use crate::IndexError;

const OWNER_FILE: &str = "OWNER";

/// Held by the process that writes the index; dropping it gives ownership up.
#[derive(Debug)]
pub(crate) struct OwnerLock {
    _file: File,
}

impl OwnerLock {
    /// Takes ownership of the index under `root`, recording `holder` (e.g. "prepboard up").
    /// [`IndexError::OwnedElsewhere`] when another process (or another handle in this one) holds it.
    pub fn acquire(root: &Path, holder: &str) -> Result<OwnerLock, IndexError> {
        let path = root.join(OWNER_FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| IndexError::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                return Err(IndexError::OwnedElsewhere {
                    lock: path,
                    holder: describe_holder(&text),
                });
            }
            Err(TryLockError::Error(e)) => return Err(IndexError::io(path, e)),
        }
        let description = format!(
            "{holder} (pid {}, since {})\n",
            std::process::id(),
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ")
        );
        file.set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(description.as_bytes()))
            .and_then(|()| file.flush())
            .map_err(|e| IndexError::io(&path, e))?;
        Ok(OwnerLock { _file: file })
    }
}

fn describe_holder(text: &str) -> String {
    match text.trim() {
        "" => "another prepboard process".to_owned(),
        holder => holder.to_owned(),
    }
}
