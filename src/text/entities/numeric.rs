//! Dates, times, periods, money, percentages and other numbers, by pattern.

use super::Entity;

/// Every numeric entity in `text`, sorted, non-overlapping.
pub fn find(text: &str) -> Vec<Entity> {
    let _ = text;
    Vec::new()
}
