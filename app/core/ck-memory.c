/* ck-memory.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#if HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

#include "ck-memory.h"

/**
 * ck_memory_release_unused:
 *
 * Gives the memory that big, passing work freed back to the system. The
 * C library keeps freed memory for later, and keeps it per thread: after
 * the register was read or the overview made in a worker thread, tens
 * of megabytes would stay with the process although nothing uses them.
 * Call it when such work is done, not in a loop: it walks the heap.
 */
void
ck_memory_release_unused (void)
{
#if HAVE_MALLOC_TRIM
  malloc_trim (0);
#endif
}
