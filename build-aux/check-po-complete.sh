#!/bin/sh
# check-po-complete.sh: fail when a translation in po/LINGUAS has errors,
# untranslated or fuzzy messages, and say which messages they are.
# Copyright 2026 The Casuskamer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-po-complete.sh [SOURCE_ROOT]
#
# This checks each .po file as it is. After adding strings to the sources,
# run `meson compile -C _build casuskamer-update-po` to merge them in first.

set -eu

LC_ALL=C
export LC_ALL

srcdir=${1:-$(dirname "$0")/..}
cd "$srcdir/po"

# Prints the msgids of the messages that msgattrib selects with $2, one a
# line, indented.
list_messages ()
{
  msgattrib "$2" --no-obsolete --no-wrap "$1" |
    awk '
      function flush () { if (id != "") print "  \"" id "\""; id = ""; inid = 0 }
      /^msgid "/      { flush(); inid = 1; id = substr ($0, 8, length ($0) - 8); next }
      /^"/ && inid    { id = id substr ($0, 2, length ($0) - 2); next }
                      { if (inid) flush() }
      END             { flush() }'
}

status=0
langs=$(sed -e 's/#.*//' LINGUAS)

for lang in $langs; do
  po=$lang.po

  if [ ! -f "$po" ]; then
    echo "$lang is in po/LINGUAS but po/$po does not exist."
    status=1
    continue
  fi

  if ! stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1); then
    echo "po/$po has errors:"
    echo "$stats" | sed 's/^/  /'
    status=1
    continue
  fi

  untranslated=$(list_messages "$po" --untranslated)
  fuzzy=$(list_messages "$po" --only-fuzzy)

  if [ -n "$untranslated" ]; then
    echo "po/$po has untranslated messages:"
    echo "$untranslated"
    status=1
  fi
  if [ -n "$fuzzy" ]; then
    echo "po/$po has fuzzy messages (check the translation, then remove the fuzzy flag):"
    echo "$fuzzy"
    status=1
  fi
  if [ -z "$untranslated" ] && [ -z "$fuzzy" ]; then
    echo "po/$po: $stats"
  fi
done

exit "$status"
