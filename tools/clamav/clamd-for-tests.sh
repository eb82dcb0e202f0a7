#!/usr/bin/env bash
# A clamd for the integration tests (docs/features/file-requests.md, FR-7..FR-10), from Debian's clamav-daemon:
# a signature database of one MD5 signature, made here with sigtool, that detects the EICAR test file, so no
# signature download is needed. Listens on 127.0.0.1:<port>; ends by itself when the process that started it (the
# Maven build) ends, or the process <owner> names (a test that restarts clamd names the build, not its own JVM, which
# ends before the tests that kill the server run). Usage: clamd-for-tests.sh <dir> <port> [<owner>]. Returns once
# clamd answers PING.
set -euo pipefail
dir=$1
port=$2
owner=${3:-$PPID}
command -v clamd >/dev/null || { echo "clamd-for-tests: clamd is missing (apt-get install clamav-daemon)" >&2; exit 1; }
command -v sigtool >/dev/null || { echo "clamd-for-tests: sigtool is missing (apt-get install clamav)" >&2; exit 1; }
mkdir -p "$dir/db"
if [ -f "$dir/clamd.pid" ] && kill -0 "$(cat "$dir/clamd.pid")" 2>/dev/null; then
  kill "$(cat "$dir/clamd.pid")" 2>/dev/null || true
  sleep 1
fi
# The EICAR test file (https://www.eicar.org): harmless, and detected by every scanner as if it were a virus.
printf '%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*' > "$dir/Coffer-Test-EICAR"
(cd "$dir" && sigtool --md5 Coffer-Test-EICAR > db/coffer-test.hdb)
cat > "$dir/clamd.conf" <<CONF
Foreground yes
TCPSocket $port
TCPAddr 127.0.0.1
DatabaseDirectory $dir/db
PidFile $dir/clamd.pid
LogFile $dir/clamd.log
LogTime yes
StreamMaxLength 400M
MaxFileSize 400M
MaxScanSize 400M
ReadTimeout 120
CommandReadTimeout 30
MaxThreads 4
CONF
setsid clamd --config-file="$dir/clamd.conf" </dev/null >"$dir/clamd.out" 2>&1 &
clamd_pid=$!
echo "$clamd_pid" > "$dir/clamd.pid"
# the watchdog: clamd goes with the build that started it
setsid bash -c "while kill -0 $owner 2>/dev/null && kill -0 $clamd_pid 2>/dev/null; do sleep 2; done; kill $clamd_pid 2>/dev/null" \
  </dev/null >/dev/null 2>&1 &
for _ in $(seq 1 120); do
  if exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
    printf 'zPING\0' >&3
    reply=$(timeout 2 head -c 5 <&3 || true)
    exec 3>&- 3<&-
    if [ "$reply" = "PONG" ]; then
      echo "clamd-for-tests: clamd $clamd_pid answers on 127.0.0.1:$port"
      exit 0
    fi
  fi
  kill -0 "$clamd_pid" 2>/dev/null || { echo "clamd-for-tests: clamd ended:" >&2; cat "$dir/clamd.out" "$dir/clamd.log" >&2 || true; exit 1; }
  sleep 0.5
done
echo "clamd-for-tests: clamd did not answer on 127.0.0.1:$port within 60 s" >&2
exit 1
