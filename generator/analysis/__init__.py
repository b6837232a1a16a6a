"""Pure analysis: validated corpus → frozen results. No I/O, no Markdown."""
