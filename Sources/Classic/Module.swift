// Placeholder so the target compiles while its issue is in progress.
