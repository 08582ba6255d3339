//! The server-rendered pages, one module each with its handler and its askama template struct.
//! Every value a template shows is computed in its module, so the templates only lay out text
//! (which askama escapes) and the few pieces of trusted HTML.

pub(crate) mod assets;
pub(crate) mod error;
pub(crate) mod job;
pub(crate) mod prep;
pub(crate) mod search;
pub(crate) mod sources;
