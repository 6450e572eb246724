#!/bin/sh
# check-potfiles.sh: fail when a file with translatable strings is missing
# from po/POTFILES.in, or when POTFILES.in lists a file that does not exist
# or is not sorted.
# Copyright 2026 The Casuskamer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-potfiles.sh [SOURCE_ROOT]
#
# What counts as translatable:
#   *.c, *.h           _(, N_(, C_(, NC_(, and ngettext/g_dngettext/g_dpgettext2
#                      with a literal string, outside comments and strings
#   *.ui, *.xml(.in)   translatable="yes"
#   *.desktop.in       always (Name, Comment, Keywords)
#   *.metainfo.xml.in  always (name, summary, description)
#   *.gschema.xml      a <summary> or <description>
#   *.xml              a document whose root data/its/casuskamer.loc names
#                      (<vocabularies>, <reflection>, …) with <label>, <title>,
#                      <description> or <text> elements (data/its/casuskamer.its)
# Files listed in po/POTFILES.skip, if it exists, are exempt.

set -eu

LC_ALL=C
export LC_ALL

srcdir=${1:-$(dirname "$0")/..}
cd "$srcdir"

potfiles=po/POTFILES.in
skipfile=po/POTFILES.skip
dirs="app ui data"

if [ ! -f "$potfiles" ]; then
  echo "check-potfiles: $srcdir/$potfiles does not exist" >&2
  exit 1
fi

# The roots of the data files that the ITS rules translate, as "a|b".
its_roots=$(sed -n 's/.*localName="\([^"]*\)".*/\1/p' data/its/casuskamer.loc 2> /dev/null | paste -sd '|' -)

tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/check-potfiles.XXXXXX")
trap 'rm -rf "$tmpdir"' EXIT HUP INT TERM

# Prints a C file with its comments removed and its string and character
# literals emptied, so that "_(" in a comment or a string does not count.
strip_c ()
{
  awk '
    BEGIN { state = 0 }  # 0 code, 1 block comment, 2 string, 3 character
    {
      line = $0; out = ""; n = length (line); i = 1
      while (i <= n) {
        c = substr (line, i, 1); d = substr (line, i, 2)
        if (state == 1) {
          if (d == "*/") { state = 0; out = out " "; i += 2 } else i++
          continue
        }
        if (state == 2 || state == 3) {
          if (c == "\\") { i += 2; continue }
          if ((state == 2 && c == "\"") || (state == 3 && c == "\047")) { state = 0; out = out c }
          i++
          continue
        }
        if (d == "/*") { state = 1; i += 2; continue }
        if (d == "//") break
        if (c == "\"") state = 2
        else if (c == "\047") state = 3
        out = out c
        i++
      }
      if (state != 1) state = 0
      print out
    }' "$1"
}

c_pattern='(^|[^A-Za-z0-9_])(N|C|NC)?_[[:space:]]*\('
c_pattern="$c_pattern"'|(^|[^A-Za-z0-9_])ngettext[[:space:]]*\([[:space:]]*"'
c_pattern="$c_pattern"'|(^|[^A-Za-z0-9_])g_d(n|pgettext2|)gettext[[:space:]]*\([^,]*,[[:space:]]*"'

has_strings ()
{
  f=$1
  case $f in
    *.c|*.h)
      strip_c "$f" | grep -Eq "$c_pattern"
      return
      ;;
    *.desktop.in|*.metainfo.xml.in|*.appdata.xml.in)
      return 0
      ;;
    *.gschema.xml)
      grep -Eq '<(summary|description)[[:space:]>]' "$f"
      return
      ;;
  esac
  case $f in
    *.ui|*.ui.in|*.xml|*.xml.in)
      if grep -Eiq 'translatable="(yes|true|1)"' "$f"; then
        return 0
      fi
      ;;
  esac
  case $f in
    *.xml)
      [ -n "$its_roots" ] &&
        grep -Eq "<($its_roots)[[:space:]>]" "$f" &&
        grep -Eq '<(label|title|description|text)[[:space:]>]' "$f"
      return
      ;;
  esac
  return 1
}

# The entries of a POTFILES-style list: no comments, no blank lines, no
# [type: …] prefixes.
read_list ()
{
  sed -e 's/#.*//' -e 's/^[[:space:]]*\[[^]]*\][[:space:]]*//' \
      -e 's/[[:space:]]*$//' -e '/^$/d' "$1"
}

read_list "$potfiles" > "$tmpdir/listed-unsorted"
sort -u "$tmpdir/listed-unsorted" > "$tmpdir/listed"
if [ -f "$skipfile" ]; then
  read_list "$skipfile" | sort -u > "$tmpdir/skipped"
else
  : > "$tmpdir/skipped"
fi

: > "$tmpdir/found"
for dir in $dirs; do
  [ -d "$dir" ] || continue
  find "$dir" -type f \( -name '*.c' -o -name '*.h' -o -name '*.ui' -o -name '*.ui.in' \
                         -o -name '*.xml' -o -name '*.xml.in' -o -name '*.desktop.in' \) -print
done | sort > "$tmpdir/candidates"

while IFS= read -r f; do
  if has_strings "$f"; then
    echo "$f" >> "$tmpdir/found"
  fi
done < "$tmpdir/candidates"

status=0

comm -23 "$tmpdir/found" "$tmpdir/listed" | comm -23 - "$tmpdir/skipped" > "$tmpdir/missing"
if [ -s "$tmpdir/missing" ]; then
  echo "These files have translatable strings but are missing from $potfiles:"
  sed 's/^/  /' "$tmpdir/missing"
  echo "Add them to $potfiles (keep it sorted), or to $skipfile if they must not be translated."
  echo
  status=1
fi

: > "$tmpdir/absent"
while IFS= read -r f; do
  if [ ! -f "$f" ]; then
    echo "$f" >> "$tmpdir/absent"
  fi
done < "$tmpdir/listed"
if [ -s "$tmpdir/absent" ]; then
  echo "$potfiles lists files that do not exist (xgettext would fail on them):"
  sed 's/^/  /' "$tmpdir/absent"
  echo
  status=1
fi

if ! sort -c "$tmpdir/listed-unsorted" 2> /dev/null || \
   [ "$(uniq -d "$tmpdir/listed-unsorted")" != "" ]; then
  echo "$potfiles is not sorted or lists a file twice; sort it with LC_ALL=C sort -u."
  echo
  status=1
fi

# Not an error: xgettext copes, but the entry is probably stale.
comm -23 "$tmpdir/listed" "$tmpdir/found" > "$tmpdir/stale"
while IFS= read -r f; do
  if [ -f "$f" ]; then
    echo "Note: $f is listed in $potfiles but has no translatable strings that this check recognises."
  fi
done < "$tmpdir/stale"

if [ "$status" -eq 0 ]; then
  echo "$potfiles lists all $(wc -l < "$tmpdir/found" | tr -d ' ') files with translatable strings."
fi

exit "$status"
