//! Local storage, reached safely. Storage may be disabled, full or hold anything: every
//! call returns a `Result` and nothing here panics.
//!
//! Keys, all in [`StorageKey`]:
//!
//! | key | holds |
//! |---|---|
//! | `qz.lang` | the chosen language, `zh` or `en` |
//! | `qz.profiles` | the saved profiles document (see `ui::profiles`) |
//! | `qz.backup.<n>` | the raw text of a `qz.profiles` value that could not be read, kept verbatim |
//!
//! In fair mode (`ui::fair`) storage is *memory-only* ([`set_memory_only`]): the app sees an
//! empty storage (only the language is still read) and every write is discarded, so nothing a
//! visitor enters reaches the device. This is the one place that guarantees it.

use std::sync::atomic::{AtomicBool, Ordering};

use gloo_storage::{LocalStorage, Storage};
use leptos::wasm_bindgen::JsValue;

// ── fair mode (u5): memory-only storage ──
static MEMORY_ONLY: AtomicBool = AtomicBool::new(false);

/// Turns memory-only mode on or off (fair mode turns it on before anything is read).
pub fn set_memory_only(on: bool) {
    MEMORY_ONLY.store(on, Ordering::Relaxed);
}

/// Whether storage is memory-only: reads find nothing but the language, writes are dropped.
pub fn memory_only() -> bool {
    MEMORY_ONLY.load(Ordering::Relaxed)
}
// ── end fair mode ──

/// Every key the app stores, in one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum StorageKey {
    /// The chosen language, "zh" or "en".
    Lang,
    /// The saved profiles document.
    Profiles,
    /// A verbatim copy of stored data that could not be read, numbered from 1.
    Backup(u32),
}

/// The prefix of backup keys: `qz.backup.1`, `qz.backup.2`, …
pub const BACKUP_PREFIX: &str = "qz.backup.";

impl StorageKey {
    pub fn name(self) -> String {
        match self {
            StorageKey::Lang => "qz.lang".to_owned(),
            StorageKey::Profiles => "qz.profiles".to_owned(),
            StorageKey::Backup(n) => format!("{BACKUP_PREFIX}{n}"),
        }
    }

    /// The key a stored name stands for, if it is one of ours.
    pub fn from_name(name: &str) -> Option<StorageKey> {
        match name {
            "qz.lang" => Some(StorageKey::Lang),
            "qz.profiles" => Some(StorageKey::Profiles),
            _ => {
                let digits = name.strip_prefix(BACKUP_PREFIX)?;
                // Only the canonical spelling (no sign, no leading zero) is a backup key, so
                // `from_name(k.name()) == k` and distinct keys never alias one slot.
                if digits.is_empty()
                    || digits.starts_with('0')
                    || !digits.bytes().all(|b| b.is_ascii_digit())
                {
                    return None;
                }
                digits.parse().ok().map(StorageKey::Backup)
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// No local storage: disabled, private mode or blocked.
    Unavailable,
    /// The browser refused the write because the quota is full.
    QuotaExceeded,
    /// The browser refused the write for another reason (its error name).
    WriteRefused(String),
    /// A backup was about to overwrite an existing key (never done).
    WouldOverwrite,
    /// Every backup number is taken (more than four billion backups: not in practice).
    NoFreeBackupSlot,
}

/// True when local storage can be used at all. `LocalStorage::raw()` throws when storage is
/// disabled, so ask the window first.
pub fn available() -> bool {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_some()
}

pub fn read_raw(key: StorageKey) -> Result<Option<String>, StorageError> {
    if memory_only() && key != StorageKey::Lang {
        return Ok(None);
    }
    if !available() {
        return Err(StorageError::Unavailable);
    }
    LocalStorage::raw().get_item(&key.name()).map_err(|_| StorageError::Unavailable)
}

pub fn write_raw(key: StorageKey, value: &str) -> Result<(), StorageError> {
    if memory_only() {
        return Ok(());
    }
    if !available() {
        return Err(StorageError::Unavailable);
    }
    LocalStorage::raw().set_item(&key.name(), value).map_err(|e| write_error(&e))
}

pub fn remove(key: StorageKey) -> Result<(), StorageError> {
    if memory_only() {
        return Ok(());
    }
    if !available() {
        return Err(StorageError::Unavailable);
    }
    LocalStorage::raw().remove_item(&key.name()).map_err(|e| write_error(&e))
}

/// Classifies a refused write by the exception's `name`.
fn write_error(error: &JsValue) -> StorageError {
    let name = js_sys::Reflect::get(error, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if is_quota_error(&name) {
        StorageError::QuotaExceeded
    } else {
        StorageError::WriteRefused(name)
    }
}

/// Browsers name a full quota differently (Firefox used `NS_ERROR_DOM_QUOTA_REACHED`).
pub fn is_quota_error(name: &str) -> bool {
    matches!(name, "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED")
}

/// Every key name in local storage (ours and anyone else's on this origin).
pub fn key_names() -> Result<Vec<String>, StorageError> {
    if memory_only() {
        return Ok(Vec::new());
    }
    if !available() {
        return Err(StorageError::Unavailable);
    }
    let raw = LocalStorage::raw();
    let count = raw.length().map_err(|_| StorageError::Unavailable)?;
    Ok((0..count).filter_map(|i| raw.key(i).ok().flatten()).collect())
}

/// The numbers of the backups present, ascending.
pub fn backup_numbers() -> Result<Vec<u32>, StorageError> {
    let mut numbers: Vec<u32> = key_names()?
        .iter()
        .filter_map(|name| match StorageKey::from_name(name) {
            Some(StorageKey::Backup(n)) => Some(n),
            _ => None,
        })
        .collect();
    numbers.sort_unstable();
    Ok(numbers)
}

/// The backup number to use next: one past the highest taken, so numbers follow the order
/// backups were made in, and an existing backup is never chosen. `None` when `u32::MAX` is
/// taken (then the lowest free number is used, if any).
pub fn next_backup_number(taken: &[u32]) -> Option<u32> {
    match taken.iter().max() {
        None => Some(1),
        Some(&max) => match max.checked_add(1) {
            Some(n) => Some(n),
            None => (1..=u32::MAX).find(|n| !taken.contains(n)),
        },
    }
}

/// Writes `raw` under a new backup key, never over an existing one. Returns the key used.
pub fn write_backup(raw: &str) -> Result<StorageKey, StorageError> {
    let taken = backup_numbers()?;
    let number = next_backup_number(&taken).ok_or(StorageError::NoFreeBackupSlot)?;
    let key = StorageKey::Backup(number);
    // Checked again right before writing: another tab may have made a backup meanwhile.
    if read_raw(key)?.is_some() {
        return Err(StorageError::WouldOverwrite);
    }
    write_raw(key, raw)?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names_round_trip_and_are_distinct() {
        let keys = [
            StorageKey::Lang,
            StorageKey::Profiles,
            StorageKey::Backup(1),
            StorageKey::Backup(42),
            StorageKey::Backup(u32::MAX),
        ];
        for key in keys {
            assert_eq!(StorageKey::from_name(&key.name()), Some(key), "{}", key.name());
        }
        let mut names: Vec<String> = keys.iter().map(|k| k.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), keys.len());
        assert!(names.iter().all(|n| n.starts_with("qz.")));
    }

    #[test]
    fn only_canonical_backup_names_are_backup_keys() {
        for name in [
            "qz.backup.",
            "qz.backup.0",
            "qz.backup.01",
            "qz.backup.-1",
            "qz.backup.+1",
            "qz.backup.1a",
            "qz.backup.99999999999",
            "qz.backup",
            "other",
        ] {
            assert_eq!(StorageKey::from_name(name), None, "{name}");
        }
    }

    #[test]
    fn the_next_backup_number_is_never_taken() {
        assert_eq!(next_backup_number(&[]), Some(1));
        assert_eq!(next_backup_number(&[1]), Some(2));
        assert_eq!(next_backup_number(&[3, 1]), Some(4));
        assert_eq!(next_backup_number(&[1, u32::MAX]), Some(2));
        let cases: [&[u32]; 5] = [&[], &[1, 2, 3], &[7], &[2, 5, 9], &[u32::MAX - 1, u32::MAX]];
        for taken in cases {
            let n = next_backup_number(taken).unwrap_or(0);
            assert!(n >= 1 && !taken.contains(&n), "{taken:?} -> {n}");
        }
    }

    #[test]
    fn quota_errors_are_recognised_by_name() {
        assert!(is_quota_error("QuotaExceededError"));
        assert!(is_quota_error("NS_ERROR_DOM_QUOTA_REACHED"));
        assert!(!is_quota_error("SecurityError"));
        assert!(!is_quota_error(""));
    }
}
