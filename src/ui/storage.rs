//! Local storage, reached safely. Storage may be disabled, full or hold anything: every
//! call returns a `Result` and nothing here panics.

use gloo_storage::{LocalStorage, Storage};

/// Every key the app stores, in one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageKey {
    /// The chosen language, "zh" or "en".
    Lang,
}

impl StorageKey {
    pub fn name(self) -> &'static str {
        match self {
            StorageKey::Lang => "qz.lang",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// No local storage: disabled, private mode or blocked.
    Unavailable,
    /// The browser refused the write (usually the quota is full).
    WriteRefused(String),
}

/// True when local storage can be used at all. `LocalStorage::raw()` throws when storage is
/// disabled, so ask the window first.
pub fn available() -> bool {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_some()
}

pub fn read_raw(key: StorageKey) -> Result<Option<String>, StorageError> {
    if !available() {
        return Err(StorageError::Unavailable);
    }
    LocalStorage::raw().get_item(key.name()).map_err(|_| StorageError::Unavailable)
}

pub fn write_raw(key: StorageKey, value: &str) -> Result<(), StorageError> {
    if !available() {
        return Err(StorageError::Unavailable);
    }
    LocalStorage::raw()
        .set_item(key.name(), value)
        .map_err(|e| StorageError::WriteRefused(format!("{e:?}")))
}
