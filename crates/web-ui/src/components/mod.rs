//! Reusable pieces of the interface. Each renders plain model types and keeps no logic of its own.

pub mod copy_block;
pub mod editor_problem;
pub mod exercise_check;
pub mod json_editor;
pub mod markup;
pub mod match_result;
pub mod site_nav;
pub mod theme_picker;

use leptos::prelude::{LocalStorage, SetValue, StoredValue, WithValue};

/// A plain widget ([`crate::widgets`]) held by a component: built once the component's element
/// is in the page, and dropped with the component, which removes the widget's listeners.
pub(crate) struct Mounted<W: 'static>(StoredValue<Option<W>, LocalStorage>);

impl<W: 'static> Clone for Mounted<W> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<W: 'static> Copy for Mounted<W> {}

impl<W: 'static> Mounted<W> {
    pub(crate) fn new() -> Mounted<W> {
        Mounted(StoredValue::new_local(None))
    }

    pub(crate) fn set(self, widget: W) {
        self.0.set_value(Some(widget));
    }

    /// Calls `f` with the widget; does nothing before it is built (it then reads the component's
    /// signals itself).
    pub(crate) fn with(self, f: impl FnOnce(&W)) {
        self.0.with_value(|widget| {
            if let Some(widget) = widget {
                f(widget);
            }
        });
    }
}
