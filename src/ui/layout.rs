//! Where each pane goes for a terminal size: one pure function shared by update (paging, wrap
//! width) and render, so both always agree.

use ratatui::layout::Rect;

use crate::state::Focus;

/// Below this size the app shows only a "too small" notice.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 6;
/// Narrower than the list plus this, only the focused pane is shown.
const MIN_READER_WIDTH: u16 = 40;

/// The screen's regions for one size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub screen: Rect,
    pub too_small: bool,
    /// The list pane with its border; empty when hidden.
    pub list: Rect,
    pub list_inner: Rect,
    /// The reading pane with its border; empty when hidden.
    pub reader: Rect,
    /// Where article lines go: centred, at most `max_width` wide.
    pub reader_text: Rect,
    pub status: Rect,
}

impl Areas {
    pub fn compute(screen: Rect, focus: Focus, list_width: u16, max_width: u16) -> Self {
        let mut areas = Self { screen, ..Self::default() };
        if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
            areas.too_small = true;
            return areas;
        }
        let main = Rect { height: screen.height - 1, ..screen };
        areas.status = Rect { y: screen.y + screen.height - 1, height: 1, ..screen };
        let list_width = list_width.min(screen.width / 2).max(MIN_WIDTH / 2);
        if screen.width >= list_width + MIN_READER_WIDTH {
            areas.list = Rect { width: list_width, ..main };
            areas.reader = Rect { x: main.x + list_width, width: main.width - list_width, ..main };
        } else if focus == Focus::List {
            areas.list = main;
        } else {
            areas.reader = main;
        }
        areas.list_inner = inner(areas.list);
        let inner_reader = inner(areas.reader);
        // One cell of padding each side, then centre a column no wider than max_width.
        let room = inner_reader.width.saturating_sub(2);
        let width = room.min(max_width.max(1));
        areas.reader_text = Rect { x: inner_reader.x + 1 + (room - width) / 2, width, ..inner_reader };
        areas
    }
}

fn inner(r: Rect) -> Rect {
    if r.width < 2 || r.height < 2 {
        return Rect { width: 0, height: 0, ..r };
    }
    Rect { x: r.x + 1, y: r.y + 1, width: r.width - 2, height: r.height - 2 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_show_both_panes_and_centre_the_text() {
        let a = Areas::compute(Rect::new(0, 0, 200, 50), Focus::List, 34, 80);
        assert_eq!(a.list, Rect::new(0, 0, 34, 49));
        assert_eq!(a.reader, Rect::new(34, 0, 166, 49));
        assert_eq!(a.reader_text.width, 80);
        assert_eq!(a.reader_text.x, 35 + 1 + (162 - 80) / 2);
        assert_eq!(a.status, Rect::new(0, 49, 200, 1));
    }

    #[test]
    fn narrow_screens_show_the_focused_pane_only() {
        let list = Areas::compute(Rect::new(0, 0, 60, 20), Focus::List, 34, 80);
        assert_eq!((list.list.width, list.reader.width), (60, 0));
        let reader = Areas::compute(Rect::new(0, 0, 60, 20), Focus::Reader, 34, 80);
        assert_eq!((reader.list.width, reader.reader.width), (0, 60));
        assert_eq!(reader.reader_text.width, 56);
    }

    #[test]
    fn every_tiny_size_is_either_too_small_or_consistent() {
        for w in 0..50 {
            for h in 0..12 {
                let a = Areas::compute(Rect::new(0, 0, w, h), Focus::Reader, 34, 80);
                if !a.too_small {
                    assert!(a.reader_text.right() <= w && a.status.bottom() <= h);
                }
            }
        }
    }
}
