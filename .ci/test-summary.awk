# Summarizes Surefire/Failsafe XML reports (TEST-*.xml) given as arguments.
#
# Prints a table per module (tests, failures, errors, skipped, time), then every failing test with
# the first line of its message, and ends with exactly one line `N passed, N failed, N skipped`
# (failed = failures + errors), which CI tooling reads. Exits 3 when no test ran, 4 when a test
# failed (which Maven reports too, unless someone set testFailureIgnore).
#
# Plain POSIX awk (runs on mawk and busybox): Surefire writes each <testsuite> and <testcase> start
# tag on one line, with newlines in attribute values escaped as &#10;, so lines are enough.

function attr(tag, key,    start, rest) {
  start = index(tag, " " key "=\"")
  if (start == 0) return ""
  rest = substr(tag, start + length(key) + 3)
  return substr(rest, 1, index(rest, "\"") - 1)
}

function unescape(s) {
  gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "'", s)
  gsub(/&#9;/, " ", s); gsub(/&amp;/, "\\&", s)
  return s
}

# The first non-blank line of an attribute value (AssertJ messages start with a line break).
function first_line(s,    cut, line) {
  gsub(/&#13;/, "", s)
  while (s != "") {
    cut = index(s, "&#10;")
    if (cut == 0) { line = s; s = "" } else { line = substr(s, 1, cut - 1); s = substr(s, cut + 5) }
    if (line ~ /[^ \t]/) break
    line = ""
  }
  line = unescape(line)
  sub(/^[ \t]+/, "", line)
  if (length(line) > 200) line = substr(line, 1, 197) "..."
  return line
}

function module_of(path,    kind) {
  kind = (path ~ /\/failsafe-reports\//) ? " (it)" : ""
  sub(/\/?target\/(surefire|failsafe)-reports\/[^\/]*$/, "", path)
  sub(/^\.\//, "", path)
  if (path == "" || path == ".") path = "(root)"
  return path kind
}

FNR == 1 { in_suite_tag = 0; in_case = 0; reported = 0; module = module_of(FILENAME) }

# The <testsuite> start tag, cut at its closing '>' so that nested elements never match.
!seen_suite[FILENAME] && /<testsuite[ >]/ {
  seen_suite[FILENAME] = 1
  tag = substr($0, index($0, "<testsuite"))
  tag = substr(tag, 1, index(tag, ">"))
  if (!(module in tests)) order[++modules] = module
  tests[module] += attr(tag, "tests")
  failures[module] += attr(tag, "failures")
  errors[module] += attr(tag, "errors")
  skipped[module] += attr(tag, "skipped")
  time = attr(tag, "time"); gsub(/,/, "", time)  # older Surefires group thousands: "1,234.5"
  seconds[module] += time
  next
}

/^[ \t]*<testcase[ >]/ {
  case_name = unescape(attr($0, "classname")) "." unescape(attr($0, "name"))
  in_case = ($0 !~ /\/>[ \t]*$/)
  reported = 0
  next
}

/^[ \t]*<\/testcase>/ { in_case = 0; next }

# Only the first <failure>/<error> of a test case: reruns add <rerunFailure> etc., which differ.
in_case && !reported && /^[ \t]*<(failure|error)[ >\/]/ {
  reported = 1
  type = attr($0, "type"); sub(/^.*\./, "", type)  # the exception's simple name
  message = first_line(attr($0, "message"))
  message = (message == "") ? type : type ": " message
  kind = ($0 ~ /^[ \t]*<error/) ? "ERROR" : "FAIL"
  failed_list[++failed_count] = sprintf("  %-5s %s [%s]\n        %s", kind, case_name, module, message)
}

END {
  total_tests = total_failures = total_errors = total_skipped = total_seconds = 0
  if (modules > 0) {
    printf "%-28s %7s %9s %7s %8s %9s\n", "module", "tests", "failures", "errors", "skipped", "time(s)"
    for (i = 1; i <= modules; i++) {
      m = order[i]
      printf "%-28s %7d %9d %7d %8d %9.2f\n", m, tests[m], failures[m], errors[m], skipped[m], seconds[m]
      total_tests += tests[m]; total_failures += failures[m]; total_errors += errors[m]
      total_skipped += skipped[m]; total_seconds += seconds[m]
    }
    printf "%-28s %7d %9d %7d %8d %9.2f\n", "total", total_tests, total_failures, total_errors, total_skipped, total_seconds
  }
  if (failed_count > 0) {
    print ""
    print "Failing tests:"
    for (i = 1; i <= failed_count; i++) print failed_list[i]
  }
  if (total_tests == 0) {
    if (modules > 0) print ""
    print "No tests ran (no TEST-*.xml reports, or all of them empty)."
  }
  failed = total_failures + total_errors
  printf "%d passed, %d failed, %d skipped\n", total_tests - failed - total_skipped, failed, total_skipped
  exit (total_tests == 0) ? 3 : (failed > 0) ? 4 : 0
}
