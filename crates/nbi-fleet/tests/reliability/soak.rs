//! Soak placeholder (filled below).
