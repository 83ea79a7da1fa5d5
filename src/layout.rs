//! Where everything goes for a terminal size: the panes, the overlays' popups and how many rows
//! they show, the rows per list entry. Pure functions below both `state`/`update` (paging,
//! wrap width, scroll limits) and `ui` (drawing), so the two always agree.

use ratatui::layout::Rect;

/// Which pane the keys go to; on a screen too narrow for both, the one shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
}

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

/// The list shows two rows per article (title, then details) from this many rows up; one below.
const TWO_ROWS_FROM: usize = 8;

/// Rows of the list pane's inner area, and rows per entry.
pub fn list_rows(areas: &Areas) -> (usize, usize) {
    let height = usize::from(areas.list_inner.height);
    (height, if height >= TWO_ROWS_FROM { 2 } else { 1 })
}

/// Entries that fit in the list pane at once.
pub fn list_page(areas: &Areas) -> usize {
    let (height, per) = list_rows(areas);
    (height / per).max(1)
}

/// The widest the help overlay gets, in cells.
const HELP_WIDTH: u16 = 78;
/// The widest the entity panel gets, in cells.
const PANEL_WIDTH: u16 = 64;

/// A popup centred on `screen`, at most `max_width` wide, tall enough for `rows` rows inside
/// its border (at least one), never over the screen's edges (two cells each side, one above
/// and below).
fn popup(screen: Rect, max_width: u16, rows: usize) -> Rect {
    let width = screen.width.saturating_sub(4).min(max_width);
    let height = screen.height.saturating_sub(2).min(u16::try_from(rows.max(1) + 2).unwrap_or(u16::MAX));
    Rect { x: screen.x + (screen.width - width) / 2, y: screen.y + (screen.height - height) / 2, width, height }
}

/// Where the help overlay goes on `screen`, for `rows` rows of help.
pub fn help_popup(screen: Rect, rows: usize) -> Rect {
    popup(screen, HELP_WIDTH, rows)
}

/// Where the entity panel goes on `screen`, for `rows` rows.
pub fn panel_popup(screen: Rect, rows: usize) -> Rect {
    popup(screen, PANEL_WIDTH, rows)
}

/// Rows visible at once inside a popup.
pub fn visible_rows(popup: Rect) -> usize {
    usize::from(popup.height.saturating_sub(2))
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
    fn popups_are_centred_and_fit_their_rows_or_the_screen() {
        let screen = Rect::new(0, 0, 100, 30);
        assert_eq!(help_popup(screen, 5), Rect::new(11, 11, 78, 7));
        assert_eq!(visible_rows(help_popup(screen, 5)), 5);
        assert_eq!(visible_rows(help_popup(screen, 500)), 26, "no taller than the screen");
        assert_eq!(panel_popup(screen, 0).height, 3, "room for a line saying it is empty");
        assert_eq!(panel_popup(Rect::new(0, 0, 30, 10), 3).width, 26);
    }

    #[test]
    fn the_list_shows_two_rows_per_article_when_it_has_room() {
        let tall = Areas::compute(Rect::new(0, 0, 100, 30), Focus::List, 34, 80);
        assert_eq!((list_rows(&tall), list_page(&tall)), ((27, 2), 13));
        let short = Areas::compute(Rect::new(0, 0, 100, 9), Focus::List, 34, 80);
        assert_eq!((list_rows(&short), list_page(&short)), ((6, 1), 6));
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
