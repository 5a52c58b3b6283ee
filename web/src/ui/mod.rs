//! The widget's yew components.

pub mod diagram;
pub mod editor;
pub mod memory;
pub mod widget;
